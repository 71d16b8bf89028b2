/**
 * The bilingual lexicon in the workers: the index is built in the indexing worker with the lexicon file
 * set-up wrote, crosses to the suggestion worker without it, and that worker reads the same file — so a
 * German passage still meets its English translation there, by translated words alone (no shared name,
 * date or number). The lexicon here is a tiny file written by the test (SYNOPSE_LEXICON), set before any
 * worker starts (workers take the environment they start with).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { buildMemorySource } from "@/lib/content/pipeline";
import { formatLexicon, type Lexicon } from "./suggest/lexicon";
import { stemWord, type WordLanguage } from "./suggest/words";
import * as pool from "@/lib/workers/pool";
import { stopWorkers } from "@/lib/workers/pool";
import { queryIndex, stopSuggestWorker } from "./suggest-host";

function lexiconFile(pairs: Array<[WordLanguage, string, WordLanguage, string]>): string {
  const lexicon: Lexicon = { pairs: new Map(), sources: ["test"] };
  const add = (from: WordLanguage, a: string, to: WordLanguage, b: string) => {
    const dir = `${from}>${to}`;
    if (!lexicon.pairs.has(dir)) lexicon.pairs.set(dir, new Map());
    lexicon.pairs.get(dir)!.set(stemWord(a, from), stemWord(b, to));
  };
  for (const [from, a, to, b] of pairs) {
    add(from, a, to, b);
    add(to, b, from, a);
  }
  const file = path.join(dir, "lexicon.tsv.gz");
  writeFileSync(file, gzipSync(formatLexicon(lexicon)));
  return file;
}

const dir = mkdtempSync(path.join(os.tmpdir(), "synopse-lexicon-"));
const previous = process.env.SYNOPSE_LEXICON;
process.env.SYNOPSE_LEXICON = lexiconFile([
  ["de", "Gesandtschaft", "en", "legation"],
  ["de", "Verhandlungen", "en", "negotiations"],
  ["de", "heimlich", "en", "secret"],
]);

afterAll(async () => {
  await stopWorkers();
  await stopSuggestWorker();
  if (previous === undefined) delete process.env.SYNOPSE_LEXICON;
  else process.env.SYNOPSE_LEXICON = previous;
  rmSync(dir, { recursive: true, force: true });
});

const md = (slug: string, lang: string, paragraphs: string[]) =>
  buildMemorySource({
    fileName: `${slug}.md`,
    bytes: Buffer.from(`---\ntitle: ${slug}\nlang: ${lang}\nkind: essay\nsource: test\n---\n\n${paragraphs.join("\n\n")}\n`),
    slug,
  }).doc;
const de = md("lex-de", "de", [
  "Die Ernte fiel in diesem Jahr schlecht aus, und die Preise für Brot stiegen.",
  "Im Hafen lagen viele Schiffe, deren Ladung niemand abholen wollte.",
  "Die Gesandtschaft führte heimlich Verhandlungen.",
]);
const en = md("lex-en", "en", [
  "The harvest was poor that year, and the price of bread rose.",
  "Many ships lay in the harbour with cargo nobody came to collect.",
  "The legation conducted secret negotiations.",
]);

describe("the lexicon in the suggestion worker", () => {
  it("proposes the English translation of a German passage by its translated words", async () => {
    const { ensureSeminarIndex, indexKey } = await import("./seminar-index");
    const key = indexKey([de, en], [], []);
    await ensureSeminarIndex("lex", { docs: [de, en], glossary: [], names: [], key });
    expect(pool.lastRunIn).toBe("worker");
    const block = de.blocks.find((b) => b.text.includes("Gesandtschaft"))!;
    const answer = await queryIndex({
      seminarId: "lex",
      key,
      passage: { slug: "lex-de", blockId: block.id, start: 0, end: block.text.length },
      options: { limit: 5 },
      doc: { slug: "lex-de", version: de.version },
    });
    expect(answer.missing).toBeFalsy();
    const top = answer.missing ? undefined : answer.result[0];
    expect(top?.slug).toBe("lex-en");
    expect(top?.reasons.filter((r) => r.kind === "translation").map((r) => `${r.source}→${r.target}`)).toEqual(
      expect.arrayContaining(["Gesandtschaft→legation", "Verhandlungen→negotiations"]),
    );
  });
});
