/**
 * Bench-only probe, preloaded into an app server by bench/load.ts (NODE_OPTIONS="--expose-gc --import
 * bench/gc-probe.mjs", only when BENCH_GC_PROBE_FILE is set): no endpoint in the app, no inspector port.
 *  - SIGUSR2: two full garbage collections, then one JSON line of process.memoryUsage() appended to
 *    BENCH_GC_PROBE_FILE. Heap used after a forced GC is what the program still holds; RSS also counts garbage
 *    not yet collected and memory the allocator keeps, so the two together tell a leak from a lazy collector.
 *  - SIGPWR: the same collection, then a heap snapshot (v8.writeHeapSnapshot) into BENCH_HEAP_SNAPSHOT_DIR,
 *    to compare by constructor (bench/heap-diff.ts).
 * --import loads it before Next's own code, outside the app's bundles.
 */
import { appendFileSync } from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import { isMainThread } from "node:worker_threads";

const file = process.env.BENCH_GC_PROBE_FILE;
if (file && isMainThread && typeof globalThis.gc === "function") {
  const collect = () => {
    globalThis.gc();
    globalThis.gc();
  };
  process.on("SIGUSR2", () => {
    collect();
    const m = process.memoryUsage();
    appendFileSync(
      file,
      `${JSON.stringify({ t: Date.now(), rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers })}\n`,
    );
  });
  process.on("SIGPWR", () => {
    collect();
    const dir = process.env.BENCH_HEAP_SNAPSHOT_DIR || path.dirname(file);
    const out = v8.writeHeapSnapshot(path.join(dir, `heap-${Date.now()}.heapsnapshot`));
    appendFileSync(file, `${JSON.stringify({ t: Date.now(), snapshot: out })}\n`);
  });
}
