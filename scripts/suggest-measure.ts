/**
 * The suggestion engine's own measurement on the seed gold set (lib/links/suggest/gold.ts), until the bench
 * reports it: recall@5 and traps proposed without seminar lists, with the seminar glossary, and with a name
 * list given as a JSON file of SeminarName entries; p95 latency of one suggestion over the gold passages.
 * Uses this machine's lexicon (.cache/lexicon.tsv.gz) unless --no-lexicon.
 *   npx tsx scripts/suggest-measure.ts [--names names.json] [--no-lexicon]
 */
import { readFileSync } from "node:fs";
import { STARTER_GLOSSARY } from "@/lib/links/glossary";
import { evaluateGold, resolvePassage } from "@/lib/links/suggest/evaluate";
import { GOLD_LINKS } from "@/lib/links/suggest/gold";
import { buildIndex, suggest, type SeminarName } from "@/lib/links/suggest/index";
import { loadLexicon } from "@/lib/links/suggest/lexicon";
import { loadCorpus } from "@/lib/links/suggest/seed-corpus";

const args = process.argv.slice(2);
const namesFile = args.includes("--names") ? args[args.indexOf("--names") + 1] : null;
const names: SeminarName[] = namesFile ? JSON.parse(readFileSync(namesFile, "utf8")) : [];
const lexicon = args.includes("--no-lexicon") ? null : loadLexicon();
const { docs, source } = loadCorpus();
console.log(`corpus: ${source}, ${docs.length} documents; lexicon: ${lexicon ? lexicon.sources.join(", ") : "none"}`);

const setups: Array<[string, typeof STARTER_GLOSSARY, SeminarName[]]> = [
  ["no seminar lists", [], []],
  ["seminar glossary", STARTER_GLOSSARY, []],
  ...(names.length ? [["glossary + name list", STARTER_GLOSSARY, names] as [string, typeof STARTER_GLOSSARY, SeminarName[]]] : []),
];
for (const [label, glossary, list] of setups) {
  const index = buildIndex(docs, glossary, list, { lexicon });
  const report = evaluateGold(index, docs, 5);
  const times: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const g of GOLD_LINKS) {
      const from = resolvePassage(docs, g.from);
      const t = performance.now();
      suggest(index, from, { limit: 5 });
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  const p95 = times[Math.min(times.length - 1, Math.floor(0.95 * times.length))];
  console.log(`${label}: recall@5 ${report.recallAtK.toFixed(2)} (${report.links.filter((l) => l.rank).length}/${report.links.length}), traps in top 5 ${report.traps.filter((t) => t.rank).length}/${report.traps.length}, p95 ${p95.toFixed(1)} ms`);
}
