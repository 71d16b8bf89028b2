/**
 * The bilingual lexicon: for a word stem in one language, the stems of its translations in another. Built
 * once at set-up from FreeDict's dictionaries (scripts/build-lexicon.ts) into a compact gzip'ed TSV file,
 * and read once per process here, never per request. Framework-free except for reading the file.
 *
 * File format (one line per source stem and direction):
 *   `de>en<TAB>separatfried<TAB>separ peac`
 * The first line is a header: `synopse-lexicon<TAB>1<TAB>sources…`.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import type { WordLanguage } from "./words";

export type Direction = `${WordLanguage}>${WordLanguage}`;

export interface Lexicon {
  /** "de>en" → stem → translation stems, space-separated (in the dictionary's order: first senses first).
   * Kept as one string per stem and split on use: a third of the memory of arrays for ~300k stems. */
  pairs: Map<string, Map<string, string>>;
  /** the dictionaries it was built from, for the notice and the bench */
  sources: string[];
}

export const LEXICON_HEADER = "synopse-lexicon\t1";

/** Where set-up writes the lexicon (git-ignored); SYNOPSE_LEXICON overrides it. */
export function lexiconPath(): string {
  return process.env.SYNOPSE_LEXICON ?? path.join(process.cwd(), ".cache", "lexicon.tsv.gz");
}

/** Parse the lexicon file's text (plain, not gzip'ed). Throws on a file that is not a lexicon. */
export function parseLexicon(text: string): Lexicon {
  const lines = text.split("\n");
  if (!lines[0].startsWith(LEXICON_HEADER)) throw new Error("not a synopse lexicon file");
  const sources = lines[0].split("\t").slice(2);
  const pairs = new Map<string, Map<string, string>>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const a = line.indexOf("\t");
    const b = line.indexOf("\t", a + 1);
    if (a < 0 || b < 0) continue;
    const dir = line.slice(0, a);
    let map = pairs.get(dir);
    if (!map) pairs.set(dir, (map = new Map()));
    map.set(line.slice(a + 1, b), line.slice(b + 1));
  }
  return { pairs, sources };
}

/** Serialise a lexicon (the build script and test fixtures use this). */
export function formatLexicon(lexicon: Lexicon): string {
  const out = [`${LEXICON_HEADER}\t${lexicon.sources.join("\t")}`];
  for (const [dir, map] of lexicon.pairs) for (const [stem, targets] of map) if (targets) out.push(`${dir}\t${stem}\t${targets}`);
  return out.join("\n") + "\n";
}

let loaded: { path: string; lexicon: Lexicon | null } | null = null;

/**
 * The lexicon of this machine, or null when set-up has not built it (the dictionaries are missing): the
 * engine then falls back to same-language words, names and dates, and says so.
 */
export function loadLexicon(file = lexiconPath()): Lexicon | null {
  if (loaded && loaded.path === file) return loaded.lexicon;
  let lexicon: Lexicon | null = null;
  try {
    if (existsSync(file)) {
      const raw = readFileSync(file);
      lexicon = parseLexicon((file.endsWith(".gz") ? gunzipSync(raw) : raw).toString("utf8"));
    }
  } catch {
    lexicon = null; // a damaged file is a missing dictionary, not a crash
  }
  loaded = { path: file, lexicon };
  return lexicon;
}

/** Translation stems of a stem from one language into another (both directions of the dictionaries). */
export function translations(lexicon: Lexicon | null, stem: string, from: WordLanguage, to: WordLanguage): string[] {
  if (!lexicon || from === to) return [];
  const targets = lexicon.pairs.get(`${from}>${to}`)?.get(stem);
  return targets ? targets.split(" ") : [];
}
