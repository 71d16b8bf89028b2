/**
 * Link suggestions: for a selected passage, ranked candidate passages in the OTHER documents, across
 * languages, each with the evidence shown. Framework-free; the service calls `getIndex` once per corpus
 * version and seminar lists, and `suggest` per selection (`correspondences` for two whole documents).
 *
 * Evidence, all of it generic (nothing here knows a text of the corpus):
 *  - proper names by transliteration key, across languages and scripts (Chruschtschow / Khrushchev /
 *    Хрущёв), plus the seminar's name list (ids shared by variants, years and roles against namesakes);
 *  - dates normalised from de/en/ru forms; a date reason needs both sides to mean the same date;
 *  - content words, Snowball-stemmed, compared in one language or through the bilingual lexicon (FreeDict);
 *    the words of the selection's paragraph count too, at half weight, marked `around` in the reasons;
 *  - the seminar's glossary concepts; counted quantities ("8 Tagen" / "eight days");
 *  - what the seminar taught: feature weights learned from its links, accepted and dismissed suggestions.
 *
 * Scoring (every constant is a principled default, none was fitted to a gold set):
 *  - each shared feature weighs its rarity, the BM25 idf over the passages that may be proposed
 *    (ln(1 + (N − df + 0.5)/(df + 0.5))), times a factor for how much such a match tells (KIND_FACTOR);
 *  - words weigh by BM25 with the textbook k1 = 1.2, b = 0.75 (Robertson & Zaragoza 2009);
 *  - a learned weight w multiplies a feature by 2^(w/2), w clamped to [−2, 2]: at most ×2 or ×½, so the
 *    seminar steers the ranking without drowning the evidence;
 *  - the long tail is cut: a candidate must score at least what one feature found in 1 % of the passages
 *    (and at least two) scores (minScoreFor), and at least a quarter of the best candidate's score.
 */
import { LRUCache } from "lru-cache";
import type { Language, SynopseDocument } from "@/lib/content/types";
import type { GlossaryEntry } from "@/lib/links/glossary";
import { compareDates, yearFromSameDay, type DateMention } from "@/lib/text/dates";
import { sentenceSpans } from "@/lib/text/words";
import { compileGazetteer, extractEntities, nameKeysOf, resolveAmbiguous, type CompiledGazetteer, type Extracted, type Mention } from "./entities";
import { translations, type Lexicon } from "./lexicon";
import type { SeminarName } from "./names";
import { contentWords, stemWord, wordLanguage, type StemmedWord, type WordLanguage } from "./words";

export type { SeminarName, SeminarNameKind } from "./names";

/**
 * Kinds of evidence shown to the reader:
 *  person/place/organisation/work: the seminar's name list; name: a proper name met by its spelling key;
 *  word: the same word (stem) in one language; translation: a word and its dictionary translation;
 *  seminar: this seminar linked passages with this evidence before.
 */
export type ReasonKind = "person" | "place" | "organisation" | "work" | "date" | "number" | "glossary" | "name" | "word" | "translation" | "seminar";

export interface SuggestionReason {
  kind: ReasonKind;
  /** the words in the selected passage */
  source: string;
  /** the words in the suggested passage */
  target: string;
  /** the source words stand in the selection's paragraph, not in the selection itself */
  around?: boolean;
}

/** Why a suggestion may be wrong: a namesake (same name, other years or person) or a date in another year. */
export interface SuggestionCaution {
  kind: "namesake" | "date";
  source: string;
  target: string;
}

export interface Suggestion {
  slug: string;
  blockId: string;
  /** block-relative offsets of the suggested passage (a sentence window of the block) */
  start: number;
  end: number;
  score: number;
  lang: Language;
  reasons: SuggestionReason[];
  cautions?: SuggestionCaution[];
}

export type PassageRef = { slug: string; blockId: string; start: number; end: number } | { slug: string; exact: string };

/** Learned weights of one seminar: feature key → weight in [−2, 2] (see lib/links/suggest-learning.ts). */
export type LearnedWeights = ReadonlyMap<string, number>;

export interface SuggestOptions {
  /** at most this many suggestions (default 5) */
  limit?: number;
  /** documents not to propose from (the source document is always excluded) */
  excludeSlugs?: string[];
  /** target blocks the user dismissed for this passage */
  dismissed?: Array<{ slug: string; blockId: string }>;
  /** suggestions scoring below this are not returned (default: minScoreFor(index)) */
  minScore?: number;
  /** the seminar's learned feature weights */
  learned?: LearnedWeights;
}

export interface IndexOptions {
  /** the bilingual lexicon; null or absent: same-language words only (the engine says so: `index.lexicon`) */
  lexicon?: Lexicon | null;
}

/**
 * How much one match of a kind tells, as a factor on its idf. Names and listed entries: a proper name shared
 * across languages is rarely a coincidence (1.5); a listed work/organisation is a specific title (1.5);
 * glossary concepts are the seminar's own terms (1.2); same-language words are the BM25 unit (1.0); a
 * dictionary translation is ambiguous (several senses per word: 0.7); numbers with a unit (1.0).
 */
const KIND_FACTOR = { person: 1.5, place: 1.0, organisation: 1.5, work: 1.5, glossary: 1.2, number: 1.0, name: 1.5, word: 1.0, translation: 0.7 } as const;
/** Date matches weigh the idf of their key; a same-day match counts whole, one month 0.6, a year alone 0.3:
 * each coarser level is roughly a tenth as specific, compressed because idf is already logarithmic. */
const DATE_FACTOR = { "same-day": 1.5, "same-month": 0.6, "same-year": 0.3 } as const;
/** A same day in another year, a namesake: evidence against, as much as a strong match for. */
const CONTRADICTION = 1.0;
/** A word of the selection's paragraph outside the selection: evidence about what the selection is about,
 * half as sure as its own words (the same discount as a one-way translation). It only scores candidates the
 * selection's own evidence found. */
const CONTEXT_FACTOR = 0.5;
const BM25_K1 = 1.2;
const BM25_B = 0.75;
/** The long-tail cut (see the header). */
const MIN_SHARE_OF_RARITY = 0.01;
const MIN_SHARE_OF_BEST = 0.25;

interface IndexedBlock {
  slug: string;
  lang: Language;
  blockId: string;
  text: string;
  /** may be proposed as a target (forum quotes of another post, headings, separators may not) */
  target: boolean;
  footnote: boolean;
  mentions: Mention[];
  dates: DateMention[];
  words: StemmedWord[];
  /** term frequency per `w:<lang>:<stem>` */
  tf: Map<string, number>;
  /** written years of the block (namesake check) */
  years: Set<number>;
  sentences: Array<[number, number]>;
}

export type IndexedDocument = Pick<SynopseDocument, "meta" | "version">;

export interface SuggestIndex {
  version: string;
  blocks: IndexedBlock[];
  byRef: Map<string, IndexedBlock>;
  /** the indexed documents' metadata and versions (their text is in the blocks) */
  docs: Map<string, IndexedDocument>;
  postings: Map<string, number[]>;
  targets: number;
  avgWords: number;
  gazetteer: CompiledGazetteer;
  glossary: GlossaryEntry[];
  /** null: no dictionary on this machine, cross-language words are not compared */
  lexicon: Lexicon | null;
}

const ref = (slug: string, blockId: string) => `${slug}#${blockId}`;
const wordKey = (lang: WordLanguage, stem: string) => `w:${lang}:${stem}`;
const listKey = (m: Mention) => `${m.kind}:${m.id}`;
// Asked for every mention of every candidate a query scores: kept per mention rather than built each time.
const nameKeyCache = new WeakMap<Mention, string[]>();
const nameKeys = (m: Mention) => {
  let keys = nameKeyCache.get(m);
  if (!keys) nameKeyCache.set(m, (keys = (m.keys ?? [m.id]).map((k) => `n:${k}`)));
  return keys;
};
const dateKeys = (d: DateMention) => [
  ...(d.day !== undefined ? [`md:${d.month}-${d.day}`] : []),
  ...(d.month !== undefined && d.year !== null && !d.yearInferred ? [`ym:${d.year}-${d.month}`] : []),
  ...(d.year !== null && !d.yearInferred ? [`y:${d.year}`] : []),
];

/** A listed surname no passage resolved to one entry (two listed namesakes): it still counts as a name met
 * by its spelling, with no claim about which of them it is. */
function unresolvedAsNames(ex: Extracted): void {
  for (const m of ex.mentions) {
    if (!m.candidates) continue;
    delete m.candidates;
    m.kind = "name";
    m.keys = nameKeysOf(m.text);
    m.id = m.keys[0] ?? m.surnameKey ?? m.id;
  }
}

function featuresOf(m: Mention): string[] {
  if (m.candidates) return [];
  return m.kind === "name" ? nameKeys(m) : [listKey(m)];
}

function featuresOfBlock(tf: Map<string, number>, mentions: Mention[], dates: DateMention[]): Set<string> {
  const features = new Set<string>(tf.keys());
  for (const m of mentions) for (const f of featuresOf(m)) features.add(f);
  for (const d of dates) for (const k of dateKeys(d)) features.add(k);
  return features;
}

/** Is this a common word with a dictionary entry (so not a proper name)? Without a lexicon: never. */
function dictionaryWordTest(lexicon: Lexicon | null, lang: Language): (raw: string) => boolean {
  if (!lexicon) return () => false;
  return (raw) => {
    const wl = wordLanguage(raw, lang);
    const stem = stemWord(raw, wl);
    if (!stem) return false;
    for (const to of ["de", "en", "ru"] as const) if (to !== wl && lexicon.pairs.get(`${wl}>${to}`)?.has(stem)) return true;
    return false;
  };
}

/** Build the index for a corpus. Cost: one pass of extraction over every block (see bench). */
export function buildIndex(docs: SynopseDocument[], glossary: GlossaryEntry[] = [], names: SeminarName[] = [], options: IndexOptions = {}): SuggestIndex {
  const lexicon = options.lexicon ?? null;
  const gazetteer = compileGazetteer(names);
  const blocks: IndexedBlock[] = [];
  const byRef = new Map<string, IndexedBlock>();
  for (const doc of docs) {
    const isDictionaryWord = dictionaryWordTest(lexicon, doc.meta.lang);
    const extracted = doc.blocks.map((b) => extractEntities(b.text, { gazetteer, glossary, isDictionaryWord }));
    if (gazetteer.entries.size) resolveAmbiguous(extracted, doc.blocks.map((b) => b.text).join("\n"), gazetteer);
    for (const ex of extracted) unresolvedAsNames(ex);
    inferYearsFromFootnotes(doc, extracted);
    doc.blocks.forEach((b, i) => {
      const ex = extracted[i];
      const words = contentWords(b.text, doc.meta.lang);
      const tf = new Map<string, number>();
      for (const w of words) tf.set(wordKey(w.lang, w.stem), (tf.get(wordKey(w.lang, w.stem)) ?? 0) + 1);
      const ib: IndexedBlock = {
        slug: doc.meta.slug,
        lang: doc.meta.lang,
        blockId: b.id,
        text: b.text,
        target: isTargetBlock(b),
        footnote: b.type === "footnote",
        mentions: ex.mentions,
        dates: ex.dates,
        words,
        tf,
        years: new Set(ex.dates.filter((d) => d.year !== null && !d.yearInferred).map((d) => d.year!)),
        sentences: sentenceSpans(b.text, doc.meta.lang),
      };
      blocks.push(ib);
      byRef.set(ref(ib.slug, ib.blockId), ib);
    });
  }
  const postings = new Map<string, number[]>();
  let targets = 0;
  let words = 0;
  blocks.forEach((b, i) => {
    if (!b.target) return;
    targets++;
    words += b.words.length;
    for (const f of featuresOfBlock(b.tf, b.mentions, b.dates)) {
      const list = postings.get(f);
      if (list) list.push(i);
      else postings.set(f, [i]);
    }
  });
  return {
    version: docs.map((d) => `${d.meta.slug}@${d.version}`).join(","),
    blocks,
    byRef,
    docs: new Map(docs.map((d) => [d.meta.slug, { meta: d.meta, version: d.version }])),
    postings,
    targets,
    avgWords: targets ? words / targets : 1,
    gazetteer,
    glossary,
    lexicon,
  };
}

/**
 * An index as it travels between threads (built in the indexing worker, used in the suggestion worker).
 * Structured clone copies every object one by one, and a volume's index has millions of small ones (a word
 * with its stem and offsets, a feature set per block): copying them cost more CPU than building the index.
 * So a block's words travel as two strings and one typed array, and what can be recomputed cheaply (term
 * frequencies, the lookup by reference, the compiled name list) is rebuilt on arrival instead of being copied.
 */
export interface PackedIndex {
  version: string;
  blocks: PackedBlock[];
  docs: IndexedDocument[];
  postings: Map<string, number[]>;
  targets: number;
  avgWords: number;
  glossary: GlossaryEntry[];
  names: SeminarName[];
}

interface PackedBlock {
  slug: string;
  lang: Language;
  blockId: string;
  text: string;
  target: boolean;
  footnote: boolean;
  /** the mentions as JSON, without their text (a slice of the block's): "" for none */
  mentions: string;
  dates: DateMention[];
  /** the words' stems, joined by "\n" */
  stems: string;
  /** the words' stemming languages, one letter each (d, e, r) */
  langs: string;
  /** per word: start, end; then per sentence: start, end */
  offsets: Int32Array;
  sentences: number;
}

const LANG_LETTER: Record<WordLanguage, string> = { de: "d", en: "e", ru: "r" };
const LETTER_LANG: Record<string, WordLanguage> = { d: "de", e: "en", r: "ru" };

/** The index in its travelling form (see PackedIndex). `names`: the name list it was built with. */
export function packIndex(index: SuggestIndex, names: SeminarName[]): PackedIndex {
  return {
    version: index.version,
    docs: [...index.docs.values()],
    postings: index.postings,
    targets: index.targets,
    avgWords: index.avgWords,
    glossary: index.glossary,
    names,
    blocks: index.blocks.map((b) => {
      const offsets = new Int32Array(2 * b.words.length + 2 * b.sentences.length);
      b.words.forEach((w, i) => {
        offsets[2 * i] = w.start;
        offsets[2 * i + 1] = w.end;
      });
      const at = 2 * b.words.length;
      b.sentences.forEach(([s, e], i) => {
        offsets[at + 2 * i] = s;
        offsets[at + 2 * i + 1] = e;
      });
      return {
        slug: b.slug,
        lang: b.lang,
        blockId: b.blockId,
        text: b.text,
        target: b.target,
        footnote: b.footnote,
        mentions: b.mentions.length ? JSON.stringify(b.mentions.map(({ text: _text, ...m }) => m)) : "",
        dates: b.dates,
        stems: b.words.map((w) => w.stem).join("\n"),
        langs: b.words.map((w) => LANG_LETTER[w.lang]).join(""),
        offsets,
        sentences: b.sentences.length,
      };
    }),
  };
}

/**
 * A block of an unpacked index. Its words and mentions are decoded on first use: a query reads a few hundred
 * blocks, so decoding all of a volume's at once would only delay the moment the index answers.
 */
class UnpackedBlock implements IndexedBlock {
  readonly slug: string;
  readonly lang: Language;
  readonly blockId: string;
  readonly text: string;
  readonly target: boolean;
  readonly footnote: boolean;
  readonly dates: DateMention[];
  readonly years: Set<number>;
  private packed: PackedBlock;
  private decoded: { words: StemmedWord[]; tf: Map<string, number>; sentences: Array<[number, number]> } | null = null;
  private decodedMentions: Mention[] | null = null;

  constructor(p: PackedBlock) {
    this.packed = p;
    this.slug = p.slug;
    this.lang = p.lang;
    this.blockId = p.blockId;
    this.text = p.text;
    this.target = p.target;
    this.footnote = p.footnote;
    this.dates = p.dates;
    this.years = new Set(p.dates.filter((d) => d.year !== null && !d.yearInferred).map((d) => d.year!));
  }

  private decode() {
    if (this.decoded) return this.decoded;
    const p = this.packed;
    const stems = p.stems ? p.stems.split("\n") : [];
    const words: StemmedWord[] = stems.map((stem, i) => {
      const start = p.offsets[2 * i];
      const end = p.offsets[2 * i + 1];
      return { stem, lang: LETTER_LANG[p.langs[i]], start, end, raw: p.text.slice(start, end) };
    });
    const tf = new Map<string, number>();
    for (const w of words) tf.set(wordKey(w.lang, w.stem), (tf.get(wordKey(w.lang, w.stem)) ?? 0) + 1);
    const sentences: Array<[number, number]> = [];
    for (let i = 0, at = 2 * words.length; i < p.sentences; i++) sentences.push([p.offsets[at + 2 * i], p.offsets[at + 2 * i + 1]]);
    return (this.decoded = { words, tf, sentences });
  }

  get words() {
    return this.decode().words;
  }
  get tf() {
    return this.decode().tf;
  }
  get sentences() {
    return this.decode().sentences;
  }
  get mentions(): Mention[] {
    const p = this.packed;
    this.decodedMentions ??= p.mentions
      ? (JSON.parse(p.mentions) as Array<Omit<Mention, "text">>).map((m) => ({ ...m, text: p.text.slice(m.start, m.end) }))
      : [];
    return this.decodedMentions;
  }
}

/** The index back from its travelling form, with this thread's lexicon. */
export function unpackIndex(packed: PackedIndex, lexicon: Lexicon | null): SuggestIndex {
  const blocks: IndexedBlock[] = packed.blocks.map((p) => new UnpackedBlock(p));
  return {
    version: packed.version,
    blocks,
    byRef: new Map(blocks.map((b) => [ref(b.slug, b.blockId), b])),
    docs: new Map(packed.docs.map((d) => [d.meta.slug, d])),
    postings: packed.postings,
    targets: packed.targets,
    avgWords: packed.avgWords,
    gazetteer: compileGazetteer(packed.names),
    glossary: packed.glossary,
    lexicon,
  };
}

/**
 * BM25 idf of a feature over all the passages that may be proposed, whatever their language. (Counting a
 * word's rarity only among the passages of its language was tried: it favours same-language matches, since
 * a German selection meets every German word directly but an English passage only through translations.)
 */
function idf(index: SuggestIndex, feature: string): number {
  const df = index.postings.get(feature)?.length ?? 0;
  return Math.log(1 + Math.max(0, index.targets - df + 0.5) / (df + 0.5));
}

/** The lowest score worth proposing: one feature found in 1 % of the passages, and at least in two (the
 * selection's and one other: in a small corpus, the rarest feature two passages can share). */
export function minScoreFor(index: SuggestIndex): number {
  const df = Math.max(2, MIN_SHARE_OF_RARITY * index.targets);
  return Math.log(1 + (index.targets - df + 0.5) / (df + 0.5));
}

// A few indexes (each can be tens of MB): least recently used dropped first.
const cache = new LRUCache<string, SuggestIndex>({ max: 8 });

/** The index for this corpus and these seminar lists, built once per corpus version and list content. */
export function getIndex(docs: SynopseDocument[], glossary: GlossaryEntry[] = [], names: SeminarName[] = [], options: IndexOptions = {}): SuggestIndex {
  const key = `${docs.map((d) => `${d.meta.slug}@${d.version}`).join(",")}|${JSON.stringify(glossary)}|${JSON.stringify(names)}|${options.lexicon ? options.lexicon.sources.join("+") : "-"}`;
  const hit = cache.get(key);
  if (hit && hit.lexicon === (options.lexicon ?? null)) return hit;
  const index = buildIndex(docs, glossary, names, options);
  cache.set(key, index);
  return index;
}

function isTargetBlock(b: SynopseDocument["blocks"][number]): boolean {
  if (b.type === "quote" && b.quoteOf) return false; // a forum quote repeats another post: link the original
  return !["heading", "separator", "signoff"].includes(b.type) && b.text.trim().length > 0;
}

/**
 * A day written without a year ("On October 27 the envoy …") takes the year of the same day in the
 * footnotes the passage cites, else the year most of those footnotes' dates carry. This overrides the
 * weaker guess from an earlier year in the same paragraph. Inferred years never make a date reason alone.
 */
function inferYearsFromFootnotes(doc: SynopseDocument, extracted: Extracted[]): void {
  const indexById = new Map(doc.blocks.map((b, i) => [b.id, i]));
  doc.blocks.forEach((b, i) => {
    const open = extracted[i].dates.filter((d) => d.month !== undefined && (d.year === null || d.yearInferred));
    if (!open.length) return;
    const noteDates = b.marks
      .flatMap((m) => (m.kind === "footnote-ref" ? [indexById.get(m.footnoteId)] : []))
      .flatMap((j) => (j === undefined ? [] : extracted[j].dates.filter((d) => !d.yearInferred && d.year !== null)));
    if (!noteDates.length) return;
    const counts = new Map<number, number>();
    for (const d of noteDates) counts.set(d.year!, (counts.get(d.year!) ?? 0) + 1);
    const common = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
    for (const d of open) {
      const y = yearFromSameDay(d, noteDates) ?? (d.year === null ? common : null);
      if (y !== null) {
        d.year = y;
        d.yearInferred = true;
      }
    }
  });
}

interface Query {
  slug: string;
  lang: Language;
  mentions: Mention[];
  dates: DateMention[];
  words: StemmedWord[];
  /** the words of the selection's paragraph outside it */
  context?: StemmedWord[];
  /** the names and terms of the selection's paragraph outside it */
  contextMentions?: Mention[];
  /** written years of the passage's block (namesake check) */
  years: Set<number>;
  exclude?: { slug: string; blockId: string };
}

/** Longest passage worth a query: beyond this a "passage" is a chapter and matches everything a little. */
export const MAX_PASSAGE_LENGTH = 4000;

function queryFor(index: SuggestIndex, passage: PassageRef): Query | null {
  const doc = index.docs.get(passage.slug);
  let block: IndexedBlock | undefined;
  let start = 0;
  let end = 0;
  if ("exact" in passage) {
    const candidates = doc ? index.blocks.filter((b) => b.slug === passage.slug && b.text.includes(passage.exact)) : [];
    block = candidates.find((b) => b.target) ?? candidates[0];
    if (block) {
      start = block.text.indexOf(passage.exact);
      end = start + passage.exact.length;
    } else {
      // Text not in the corpus (edited, or a free query): extract on the fly.
      const lang = doc?.meta.lang ?? "en";
      const text = passage.exact.slice(0, MAX_PASSAGE_LENGTH);
      const ex = extractEntities(text, { gazetteer: index.gazetteer, glossary: index.glossary, isDictionaryWord: dictionaryWordTest(index.lexicon, lang) });
      unresolvedAsNames(ex);
      return {
        slug: passage.slug,
        lang,
        mentions: ex.mentions.filter((m) => !m.candidates),
        dates: ex.dates,
        words: contentWords(text, lang),
        years: new Set(ex.dates.filter((d) => d.year !== null && !d.yearInferred).map((d) => d.year!)),
      };
    }
  } else {
    block = index.byRef.get(ref(passage.slug, passage.blockId));
    if (!block) return null;
    start = passage.start;
    end = Math.min(passage.end, passage.start + MAX_PASSAGE_LENGTH);
  }
  const within = (s: number, e: number) => s < end && e > start;
  return {
    slug: passage.slug,
    lang: block.lang,
    mentions: block.mentions.filter((m) => within(m.start, m.end) && !m.candidates),
    dates: block.dates.filter((d) => within(d.start, d.end)),
    words: block.words.filter((w) => within(w.start, w.end)),
    context: block.words.filter((w) => !within(w.start, w.end)),
    // Around the selection only what is specific: listed entries, terms, and names that are no dictionary word.
    contextMentions: block.mentions.filter((m) => !within(m.start, m.end) && !m.candidates && m.kind !== "number" && !m.common),
    years: new Set(block.dates.filter((d) => within(d.start, d.end) && d.year !== null && !d.yearInferred).map((d) => d.year!)),
    exclude: { slug: block.slug, blockId: block.blockId },
  };
}

interface Evidence {
  reason: SuggestionReason;
  /** the feature a seminar learns from (see suggest-learning.ts); dates are not learned */
  feature?: string;
  weight: number;
  /** target span */
  at: [number, number];
  /** the span of the selection's name or term it comes from */
  from?: [number, number];
}

/** The features a query may share with a block: its own, and the translations of its words. */
interface WordUse {
  word: StemmedWord;
  /** every occurrence of the word in the selection (the first is `word`) */
  occurrences: StemmedWord[];
  kind: "word" | "translation";
  /** the learned feature: the word, or the translation pair */
  pair: string;
  mutual?: boolean;
  /** a word of the paragraph around the selection */
  context?: boolean;
}

function queryFeatures(index: SuggestIndex, q: Query): Map<string, WordUse[]> {
  const out = new Map<string, WordUse[]>();
  const add = (f: string, v: WordUse) => {
    const list = out.get(f);
    if (list) list.push(v);
    else out.set(f, [v]);
  };
  const seen = new Set<string>();
  const inSelection = new Map<string, StemmedWord[]>();
  for (const w of q.words) {
    const key = wordKey(w.lang, w.stem);
    const list = inSelection.get(key);
    if (list) list.push(w);
    else inSelection.set(key, [w]);
  }
  for (const w of [...q.words, ...(q.context ?? [])]) {
    const own = wordKey(w.lang, w.stem);
    if (seen.has(own)) continue;
    seen.add(own);
    const context = !inSelection.has(own);
    const occurrences = inSelection.get(own) ?? [w];
    add(own, { word: w, occurrences, kind: "word", pair: own, context });
    for (const to of ["de", "en", "ru"] as const) {
      if (to === w.lang) continue;
      for (const t of translations(index.lexicon, w.stem, w.lang, to)) {
        // A pair the dictionaries give both ways (Gesandtschaft ↔ legation) is a translation; a one-way
        // pair is often a loose sense of a common word, and counts half.
        const mutual = translations(index.lexicon, t, to, w.lang).includes(w.stem);
        add(wordKey(to, t), { word: w, occurrences, kind: "translation", pair: `t:${w.lang}:${w.stem}>${to}:${t}`, mutual, context });
      }
    }
  }
  return out;
}

interface Scored {
  score: number;
  evidence: Evidence[];
  cautions: SuggestionCaution[];
}

const learnedFactor = (learned: LearnedWeights | undefined, feature: string | undefined) => {
  const w = feature && learned ? learned.get(feature) : undefined;
  return w === undefined ? 1 : 2 ** (Math.max(-2, Math.min(2, w)) / 2);
};

/** A passage's mentions by the keys they meet (name keys, listed surnames, list entries), in text order. */
const byKeyCache = new WeakMap<IndexedBlock, Map<string, number[]>>();
function mentionsByKey(t: IndexedBlock): Map<string, number[]> {
  let map = byKeyCache.get(t);
  if (map) return map;
  map = new Map();
  const put = (k: string, i: number) => {
    const list = map!.get(k);
    if (!list) map!.set(k, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  };
  t.mentions.forEach((m, i) => {
    if (m.candidates) return;
    if (m.kind === "name") for (const k of nameKeys(m)) put(k, i);
    else {
      if (m.surnameKey) put(`n:${m.surnameKey}`, i);
      put(listKey(m), i);
    }
  });
  byKeyCache.set(t, map);
  return map;
}

function scoreBlock(index: SuggestIndex, q: Query, qf: ReturnType<typeof queryFeatures>, t: IndexedBlock, learned?: LearnedWeights): Scored {
  const evidence: Evidence[] = [];
  const cautions: SuggestionCaution[] = [];
  let penalty = 0;
  const seen = new Set<string>();
  // A shared name may belong to a namesake when the selection and the target's sentence both give years
  // and none of them in common.
  const yearsDisagree = (at: number) => {
    if (!q.years.size) return false;
    const sentence = t.sentences.find(([a, b]) => at >= a && at < b) ?? [0, t.text.length];
    const years = t.dates.filter((d) => d.year !== null && !d.yearInferred && d.start >= sentence[0] && d.end <= sentence[1]).map((d) => d.year!);
    return years.length > 0 && !years.some((y) => q.years.has(y));
  };

  for (const qm of q.mentions) {
    if (qm.kind === "name") {
      const keys = nameKeys(qm);
      if (keys.some((k) => seen.has(k))) continue;
      const tm = t.mentions.find(
        (m) =>
          !m.candidates &&
          !(qm.common && m.common) &&
          (m.kind === "name" ? nameKeys(m) : m.surnameKey ? [`n:${m.surnameKey}`] : []).some((k) => keys.includes(k)),
      );
      if (!tm) continue;
      for (const k of keys) seen.add(k);
      const key = keys.find((k) => index.postings.has(k)) ?? keys[0];
      let weight = KIND_FACTOR.name * idf(index, key);
      if (yearsDisagree(tm.start)) {
        weight *= 0.5;
        cautions.push({ kind: "namesake", source: qm.text, target: tm.text });
      }
      evidence.push({ reason: { kind: "name", source: qm.text, target: tm.text }, feature: key, weight, at: [tm.start, tm.end], from: [qm.start, qm.end] });
      continue;
    }
    const key = listKey(qm);
    if (seen.has(key)) continue;
    const tm = t.mentions.find((m) => !m.candidates && listKey(m) === key);
    if (tm) {
      seen.add(key);
      if (qm.surnameKey) seen.add(`n:${qm.surnameKey}`);
      let weight = KIND_FACTOR[qm.kind as keyof typeof KIND_FACTOR] * idf(index, key);
      // A listed entry with years: the passages' years must not contradict them.
      const years = index.gazetteer.years.get(qm.id) ?? [];
      if (years.length && yearsDisagree(tm.start)) {
        weight *= 0.5;
        cautions.push({ kind: "namesake", source: qm.text, target: tm.text });
      }
      evidence.push({
        reason: { kind: qm.kind as ReasonKind, source: qm.text, target: tm.text },
        feature: key,
        weight,
        at: [tm.start, tm.end],
        from: [qm.start, qm.end],
      });
    } else if (qm.kind === "person" && qm.surnameKey && !seen.has(`look:${qm.surnameKey}`)) {
      // The same surname, listed as another person: a namesake, evidence against.
      const other = t.mentions.find((m) => m.kind === "person" && m.surnameKey === qm.surnameKey && m.id !== qm.id && !m.candidates);
      if (other) {
        seen.add(`look:${qm.surnameKey}`);
        seen.add(`n:${qm.surnameKey}`);
        penalty += CONTRADICTION * KIND_FACTOR.person * idf(index, `n:${qm.surnameKey}`) * 0.5;
        cautions.push({ kind: "namesake", source: qm.text, target: other.text });
        continue;
      }
    }
    // Not the same listed entry in the target: the list adds evidence, it never removes any. The name
    // still meets an unlisted spelling of the same key there ("name").
    if (!tm && qm.kind !== "glossary" && qm.kind !== "number") {
      const keys = qm.surnameKey ? [`n:${qm.surnameKey}`] : qm.text.split(/\s+/).length === 1 ? nameKeysOf(qm.text).map((k) => `n:${k}`) : [];
      if (!keys.length || keys.some((k) => seen.has(k))) continue;
      const other = t.mentions.find((m) => m.kind === "name" && !m.candidates && nameKeys(m).some((k) => keys.includes(k)));
      if (!other) continue;
      for (const k of keys) seen.add(k);
      const weight = KIND_FACTOR.name * idf(index, keys[0]) * (yearsDisagree(other.start) ? 0.5 : 1);
      if (yearsDisagree(other.start)) cautions.push({ kind: "namesake", source: qm.text, target: other.text });
      evidence.push({
        reason: { kind: "name", source: qm.text, target: other.text },
        feature: keys[0],
        weight,
        at: [other.start, other.end],
        from: [qm.start, qm.end],
      });
    }
  }

  // Names and terms of the paragraph around the selection: what it is about, at the weight of its words
  // (CONTEXT_FACTOR), never against a passage, and only for passages the selection's own evidence found.
  for (const qm of q.contextMentions ?? []) {
    const keys = qm.kind === "name" ? nameKeys(qm) : [listKey(qm)];
    if (keys.some((k) => seen.has(k))) continue;
    // The first mention of the passage under any of these keys (as the selection's own loop finds it above).
    const byKey = mentionsByKey(t);
    let first = Infinity;
    for (const k of keys) for (const i of byKey.get(k) ?? []) if (i < first && !(qm.kind === "name" && qm.common && t.mentions[i].common)) first = i;
    const tm = t.mentions[first];
    if (!tm || evidence.some((e) => e.at[0] < tm.end && e.at[1] > tm.start)) continue;
    for (const k of keys) seen.add(k);
    const key = keys.find((k) => index.postings.has(k)) ?? keys[0];
    const kind = qm.kind === "name" ? "name" : qm.kind;
    evidence.push({
      reason: { kind, source: qm.text, target: tm.text, around: true },
      feature: key,
      weight: CONTEXT_FACTOR * KIND_FACTOR[kind] * idf(index, key),
      at: [tm.start, tm.end],
    });
  }

  let yearOnly = 0;
  for (const qd of q.dates) {
    let best: Evidence | null = null;
    let against: { strength: number; target: DateMention } | null = null;
    for (const td of t.dates) {
      const r = compareDates(qd, td);
      if (r.kind === "other-year") {
        if (!against || r.strength > against.strength) against = { strength: r.strength, target: td };
        continue;
      }
      let kind: keyof typeof DATE_FACTOR;
      let key: string;
      let strength: number;
      if (r.kind === "same-day" || (r.kind === "none" && qd.day !== undefined && qd.day === td.day && qd.month === td.month)) {
        // The same day and month; a year on one side only, or two guessed years that differ, prove
        // nothing against it, but it weighs less than a day with the same written year.
        kind = "same-day";
        key = `md:${qd.month}-${qd.day}`;
        strength = r.kind === "same-day" ? r.strength : 0.4;
      } else if (r.kind === "same-month" && !qd.yearInferred && !td.yearInferred) {
        kind = "same-month";
        key = `ym:${qd.year}-${qd.month}`;
        strength = r.strength;
      } else if (r.kind === "same-year" && !qd.yearInferred && !td.yearInferred && qd.precision === td.precision) {
        // A year only when both sides say just that year ("Ende 1943" / "late 1943"): a day in 1943 and
        // "1943" are not the same date, and a guessed year never makes a reason.
        kind = "same-year";
        key = `y:${qd.year}`;
        strength = r.strength;
      } else continue;
      // A footnote's dates are mostly those of the cited documents, not of the events discussed.
      const w = DATE_FACTOR[kind] * strength * idf(index, key) * (t.footnote ? 0.5 : 1);
      if (!best || w > best.weight) best = { reason: { kind: "date", source: qd.text, target: td.text }, weight: w, at: [td.start, td.end] };
      if (kind === "same-year") best.feature = "year";
    }
    if (best) {
      const isYear = best.feature === "year";
      delete best.feature;
      const key = `date:${best.reason.target}`;
      if (seen.has(key) || (isYear && yearOnly >= 1)) continue;
      seen.add(key);
      if (isYear) yearOnly++;
      evidence.push(best);
    } else if (against) {
      penalty += CONTRADICTION * DATE_FACTOR["same-day"] * against.strength * idf(index, `md:${qd.month}-${qd.day}`);
      cautions.push({ kind: "date", source: qd.text, target: against.target.text });
    }
  }

  // A listed entry and the names it is written with meet the same words: one reason, both weights.
  for (const e of evidence) {
    if (!["person", "place", "organisation", "work"].includes(e.reason.kind)) continue;
    for (const n of evidence) {
      if (n.reason.kind !== "name" || n.weight === 0 || !(n.at[0] < e.at[1] && n.at[1] > e.at[0])) continue;
      e.weight += n.weight;
      n.weight = -1;
    }
  }
  for (let i = evidence.length - 1; i >= 0; i--) if (evidence[i].weight === -1) evidence.splice(i, 1);

  // Words: BM25 over the block's stems; translations through the lexicon. One entry per query word (its
  // best match), and a target word already counted as a name or glossary term is not counted again.
  const taken = evidence.map((e) => e.at);
  const overlapsTaken = (s: number, e: number) => taken.some(([a, b]) => s < b && e > a);
  const usedSpans = evidence.flatMap((e) => (e.from ? [e.from] : []));
  const usedInQuery = (s: number, e: number) => usedSpans.some(([a, b]) => s < b && e > a);
  const bestPerWord = new Map<string, Evidence>();
  const lengthNorm = 1 - BM25_B + BM25_B * (t.words.length / index.avgWords);
  // Over the target's words (a passage has fewer distinct stems than a paragraph has translations).
  for (const [feature, tf] of t.tf) {
    const uses = qf.get(feature);
    if (!uses) continue;
    const base = idf(index, feature) * ((tf * (BM25_K1 + 1)) / (tf + BM25_K1 * lengthNorm));
    // The first occurrence not already counted as a name or term (a repeated word may stand in a term
    // once and on its own later: "the Frontier Army … a second army").
    const tw = t.words.find((w) => wordKey(w.lang, w.stem) === feature && !overlapsTaken(w.start, w.end));
    if (!tw) continue;
    for (const use of uses) {
      // A word of the selection already counted as a name or term in this passage is not counted again;
      // the same word elsewhere in the selection, outside that name or term, still is.
      const from = use.context ? use.word : use.occurrences.find((w) => !usedInQuery(w.start, w.end));
      if (!from) continue;
      const weight = KIND_FACTOR[use.kind] * base * (use.kind === "translation" && !use.mutual ? 0.5 : 1) * (use.context ? CONTEXT_FACTOR : 1);
      const qKey = wordKey(use.word.lang, use.word.stem);
      const prev = bestPerWord.get(qKey);
      if (!prev || weight > prev.weight)
        bestPerWord.set(qKey, {
          reason: { kind: use.kind, source: from.raw, target: tw.raw, ...(use.context ? { around: true } : {}) },
          feature: use.pair,
          weight,
          at: [tw.start, tw.end],
        });
    }
  }
  // One target word answers one query word (the first, strongest claim).
  const usedTarget = new Set<string>();
  const boost = languageBoost(index, q, qf, t);
  for (const e of [...bestPerWord.values()].sort((a, b) => b.weight - a.weight)) {
    const k = `${e.at[0]}`;
    if (usedTarget.has(k)) continue;
    usedTarget.add(k);
    if (e.reason.kind === "translation") e.weight *= boost;
    evidence.push(e);
  }

  // What the seminar taught.
  if (learned?.size) {
    for (const e of evidence) {
      const f = learnedFactor(learned, e.feature);
      e.weight *= f;
      if (f > 1) evidence.push({ reason: { kind: "seminar", source: e.reason.source, target: e.reason.target }, weight: 0, at: e.at });
    }
  }
  const score = evidence.reduce((s, e) => s + e.weight, 0) - penalty;
  return { score, evidence, cautions };
}

/** A passage in another language can meet only the words the dictionary translates; one in the selection's
 * language meets them all. So that a German selection does not always prefer German passages, translated
 * word evidence is scaled by (word evidence reachable in the selection's language) / (reachable in the
 * target's), at most ×2: beyond that a few translatable words would outweigh a rich same-language match. */
const MAX_LANGUAGE_BOOST = 2;
const reachCache = new WeakMap<object, Map<string, number>>();

function languageBoost(index: SuggestIndex, q: Query, qf: Map<string, WordUse[]>, t: IndexedBlock): number {
  let reach = reachCache.get(qf);
  if (!reach) {
    const best = new Map<string, number>(); // `${queryWord}|${lang}` → best weight reachable
    for (const [feature, uses] of qf) {
      const lang = feature.slice(2, 4);
      const w = idf(index, feature);
      for (const use of uses) {
        const weight = KIND_FACTOR[use.kind] * w * (use.kind === "translation" && !use.mutual ? 0.5 : 1);
        const key = `${use.word.lang}:${use.word.stem}|${lang}`;
        if (weight > (best.get(key) ?? 0)) best.set(key, weight);
      }
    }
    reach = new Map();
    for (const [key, w] of best) {
      const lang = key.slice(key.indexOf("|") + 1);
      reach.set(lang, (reach.get(lang) ?? 0) + w);
    }
    reachCache.set(qf, reach);
  }
  const own = reach.get(q.lang === "de" || q.lang === "ru" ? q.lang : "en") ?? 0;
  const there = reach.get(t.lang === "de" || t.lang === "ru" ? t.lang : "en") ?? 0;
  if (!own || !there || own <= there) return 1;
  return Math.min(MAX_LANGUAGE_BOOST, own / there);
}

/** The sentence window (1–3 sentences) of the block holding the most evidence weight. */
function evidenceWindow(t: IndexedBlock, evidence: Evidence[]): [number, number] {
  const spans = t.sentences.length ? t.sentences : [[0, t.text.length] as [number, number]];
  const weightOf = (s: [number, number]) => evidence.filter((e) => e.at[0] < s[1] && e.at[1] > s[0]).reduce((a, e) => a + e.weight, 0);
  const weights = spans.map(weightOf);
  let best = 0;
  for (let i = 1; i < spans.length; i++) if (weights[i] > weights[best]) best = i;
  let lo = best;
  let hi = best;
  while (hi - lo < 2) {
    const left = lo > 0 ? weights[lo - 1] : 0;
    const right = hi + 1 < spans.length ? weights[hi + 1] : 0;
    if (left <= 0 && right <= 0) break;
    if (right >= left) hi++;
    else lo--;
  }
  return [spans[lo][0], spans[hi][1]];
}

/** Candidate blocks: those sharing at least one feature with the query (its words' translations included).
 * Features found in more than a fifth of all passages open no candidates (they still count in the score). */
function candidatesOf(index: SuggestIndex, q: Query, qf: ReturnType<typeof queryFeatures>): Set<number> {
  const keys = new Set<string>([...qf].filter(([, uses]) => uses.some((u) => !u.context)).map(([f]) => f));
  for (const m of q.mentions) for (const f of featuresOf(m)) keys.add(f);
  for (const m of q.mentions) if (m.surnameKey) keys.add(`n:${m.surnameKey}`);
  for (const d of q.dates) {
    for (const k of dateKeys(d)) keys.add(k);
    if (d.year !== null && d.month !== undefined) keys.add(`ym:${d.year}-${d.month}`);
  }
  const cap = Math.max(50, index.targets / 5);
  const out = new Set<number>();
  for (const k of keys) {
    const list = index.postings.get(k);
    if (list && list.length <= cap) for (const i of list) out.add(i);
  }
  return out;
}

function toSuggestion(t: IndexedBlock, s: Scored): Suggestion {
  const [start, end] = evidenceWindow(t, s.evidence);
  const reasons = s.evidence
    .filter((e) => e.reason.kind !== "seminar")
    .sort((a, b) => b.weight - a.weight)
    .map((e) => e.reason);
  const taught = s.evidence.filter((e) => e.reason.kind === "seminar").map((e) => e.reason);
  return {
    slug: t.slug,
    blockId: t.blockId,
    start,
    end,
    score: Math.round(s.score * 100) / 100,
    lang: t.lang,
    reasons: [...reasons, ...taught],
    ...(s.cautions.length ? { cautions: s.cautions } : {}),
  };
}

/** Ranked suggestions for a passage, best first, from documents other than the passage's own. */
export function suggest(index: SuggestIndex, passage: PassageRef, options: SuggestOptions = {}): Suggestion[] {
  const limit = options.limit ?? 5;
  const minScore = options.minScore ?? minScoreFor(index);
  const q = queryFor(index, passage);
  if (!q || (!q.mentions.length && !q.dates.length && !q.words.length)) return [];
  const excluded = new Set([q.slug, ...(options.excludeSlugs ?? [])]);
  const dismissed = new Set((options.dismissed ?? []).map((d) => ref(d.slug, d.blockId)));
  const qf = queryFeatures(index, q);

  const scored: Array<{ t: IndexedBlock; s: Scored }> = [];
  for (const i of candidatesOf(index, q, qf)) {
    const t = index.blocks[i];
    if (!t.target || excluded.has(t.slug) || dismissed.has(ref(t.slug, t.blockId))) continue;
    const s = scoreBlock(index, q, qf, t, options.learned);
    if (s.score < minScore || !s.evidence.length) continue;
    scored.push({ t, s });
  }
  scored.sort((a, b) => b.s.score - a.s.score || a.t.slug.localeCompare(b.t.slug) || a.t.blockId.localeCompare(b.t.blockId));
  const best = scored[0]?.s.score ?? 0;
  return scored
    .filter((x) => options.minScore !== undefined || x.s.score >= MIN_SHARE_OF_BEST * best)
    .slice(0, limit)
    .map((x) => toSuggestion(x.t, x.s));
}

/**
 * The evidence between two given passages (whatever its score): what a link a member made rests on, so
 * that the seminar learns from it. Features only; dates are not learned.
 */
export function evidenceBetween(
  index: SuggestIndex,
  from: PassageRef,
  to: { slug: string; blockId: string },
): { features: string[]; reasons: SuggestionReason[] } {
  const q = queryFor(index, from);
  const t = index.byRef.get(ref(to.slug, to.blockId));
  if (!q || !t) return { features: [], reasons: [] };
  const s = scoreBlock(index, q, queryFeatures(index, q), t);
  return { features: [...new Set(s.evidence.flatMap((e) => (e.feature ? [e.feature] : [])))], reasons: s.evidence.map((e) => e.reason) };
}

/**
 * The best passage pairs between two documents (one translating, summarising or answering the other):
 * every proposable block of `a` is scored against the blocks of `b`; pairs are taken best first, each
 * block at most once on either side. Bounded: at most `limit` pairs (default 20).
 */
export function correspondences(
  index: SuggestIndex,
  a: string,
  b: string,
  options: { limit?: number; learned?: LearnedWeights } = {},
): Array<{ from: Suggestion; to: Suggestion; score: number }> {
  const limit = options.limit ?? 20;
  const minScore = minScoreFor(index);
  const pairs: Array<{ qi: IndexedBlock; ti: IndexedBlock; s: Scored }> = [];
  for (const qb of index.blocks) {
    if (qb.slug !== a || !qb.target) continue;
    const q = queryFor(index, { slug: a, blockId: qb.blockId, start: 0, end: qb.text.length })!;
    const qf = queryFeatures(index, q);
    for (const i of candidatesOf(index, q, qf)) {
      const t = index.blocks[i];
      if (t.slug !== b || !t.target) continue;
      const s = scoreBlock(index, q, qf, t, options.learned);
      if (s.score < minScore || !s.evidence.length) continue;
      pairs.push({ qi: qb, ti: t, s });
    }
  }
  pairs.sort((x, y) => y.s.score - x.s.score || x.qi.blockId.localeCompare(y.qi.blockId) || x.ti.blockId.localeCompare(y.ti.blockId));
  const usedA = new Set<string>();
  const usedB = new Set<string>();
  const out: Array<{ from: Suggestion; to: Suggestion; score: number }> = [];
  for (const p of pairs) {
    if (out.length >= limit) break;
    if (usedA.has(p.qi.blockId) || usedB.has(p.ti.blockId)) continue;
    usedA.add(p.qi.blockId);
    usedB.add(p.ti.blockId);
    // The source side's window: the sentences holding the source words of the reasons.
    const sourceEvidence: Evidence[] = p.s.evidence.flatMap((e) => {
      const at = p.qi.text.indexOf(e.reason.source);
      return at >= 0 ? [{ ...e, at: [at, at + e.reason.source.length] as [number, number] }] : [];
    });
    const to = toSuggestion(p.ti, p.s);
    const [fs, fe] = evidenceWindow(p.qi, sourceEvidence);
    out.push({ from: { slug: p.qi.slug, blockId: p.qi.blockId, start: fs, end: fe, score: to.score, lang: p.qi.lang, reasons: [] }, to, score: to.score });
  }
  return out;
}

/** Evidence found in one block (for debugging and for the UI's "why" panel). */
export function blockEvidence(index: SuggestIndex, slug: string, blockId: string): { mentions: Mention[]; dates: DateMention[] } | null {
  const b = index.byRef.get(ref(slug, blockId));
  return b ? { mentions: b.mentions, dates: b.dates } : null;
}
