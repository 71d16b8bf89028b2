/**
 * What a person types → a structured query → an SQLite FTS5 MATCH string or a PostgreSQL tsquery.
 * Framework-free.
 *
 * Nothing typed ever reaches the database as syntax: every token is re-derived by `analyzeWord` as a
 * plain [a-z0-9] string and quoted by us. The small query language people expect is understood here:
 *   words               all must occur (in any column: folded, German stem, English stem, name key)
 *   "a phrase"          adjacent words („…“, “…”, «…» too); hyphenated words are phrases as well
 *   word*               prefix of the folded word
 *   A OR B              either (upper case OR, or |)
 *   NOT word, -word     must not occur
 * AND and NEAR (upper case) are accepted and ignored; parentheses and other punctuation are separators.
 * A query that is empty after all that (or only negative) is "nothing to search", never an error.
 *
 * Glossary expansion: a run of words (or a phrase) that is a glossary term gains the entry's terms in
 * every language as alternatives ("Winter War" → "Winterkrieg", "Зимняя война", …). Expansions are reported so the UI can show them, and any can be removed (`removed`).
 */
import { findGlossaryTerms, entryId, type GlossaryEntry } from "@/lib/links/glossary";
import { foldText } from "@/lib/text/normalize";
import { analyze, type AnalyzedWord, type SearchColumn } from "./analyze";

/** Longer input is cut (silently: a pasted page must still get results, not an error). */
export const MAX_QUERY_CHARS = 500;
const MAX_GROUPS = 12;
const MAX_PHRASE_WORDS = 12;
const MAX_EXCLUDED = 6;
const MAX_ALTERNATIVES = 12;
/** Name keys are coarse; only words this long use them (short words would meet too many others). */
const MIN_NAME_KEY_LETTERS = 4;

export type QueryWord = Omit<AnalyzedWord, "start" | "end">;

export interface Term {
  /** as typed (or the glossary term) */
  text: string;
  words: QueryWord[];
  /** words must be adjacent, in order */
  phrase: boolean;
  /** the last word is a prefix of the folded word */
  prefix: boolean;
  /** added by glossary expansion */
  expansion?: { entryId: string; lang: string };
}

/** Alternatives (OR); a query is the AND of its groups. */
export interface Group {
  alternatives: Term[];
}

export interface Expansion {
  term: string;
  lang: string;
  entryId: string;
  /** the typed words it expands */
  of: string;
  removed: boolean;
}

export interface ParsedQuery {
  /** the query as used (after cutting) */
  text: string;
  groups: Group[];
  excluded: Term[];
  expansions: Expansion[];
  truncated: boolean;
}

interface Chunk {
  text: string;
  quoted: boolean;
  negated: boolean;
  /** an OR stands between this chunk and the previous one */
  orWithPrevious: boolean;
}

const QUOTE_OPEN = /["“„«»‘‚'”]/;
const QUOTE_CLOSE: Record<string, RegExp> = {
  '"': /["“”]/,
  "“": /["”“]/,
  "„": /["“”]/,
  "«": /[»"]/,
  "»": /[«"]/,
  "‘": /[’']/,
  "‚": /[‘’']/,
  "'": /[']/,
  "”": /["”“]/,
};

/** Split typed text into words and quoted phrases, reading OR / NOT / AND / NEAR / - as operators. */
function chunks(input: string): Chunk[] {
  const out: Chunk[] = [];
  let negateNext = false;
  let orNext = false;
  let i = 0;
  const push = (text: string, quoted: boolean, negatedHere = false) => {
    if (!text.trim()) return;
    out.push({ text, quoted, negated: negateNext || negatedHere, orWithPrevious: orNext && out.length > 0 });
    negateNext = false;
    orNext = false;
  };
  while (i < input.length) {
    const c = input[i];
    if (/\s|[()\[\]{}]/.test(c)) {
      i++;
      continue;
    }
    // A quote opens a phrase only at a word start ("Lincoln's" keeps its apostrophe).
    if (QUOTE_OPEN.test(c) && (c !== "'" || i === 0 || /\s/.test(input[i - 1]))) {
      const close = QUOTE_CLOSE[c] ?? /["”]/;
      let j = i + 1;
      while (j < input.length && !close.test(input[j])) j++;
      push(input.slice(i + 1, j), true);
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < input.length && !/\s|[()\[\]{}]/.test(input[j]) && !(j > i && /["“”„«»]/.test(input[j]))) j++;
    const word = input.slice(i, j);
    i = j;
    if (word === "OR" || word === "|" || word === "||") {
      orNext = true;
      continue;
    }
    if (word === "NOT") {
      negateNext = true;
      continue;
    }
    if (word === "AND" || word === "&&" || word === "&" || /^NEAR(\/\d+)?$/.test(word)) continue;
    if (word.length > 1 && word.startsWith("-") && /[\p{L}\p{N}"“„«]/u.test(word[1])) {
      push(word.slice(1), false, true);
      continue;
    }
    push(word, false);
  }
  return out;
}

function termFrom(text: string, quoted: boolean): Term | null {
  const prefix = !quoted && /\*+$/.test(text.trim());
  const words = analyze(text)
    .map(({ start: _s, end: _e, ...w }) => w)
    .filter((w) => w.w !== "0" || /0/.test(text));
  if (words.length === 0) return null;
  const cut = words.slice(0, MAX_PHRASE_WORDS);
  // A prefix shorter than two letters would match half the index.
  const usePrefix = prefix && cut[cut.length - 1].w.length >= 2;
  return { text: text.replace(/\*+$/, ""), words: cut, phrase: quoted || cut.length > 1, prefix: usePrefix };
}

/**
 * Parse typed text. `glossary` expands terms; `removed` lists expansion terms the user took away
 * (compared folded, so "winterkrieg" removes "Winterkrieg").
 */
export function parseQuery(input: string, glossary: GlossaryEntry[] = [], removed: string[] = []): ParsedQuery {
  const raw = typeof input === "string" ? input : "";
  const truncated = raw.length > MAX_QUERY_CHARS;
  const text = raw.slice(0, MAX_QUERY_CHARS).normalize("NFC");
  const removedKeys = new Set(removed.map((r) => foldText(r).trim()));

  const positive: Array<{ chunk: Chunk; term: Term }> = [];
  const excluded: Term[] = [];
  for (const chunk of chunks(text)) {
    const term = termFrom(chunk.text, chunk.quoted);
    if (!term) continue;
    if (chunk.negated) {
      if (excluded.length < MAX_EXCLUDED) excluded.push(term);
    } else positive.push({ chunk, term });
  }

  // Groups: OR joins a chunk to the previous group.
  const groups: Array<{ alternatives: Term[]; simpleText: string | null }> = [];
  for (const { chunk, term } of positive) {
    if (chunk.orWithPrevious && groups.length) {
      const g = groups[groups.length - 1];
      g.alternatives.push(term);
      g.simpleText = null;
    } else {
      // Single unquoted words may combine with their neighbours into a glossary term.
      const simple = !chunk.quoted && !term.prefix && term.words.length === 1 ? term.text : null;
      groups.push({ alternatives: [term], simpleText: simple });
    }
  }

  const expansions: Expansion[] = [];
  const merged: Group[] = [];
  if (glossary.length) {
    let i = 0;
    while (i < groups.length) {
      // A run of simple single-word groups: look for glossary terms inside it.
      if (groups[i].simpleText === null) {
        const g = groups[i++];
        expandWhole(g.alternatives, glossary, removedKeys, expansions);
        merged.push({ alternatives: g.alternatives });
        continue;
      }
      let j = i;
      while (j < groups.length && groups[j].simpleText !== null) j++;
      const run = groups.slice(i, j);
      const starts: number[] = [];
      let joined = "";
      for (const g of run) {
        if (joined) joined += " ";
        starts.push(joined.length);
        joined += g.simpleText;
      }
      const hits = findGlossaryTerms(joined, glossary);
      let k = 0;
      for (const hit of hits) {
        const first = starts.findIndex((s) => s === hit.start);
        const last = starts.findIndex((s, n) => s < hit.end && (n === starts.length - 1 || starts[n + 1] > hit.end));
        if (first < k || first < 0 || last < first) continue;
        for (; k < first; k++) merged.push({ alternatives: run[k].alternatives });
        const typed = run.slice(first, last + 1).map((g) => g.alternatives[0]);
        const original: Term = { text: typed.map((t) => t.text).join(" "), words: typed.flatMap((t) => t.words), phrase: false, prefix: false };
        const alternatives = [original];
        addExpansions(alternatives, hit.entryId, original.text, glossary, removedKeys, expansions);
        merged.push({ alternatives });
        k = last + 1;
      }
      for (; k < run.length; k++) merged.push({ alternatives: run[k].alternatives });
      i = j;
    }
  } else {
    for (const g of groups) merged.push({ alternatives: g.alternatives });
  }

  return { text, groups: merged.slice(0, MAX_GROUPS), excluded, expansions, truncated };
}

/** A quoted phrase that is exactly a glossary term expands too. */
function expandWhole(alternatives: Term[], glossary: GlossaryEntry[], removedKeys: Set<string>, expansions: Expansion[]) {
  const first = alternatives[0];
  if (!first || first.prefix) return;
  const hits = findGlossaryTerms(first.text, glossary);
  if (hits.length === 1 && hits[0].start === 0 && hits[0].end >= first.text.trim().length) {
    addExpansions(alternatives, hits[0].entryId, first.text, glossary, removedKeys, expansions);
  }
}

function addExpansions(alternatives: Term[], id: string, typed: string, glossary: GlossaryEntry[], removedKeys: Set<string>, expansions: Expansion[]) {
  const index = glossary.findIndex((e, n) => entryId(e, n) === id);
  if (index < 0) return;
  const entry = glossary[index];
  const seen = new Set([foldText(typed).trim()]);
  for (const lang of ["de", "en", "ru"] as const) {
    for (const term of entry.terms[lang] ?? []) {
      const key = foldText(term).trim();
      if (seen.has(key)) continue;
      seen.add(key);
      const isRemoved = removedKeys.has(key);
      if (expansions.some((e) => foldText(e.term).trim() === key)) continue;
      expansions.push({ term, lang, entryId: id, of: typed, removed: isRemoved });
      if (isRemoved || alternatives.length >= MAX_ALTERNATIVES) continue;
      const t = termFrom(term, true);
      if (t) alternatives.push({ ...t, text: term, expansion: { entryId: id, lang } });
    }
  }
}

/** Nothing positive to look for: the UI says "type something", the API returns no groups. */
export function isEmptyQuery(q: ParsedQuery): boolean {
  return q.groups.length === 0;
}

// ---- compilers ----

function wantsNameKey(w: QueryWord): boolean {
  return w.nk.length >= MIN_NAME_KEY_LETTERS && /[a-z]/.test(w.nk);
}

/**
 * One FTS5 phrase per distinct token, with the columns it is looked for in: most words have the same
 * token in several columns ("lincoln" in all four), and `{w de en nk} : "lincoln"` reads the token's
 * posting list once instead of four times.
 */
function ftsAlternatives(tokens: Array<[SearchColumn, string]>, suffix = ""): string {
  const byToken = new Map<string, SearchColumn[]>();
  for (const [column, token] of tokens) byToken.set(token, [...(byToken.get(token) ?? []), column]);
  const parts = [...byToken.entries()].map(([token, columns]) => `{${columns.join(" ")}} : "${token}"${suffix}`);
  return parts.length === 1 ? parts[0] : `(${parts.join(" OR ")})`;
}

function ftsWord(w: QueryWord, prefix: boolean): string {
  if (prefix) return `w : "${w.w}" *`;
  const tokens: Array<[SearchColumn, string]> = [
    ["w", w.w],
    ["de", w.de],
    ["en", w.en],
  ];
  if (wantsNameKey(w)) tokens.push(["nk", w.nk]);
  return ftsAlternatives(tokens);
}

function ftsTerm(t: Term): string {
  if (!t.phrase || t.words.length === 1) {
    return t.words.length === 1 ? ftsWord(t.words[0], t.prefix) : `(${t.words.map((w, i) => ftsWord(w, t.prefix && i === t.words.length - 1)).join(" AND ")})`;
  }
  const phrase = (c: SearchColumn) => t.words.map((w) => w[c]).join(" ");
  if (t.prefix) return `w : "${phrase("w")}" *`;
  const columns: SearchColumn[] = t.words.every(wantsNameKey) ? ["w", "de", "en", "nk"] : ["w", "de", "en"];
  return ftsAlternatives(columns.map((c) => [c, phrase(c)]));
}

/** The FTS5 MATCH expression (columns w, de, en, nk), or null when there is nothing to search. */
export function toFts5(q: ParsedQuery): string | null {
  if (isEmptyQuery(q)) return null;
  const positive = q.groups
    .map((g) => (g.alternatives.length === 1 ? ftsTerm(g.alternatives[0]) : `(${g.alternatives.map(ftsTerm).join(" OR ")})`))
    .join(" AND ");
  if (!q.excluded.length) return positive;
  return `(${positive}) NOT (${q.excluded.map(ftsTerm).join(" OR ")})`;
}

/** PostgreSQL: the columns are concatenated into one tsvector with weights A (w), B (de), C (en), D (nk). */
export const PG_WEIGHT: Record<SearchColumn, string> = { w: "A", de: "B", en: "C", nk: "D" };

function pgWord(w: QueryWord, prefix: boolean): string {
  if (prefix) return `'${w.w}':*A`;
  const parts = [`'${w.w}':A`, `'${w.de}':B`, `'${w.en}':C`];
  if (wantsNameKey(w)) parts.push(`'${w.nk}':D`);
  return `(${parts.join(" | ")})`;
}

function pgTerm(t: Term): string {
  if (!t.phrase || t.words.length === 1) {
    return t.words.length === 1 ? pgWord(t.words[0], t.prefix) : `(${t.words.map((w, i) => pgWord(w, t.prefix && i === t.words.length - 1)).join(" & ")})`;
  }
  const col = (c: SearchColumn, prefixLast = false) =>
    `(${t.words.map((w, i) => `'${w[c]}':${prefixLast && i === t.words.length - 1 ? "*" : ""}${PG_WEIGHT[c]}`).join(" <-> ")})`;
  if (t.prefix) return col("w", true);
  const parts = [col("w"), col("de"), col("en")];
  if (t.words.every(wantsNameKey)) parts.push(col("nk"));
  return `(${parts.join(" | ")})`;
}

/** The tsquery text (cast with ::tsquery, never parsed by to_tsquery), or null when there is nothing to search. */
export function toTsquery(q: ParsedQuery): string | null {
  if (isEmptyQuery(q)) return null;
  const positive = q.groups.map((g) => (g.alternatives.length === 1 ? pgTerm(g.alternatives[0]) : `(${g.alternatives.map(pgTerm).join(" | ")})`)).join(" & ");
  if (!q.excluded.length) return positive;
  return `(${positive}) & !(${q.excluded.map(pgTerm).join(" | ")})`;
}
