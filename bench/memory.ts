/**
 * `npx tsx bench/memory.ts`: the load test alone (bench/load.ts: 50 members, mixed reading, annotating and
 * searching), for BENCH_LOAD_SECONDS (default here 600: the 10-minute check that memory levels off after
 * warm-up), written into bench/RESULTS.md as its own section. `npm run bench` runs the same load for two
 * minutes per database.
 */
import os from "node:os";
import { writeSection } from "./bounded";

process.env.BENCH_LOAD_SECONDS ??= "600";
// Heap used after a forced full GC beside RSS (bench/gc-probe.mjs): tells a leak from garbage not yet collected.
process.env.BENCH_GC_PROBE ??= "1";
// After the setting: load.ts reads it when loaded.
const { benchLoad } = await import("./load");
const { rows, notes } = await benchLoad();
for (const r of rows) console.log(`${r.name}\t${Number.isInteger(r.value) ? r.value : r.value.toFixed(2)} ${r.unit}`);
writeSection(`Memory over a ${Math.round(Number(process.env.BENCH_LOAD_SECONDS) / 60)}-minute mixed load`, "npx tsx bench/memory.ts", rows, [
  ...notes,
  `Load average at the end: ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(" / ")} on ${os.cpus().length} cores (shared machine).`,
]);
