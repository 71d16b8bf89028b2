/**
 * Text analysis shared by indexing and querying, so both sides always agree. Framework-free.
 *
 * Every word of a text becomes one token in each of four parallel "columns":
 *   w   the folded word (lib/text/normalize: case, diacritics, ß → ss, Führer = Fuehrer, Cyrillic → Latin)
 *   de  its German Snowball stem       ("Verhandlungen" → "verhandl")
 *   en  its English Snowball stem      ("negotiations" → "negoti")
 *   nk  its phonetic name key          (Gorbatschow / Gorbachev / Горбачёв → "gorbacev")
 * Russian words (Cyrillic) are stemmed with the Russian stemmer before folding, in both stem columns.
 *
 * Why every word gets both stems: the language of a query is unknown (a German reader searches an English
 * essay in English words), and notes mix languages. Stemming both sides with the same two stemmers keeps
 * index and query symmetric; the cost is a few accidental matches between languages, which ranking
 * (exact folded matches weigh most) pushes down.
 *
 * Why one token per word in every column: the columns stay position-aligned, so phrases ("trade agreement",
 * "neues Handelsabkommen") are native phrase queries in SQLite FTS5 and PostgreSQL (<->) alike. Tokens are
 * plain [a-z0-9] strings, which both databases' tokenizers ('unicode61', 'simple') keep as exactly one
 * token — the databases never stem or interpret anything themselves, so both behave the same.
 */
import { memoizeWord } from "@/lib/cache/memo";
import { nameKey } from "@/lib/text/name-key";
import { foldText, tokenize } from "@/lib/text/normalize";
import { stem } from "@/lib/text/words";

/**
 * The version of the analysis. Change it whenever a word's tokens change (a stemmer, the fold, the name key):
 * stored entries are then analysed again (lib/search/indexer: the corpus, uploaded texts and notes).
 * v2: one name key for search and suggestions (lib/text/name-key).
 */
export const ANALYZER_VERSION = "analyze-v2";

export type SearchColumn = "w" | "de" | "en" | "nk";
export const COLUMNS: readonly SearchColumn[] = ["w", "de", "en", "nk"];

/** One analyzed word: its span in the text and its token in every column. */
export interface AnalyzedWord {
  start: number;
  end: number;
  w: string;
  de: string;
  en: string;
  nk: string;
}

/** The four column strings of a text, space-separated tokens (what the index stores). */
export type IndexColumns = Record<SearchColumn, string>;

// Longer tokens are cut: PostgreSQL refuses words over 2047 bytes, and nobody searches for such strings.
const MAX_TOKEN = 60;
// A token that sanitizes to nothing still takes its position, so the columns stay aligned.
const PLACEHOLDER = "0";

const CYRILLIC = /[\u0400-\u04FF]/;

function clean(token: string): string {
  const t = token.replace(/[^a-z0-9]/g, "").slice(0, MAX_TOKEN);
  return t || PLACEHOLDER;
}

/** The column tokens of one written word (memoized: the vocabulary is small next to the text). */
export const analyzeWord = memoizeWord(analyzeWordUncached, { max: 200_000 });

function analyzeWordUncached(raw: string): Omit<AnalyzedWord, "start" | "end"> {
  const folded = foldText(raw);
  const w = clean(folded);
  let de: string;
  let en: string;
  if (CYRILLIC.test(raw)) {
    de = en = clean(foldText(stem(raw.toLowerCase().replace(/ё/g, "е"), "ru")));
  } else {
    // Apostrophes: "Lincoln's" is stemmed as "lincolns" would be.
    const plain = folded.replace(/['’]/g, "");
    de = clean(stem(plain, "de"));
    en = clean(stem(plain, "en"));
  }
  return { w, de, en, nk: clean(nameKey(raw)) };
}

/** Every word of a text, analyzed, with offsets into `text` (UTF-16 code units). */
export function analyze(text: string): AnalyzedWord[] {
  return tokenize(text).map((t) => ({ start: t.start, end: t.end, ...analyzeWord(t.raw) }));
}

/** `normalizeForIndex`: the token strings stored for a text (one per column, positions aligned). */
export function normalizeForIndex(text: string): IndexColumns {
  const words = analyze(text);
  return {
    w: words.map((x) => x.w).join(" "),
    de: words.map((x) => x.de).join(" "),
    en: words.map((x) => x.en).join(" "),
    nk: words.map((x) => x.nk).join(" "),
  };
}
