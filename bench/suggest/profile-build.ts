/**
 * Profile the suggestion-index build of the 5 MB volume + seed corpus in this thread, for `node --cpu-prof`:
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/suggest/profile-build.ts
 * Prints wall clock and CPU time (process.cpuUsage) of each of a few builds.
 */
import { buildMemorySource } from "@/lib/content/pipeline";
import { teiVolume } from "@/lib/content/testing/tei-volume";
import { STARTER_GLOSSARY } from "@/lib/links/glossary";
import { buildIndex } from "@/lib/links/suggest/index";
import { loadLexicon } from "@/lib/links/suggest/lexicon";
import { demoSeminarNames } from "./names-fixture";
import { loadCorpus } from "./seed-corpus";

const { docs } = loadCorpus();
const volume = buildMemorySource({ fileName: "band.xml", bytes: Buffer.from(teiVolume(5_000_000)), slug: "bench-band", meta: { lang: "de", kind: "essay" } }).doc;
const lexicon = loadLexicon();
const names = demoSeminarNames();
const runs = Number(process.env.RUNS ?? 2);
for (let i = 0; i < runs; i++) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const index = buildIndex([...docs, volume], STARTER_GLOSSARY, names, { lexicon });
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  console.log(`build ${i + 1}: ${index.blocks.length} blocks, wall ${wall.toFixed(0)} ms, CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms`);
}
