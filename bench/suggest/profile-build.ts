/**
 * The suggestion-index build of the 5 MB volume + seed corpus alone, for profiling and quick re-measuring:
 *   node --cpu-prof --cpu-prof-dir=<dir> --import tsx bench/suggest/profile-build.ts      (in this thread)
 *   WORKER=1 npx tsx bench/suggest/profile-build.ts          (as the app does it: in the worker threads)
 * Prints wall clock and CPU time (process.cpuUsage: every thread of the process) of each build, and the
 * load average, since on a shared machine the wall clock mostly measures the other processes.
 */
import os from "node:os";
import { buildMemorySource } from "@/lib/content/pipeline";
import { teiVolume } from "@/lib/content/testing/tei-volume";
import { ensureSeminarIndex, indexKey } from "@/lib/links/seminar-index";
import { buildIndex } from "@/lib/links/suggest/index";
import { loadLexicon } from "@/lib/links/suggest/lexicon";
import { runTask, stopWorkers } from "@/lib/workers/pool";
import { workerTasks as searchTasks } from "@/lib/search/worker-tasks";
import { stopSuggestWorker } from "@/lib/links/suggest-host";
import { demoSeminarGlossary } from "./glossary-fixture";
import { demoSeminarNames } from "./names-fixture";
import { loadCorpus } from "./seed-corpus";

const { docs } = loadCorpus();
const volume = buildMemorySource({
  fileName: "band.xml",
  bytes: Buffer.from(teiVolume(5_000_000)),
  slug: "bench-band",
  meta: { lang: "de", kind: "essay" },
}).doc;
const names = demoSeminarNames();
const all = [...docs, volume];
const runs = Number(process.env.RUNS ?? 2);
const inWorker = process.env.WORKER === "1";
// The workers do not keep a process alive (a server does): this timer does, until the builds are done.
const alive = setInterval(() => undefined, 1000);
if (inWorker) await runTask(searchTasks, "search-rows", { blocks: docs[0].blocks.slice(0, 1) }); // the worker's start-up is not the build
const lexicon = inWorker ? null : loadLexicon();
for (let i = 0; i < runs; i++) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  if (inWorker) {
    // A new seminar each time: the documents stay staged in the worker, as they do for a second seminar.
    await ensureSeminarIndex(`profile-${i}`, { docs: all, glossary: demoSeminarGlossary(), names, key: indexKey(all, demoSeminarGlossary(), names) });
  } else {
    buildIndex(all, demoSeminarGlossary(), names, { lexicon });
  }
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  console.log(
    `build ${i + 1} ${inWorker ? "in the workers" : "in this thread"}: wall ${wall.toFixed(0)} ms, CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms, load ${os.loadavg()[0].toFixed(1)}`,
  );
}
clearInterval(alive);
await stopWorkers();
await stopSuggestWorker();
