/**
 * Bench-only probe, preloaded into an app server by bench/load.ts (NODE_OPTIONS="--expose-gc --require
 * bench/gc-probe.cjs", only when BENCH_GC_PROBE_FILE is set): no endpoint in the app, no inspector port.
 *  - SIGUSR2: two full garbage collections, then one JSON line of process.memoryUsage() appended to
 *    BENCH_GC_PROBE_FILE. Heap used after a forced GC is what the program still holds; RSS also counts garbage
 *    not yet collected and memory the allocator keeps, so the two together tell a leak from a lazy collector.
 *  - SIGPWR: the same collection, then a heap snapshot (v8.writeHeapSnapshot) into BENCH_HEAP_SNAPSHOT_DIR,
 *    to compare by constructor (bench/heap-diff.ts).
 * CommonJS: --require loads it before Next's own code, outside the app's bundles.
 */
const { appendFileSync } = require("node:fs");
const path = require("node:path");
const v8 = require("node:v8");
const { isMainThread } = require("node:worker_threads");

const file = process.env.BENCH_GC_PROBE_FILE;
if (file && isMainThread && typeof globalThis.gc === "function") {
  const collect = () => {
    globalThis.gc();
    globalThis.gc();
  };
  process.on("SIGUSR2", () => {
    collect();
    const m = process.memoryUsage();
    appendFileSync(file, `${JSON.stringify({ t: Date.now(), rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers })}\n`);
  });
  process.on("SIGPWR", () => {
    collect();
    const dir = process.env.BENCH_HEAP_SNAPSHOT_DIR || path.dirname(file);
    const out = v8.writeHeapSnapshot(path.join(dir, `heap-${Date.now()}.heapsnapshot`));
    appendFileSync(file, `${JSON.stringify({ t: Date.now(), snapshot: out })}\n`);
  });
}
