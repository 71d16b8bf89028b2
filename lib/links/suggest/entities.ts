/**
 * Evidence extraction for link suggestions: the seminar's listed names (people, places, organisations,
 * works), glossary concepts, counted quantities (numbers with their unit), any other proper name (by its
 * transliteration key, no list needed), and dates. Framework-free.
 *
 * Names are matched per token with `nameKey`, so Fjodorow meets Fyodorov and Хрущёв meets
 * Khrushchev. Hand-written: the NLP packages on npm (compromise, wink-nlp, natural) recognise English names
 * only and know nothing of German/Russian transliteration; statistical NER models cannot be fetched here.
 * What tells a proper name from a common noun (German capitalises both) is the bilingual dictionary: a
 * capitalised word with no dictionary entry is taken for a name (`isDictionaryWord`).
 *
 * The seminar's name list (SeminarName, seminar data) adds what a key cannot know: variants that do not
 * sound alike (a translated title, a misspelling), and the years/roles that keep namesakes apart:
 *  - multi-word names are matched first ("Rosa Luxemburg" never yields the place "Luxemburg");
 *  - a capitalized name directly followed by another listed surname is a given name, not a surname;
 *  - one surname with several entries is resolved by a given name written before it, else by the entry's
 *    roles and years found in the passage, later per document (`resolveAmbiguous`), else left unresolved.
 */
import { memoizeWord } from "@/lib/cache/memo";
import { findGlossaryTerms, type GlossaryEntry } from "@/lib/links/glossary";
import { extractDates, type DateMention } from "@/lib/text/dates";
import { isCapitalized, tokenize, type Token } from "@/lib/text/normalize";
import { nameKey } from "@/lib/text/name-key";
import type { SeminarName, SeminarNameKind } from "./names";
import { stem } from "@/lib/text/words";
import { isStopWord } from "./words";

export type EvidenceKind = SeminarNameKind | "glossary" | "number" | "name";

export interface Mention {
  kind: EvidenceKind;
  /** name-list id, glossary id, "8:day" for numbers, the transliteration key for other names */
  id: string;
  start: number;
  end: number;
  text: string;
  /** several listed persons share this surname and nothing in the passage tells them apart */
  candidates?: string[];
  /** the key shared by look-alikes (surname key), to detect "same surname, different person" */
  surnameKey?: string;
  /** other names: every key this word may stand for (inflected forms: Lincolns, Хрущёва) */
  keys?: string[];
  /** other names: the word is also a dictionary word ("Krieg", "Moscow"); two such words meet as words,
   * not as names, but a dictionary word still meets a name ("Darwin" has an entry through "Darwinismus") */
  common?: boolean;
}

export interface Extracted {
  mentions: Mention[];
  dates: DateMention[];
}

/** A name-list entry as the matcher uses it. */
interface NameEntry {
  id: string;
  kind: SeminarNameKind;
  names: string[];
  given: string[];
  context: string[];
}

interface Variant {
  entry: NameEntry;
  /** per token: name keys (persons) or folded words (places, works) */
  parts: string[];
  mustCapitalize: boolean;
}

export interface CompiledGazetteer {
  entries: Map<string, NameEntry>;
  /** first part → variants starting with it, longest first */
  byFirst: Map<string, Variant[]>;
  /** all person surname keys → entry ids (for "is the next word a surname?" and look-alike detection) */
  surnames: Map<string, string[]>;
  /** given-name keys per entry */
  given: Map<string, Set<string>>;
  /** context words (folded) per entry */
  context: Map<string, Set<string>>;
  /** keys of every given name in the list ("Martin", "Claus", "Boris") */
  allGiven: Set<string>;
  /** years per entry (namesakes are told apart by them) */
  years: Map<string, number[]>;
}

const PARTICLES = new Set(["von", "van", "der", "de", "zu", "graf", "sir"]);

/** SeminarName → matcher entry: given names are the leading words of multi-word person variants; roles and
 * years are the context words that point to the entry when its surname alone is ambiguous. */
function toEntry(n: SeminarName): NameEntry {
  const given =
    n.kind === "person"
      ? n.variants.flatMap((v) => {
          const words = v.split(/\s+/).filter(Boolean);
          return words.length > 1 ? words.slice(0, -1).filter((w) => !PARTICLES.has(w.toLowerCase())) : [];
        })
      : [];
  return { id: n.id, kind: n.kind, names: n.variants, given, context: [...(n.roles ?? []), ...(n.years ?? []).map(String)] };
}

const partOf = (kind: SeminarNameKind, t: Token) => (kind === "person" ? nameKey(t.raw) : t.folded);

/**
 * The keys a folded place or work word meets its inflected forms under (German cases and adjective endings,
 * English plural and possessive: "schwedischen" / "schwedische", "Alps'" / "Alps"): its German and its
 * English Snowball stem (the language of a listed name's word is not known, and the two stemmers disagree
 * little on names). Memoized: called for every word of every text.
 */
const formKeys = memoizeWord((folded: string): string[] => [...new Set([stem(folded, "de"), stem(folded, "en")])]);

export function compileGazetteer(names: SeminarName[]): CompiledGazetteer {
  const entries = names.map(toEntry);
  const years = new Map(names.map((n) => [n.id, n.years ?? []]));
  const byFirst = new Map<string, Variant[]>();
  const surnames = new Map<string, string[]>();
  const given = new Map<string, Set<string>>();
  const context = new Map<string, Set<string>>();
  const map = new Map<string, NameEntry>();
  for (const entry of entries) {
    map.set(entry.id, entry);
    given.set(entry.id, new Set((entry.given ?? []).flatMap((g) => tokenize(g).map((t) => nameKey(t.raw)))));
    context.set(entry.id, new Set((entry.context ?? []).flatMap((c) => tokenize(c).map((t) => t.folded))));
    for (const name of entry.names) {
      const toks = tokenize(name);
      if (!toks.length) continue;
      const parts = toks.map((t) => partOf(entry.kind, t));
      const v: Variant = { entry, parts, mustCapitalize: isCapitalized(toks[0].raw) };
      // Places and works are found by their first word's stems (inflected forms), persons by the name key.
      for (const first of entry.kind === "person" ? [parts[0]] : formKeys(parts[0])) {
        const list = byFirst.get(first) ?? [];
        if (!list.some((o) => o.entry.id === entry.id && o.parts.join(" ") === parts.join(" "))) list.push(v);
        byFirst.set(first, list);
      }
      if (entry.kind === "person") {
        const key = parts[parts.length - 1];
        const ids = surnames.get(key) ?? [];
        if (!ids.includes(entry.id)) ids.push(entry.id);
        surnames.set(key, ids);
      }
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.parts.length - a.parts.length);
  const allGiven = new Set([...given.values()].flatMap((s) => [...s]).filter((k) => k.length > 1));
  return { entries: map, byFirst, surnames, given, context, allGiven, years };
}

function partMatches(variant: Variant, k: number, tok: Token, last: boolean): boolean {
  const want = variant.parts[k];
  if (variant.entry.kind === "person") {
    const key = nameKey(tok.raw);
    if (key === want) return true;
    // German/English genitive: Lincolns, Goethes, Lincoln's, Tolstois
    return last && /(?:s|['’]s)$/i.test(tok.raw) && nameKey(tok.raw.replace(/['’]?s$/i, "")) === want;
  }
  if (tok.folded === want) return true;
  const wanted = formKeys(want);
  return formKeys(tok.folded).some((k) => wanted.includes(k));
}

const isCyrillic = (s: string) => /[\u0400-\u04ff]/.test(s);

// Units for counted quantities, so that "8 Tagen" meets "eight days" but not "8 kilometers".
const UNITS: Record<string, string> = {};
for (const [unit, words] of Object.entries({
  day: ["tag", "tage", "tagen", "day", "days"],
  week: ["woche", "wochen", "week", "weeks"],
  month: ["monat", "monate", "monaten", "month", "months"],
  year: ["jahr", "jahre", "jahren", "year", "years"],
  km: ["km", "kilometer", "kilometern", "kilometers", "kilometres"],
  million: ["million", "millionen", "millions"],
  front: ["front", "fronten", "fronts"],
  soldier: ["soldat", "soldaten", "soldier", "soldiers"],
  officer: ["offizier", "offiziere", "offizieren", "officer", "officers"],
  document: ["dokument", "dokumente", "dokumenten", "document", "documents"],
  member: ["mitglied", "mitglieder", "mitgliedern", "member", "members"],
})) {
  for (const w of words) UNITS[w] = unit;
}
const NUMBER_WORDS: Record<string, number> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  twenty: 20,
  thirty: 30,
  seventy: 70,
  hundred: 100,
  zwei: 2,
  drei: 3,
  vier: 4,
  funf: 5,
  sechs: 6,
  sieben: 7,
  acht: 8,
  neun: 9,
  zehn: 10,
  elf: 11,
  zwolf: 12,
  zwanzig: 20,
  dreissig: 30,
  siebzig: 70,
  hundert: 100,
};

const MONTH_WORDS = new Set(
  "januar jaenner january februar february marz maerz march april mai may juni june juli july august september oktober october november dezember december".split(
    " ",
  ),
);

/** A name's shortest key is 3 letters: two-letter keys ("Li", "Ус") meet far too much by chance. */
const MIN_KEY = 3;

/**
 * The keys a written name may stand for: its own, the one without an inflection ending (German and
 * English genitive -s/'s: Lincolns, Lincoln's; Russian case endings: Хрущёва, Хрущёвым), and each without
 * a final vowel. Two names meet when they share a key.
 */
export function nameKeysOf(raw: string): string[] {
  const forms = [raw];
  if (/[\u0400-\u04ff]/.test(raw)) {
    const base = raw.replace(/(?:ым|ом|ой|ей|ем|ою|а|у|е|ы|я|ю)$/i, "");
    if (base !== raw && base.length >= 3) forms.push(base);
  } else if (/['’]s$/i.test(raw)) forms.push(raw.replace(/['’]s$/i, ""));
  else if (/[^s]s$/.test(raw)) forms.push(raw.slice(0, -1));
  // Russian declension changes a final vowel (Куба, Кубе, Кубу): every key also stands without it.
  const keys = forms.map(nameKey);
  for (const k of [...keys]) keys.push(k.replace(/[aeiou]+$/, ""));
  return [...new Set(keys)].filter((k) => k.length >= MIN_KEY);
}

/** Evidence in one text. `contextYear` is used for dates written without a year. */
export function extractEntities(
  text: string,
  opts: {
    gazetteer: CompiledGazetteer;
    glossary: GlossaryEntry[];
    contextYear?: number | null;
    /** is this written word a common word of its language (it has a dictionary entry)? */
    isDictionaryWord?: (raw: string) => boolean;
  },
): Extracted {
  const { gazetteer } = opts;
  const tokens = tokenize(text);
  const used = new Uint8Array(tokens.length);
  const mentions: Mention[] = [];
  const dates = extractDates(text, { contextYear: opts.contextYear ?? null });
  const dated = new Uint8Array(tokens.length);
  if (dates.length) tokens.forEach((t, i) => (dated[i] = dates.some((d) => t.start < d.end && t.end > d.start) ? 1 : 0));
  const onlySpaceBetween = (a: Token, b: Token) => /^[\s\u00a0-]*$/.test(text.slice(a.end, b.start));

  // 1. Gazetteer (works, people, places), longest variant first.
  for (let i = 0; gazetteer.byFirst.size > 0 && i < tokens.length; i++) {
    if (used[i]) continue;
    const tok = tokens[i];
    // Persons are indexed by name key, places and works by their first word's stems (inflected: "schwedischen").
    const keys = new Set([nameKey(tok.raw), nameKey(tok.raw.replace(/['’]?s$/i, "")), ...formKeys(tok.folded)]);
    const variants = [...keys].flatMap((k) => gazetteer.byFirst.get(k) ?? []).sort((a, b) => b.parts.length - a.parts.length);
    let matched: Variant[] = [];
    let length = 0;
    for (const v of variants) {
      const n = v.parts.length;
      if (n < length || i + n > tokens.length) continue;
      if (v.mustCapitalize && !isCapitalized(tok.raw) && !isCyrillic(tok.raw)) continue;
      let ok = true;
      for (let k = 0; k < n && ok; k++)
        ok =
          !used[i + k] &&
          partMatches(v, k, tokens[i + k], k === n - 1) &&
          (k === 0 || onlySpaceBetween(tokens[i + k - 1], tokens[i + k]) || v.entry.kind === "work");
      if (!ok) continue;
      if (n > length) matched = [];
      length = n;
      if (!matched.some((m) => m.entry.id === v.entry.id)) matched.push(v);
    }
    if (!matched.length) continue;
    const kind = matched[0].entry.kind;
    const last = tokens[i + length - 1];
    if (kind === "person" && length === 1) {
      // A known given name directly followed by a known surname is not a surname here ("Claus Stauffenberg").
      const next = tokens[i + 1];
      if (
        next &&
        gazetteer.allGiven.has(nameKey(tok.raw)) &&
        isCapitalized(next.raw) &&
        onlySpaceBetween(tok, next) &&
        gazetteer.surnames.has(nameKey(next.raw))
      )
        continue;
    }
    for (let k = 0; k < length; k++) used[i + k] = 1;
    const surnameKey = kind === "person" ? nameKey(last.raw.replace(/['’]s$/i, "")) : undefined;
    let ids = matched.map((m) => m.entry.id);
    if (ids.length > 1) ids = disambiguateByGivenName(ids, tokens, i, gazetteer) ?? disambiguateByContext(ids, text, gazetteer) ?? ids;
    mentions.push({
      kind,
      id: ids.length === 1 ? ids[0] : `?${surnameKey}`,
      start: tok.start,
      end: last.end,
      text: text.slice(tok.start, last.end),
      ...(ids.length > 1 ? { candidates: ids } : {}),
      ...(surnameKey ? { surnameKey } : {}),
    });
  }

  // 2. Glossary concepts (on the words no gazetteer entry took).
  for (const hit of findGlossaryTerms(text, opts.glossary, tokens)) {
    const overlapsEntity = mentions.some((m) => hit.start < m.end && hit.end > m.start && m.kind === "work");
    if (!overlapsEntity) mentions.push({ kind: "glossary", id: hit.entryId, start: hit.start, end: hit.end, text: hit.text });
  }

  // 3. Counted quantities: a number (digits or word) followed by a known unit.
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i];
    if (dated[i]) continue;
    const value = /^\d{1,4}$/.test(t.raw) ? Number(t.raw) : NUMBER_WORDS[t.folded];
    if (value === undefined) continue;
    const unit = UNITS[tokens[i + 1].folded];
    if (!unit) continue;
    mentions.push({ kind: "number", id: `${value}:${unit}`, start: t.start, end: tokens[i + 1].end, text: text.slice(t.start, tokens[i + 1].end) });
  }

  // 4. Other proper names, in any language and script: capitalized words that are no stop word, not taken
  // above. Sentence-initial words count too ("Chruschtschow schrieb …"): the dictionary, not the position,
  // tells "Krieg" from "Kennedy" (`common`).
  const isWord = opts.isDictionaryWord ?? (() => false);
  // Which tokens the evidence above covers, and where listed persons start: one pass, not one per token.
  const covered = new Uint8Array(tokens.length);
  const personStarts: number[] = [];
  {
    // Listed names do not hide the words they are made of: the list adds evidence, it never takes any away.
    const sorted = mentions.filter((m) => m.kind === "glossary" || m.kind === "number").sort((a, b) => a.start - b.start);
    let k = 0;
    for (let i = 0; i < tokens.length; i++) {
      while (k < sorted.length && sorted[k].end <= tokens[i].start) k++;
      for (let j = k; j < sorted.length && sorted[j].start < tokens[i].end; j++) if (tokens[i].start < sorted[j].end) covered[i] = 1;
    }
    for (const m of mentions) if (m.kind === "person") personStarts.push(m.start);
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!isCapitalized(t.raw) || t.raw.length < 3 || dated[i] || /\d/.test(t.raw)) continue;
    const initial = i === 0 || /[.!?:»«„"“”]\s*$/.test(text.slice(tokens[i - 1].end, t.start));
    if (isStopWord(t.raw) || MONTH_WORDS.has(t.folded)) continue;
    if (t.raw.length > 3 && t.raw === t.raw.toUpperCase() && initial) continue;
    if (covered[i]) continue;
    // A given name or initial before a listed person ("Nikita S. Khrushchev") is part of that name.
    if (personStarts.some((start) => start >= t.end && start <= t.end + 6 && /^[\s.\p{Lu}]*$/u.test(text.slice(t.end, start)))) continue;
    const keys = nameKeysOf(t.raw);
    if (keys.length) mentions.push({ kind: "name", id: keys[0], keys, start: t.start, end: t.end, text: t.raw, ...(isWord(t.raw) ? { common: true } : {}) });
  }

  mentions.sort((a, b) => a.start - b.start);
  return { mentions, dates };
}

function disambiguateByGivenName(ids: string[], tokens: Token[], i: number, g: CompiledGazetteer): string[] | null {
  const before = tokens.slice(Math.max(0, i - 3), i).map((t) => nameKey(t.raw));
  const hits = ids.filter((id) => before.some((k) => g.given.get(id)?.has(k)));
  return hits.length === 1 ? hits : null;
}

function disambiguateByContext(ids: string[], text: string, g: CompiledGazetteer): string[] | null {
  const words = new Set(tokenize(text).map((t) => t.folded));
  const scored = ids.map((id) => ({ id, n: [...(g.context.get(id) ?? [])].filter((w) => words.has(w)).length }));
  scored.sort((a, b) => b.n - a.n);
  return scored[0].n > 0 && scored[0].n > (scored[1]?.n ?? 0) ? [scored[0].id] : null;
}

/**
 * One sense per document: an ambiguous surname takes the entry that the same document resolves elsewhere
 * ("Anatoly Gromyko of the institute" → the bare "Gromyko" later is Anatoly, not the minister), else
 * the entry whose context words the document uses most. Mutates the mentions.
 */
export function resolveAmbiguous(perBlock: Extracted[], documentText: string, g: CompiledGazetteer): void {
  const resolved = new Map<string, Map<string, number>>();
  for (const b of perBlock) {
    for (const m of b.mentions) {
      if (m.kind !== "person" || m.candidates || !m.surnameKey) continue;
      const counts = resolved.get(m.surnameKey) ?? new Map<string, number>();
      counts.set(m.id, (counts.get(m.id) ?? 0) + 1);
      resolved.set(m.surnameKey, counts);
    }
  }
  for (const b of perBlock) {
    for (const m of b.mentions) {
      if (!m.candidates) continue;
      const counts = resolved.get(m.surnameKey!);
      const best = counts && [...counts.entries()].filter(([id]) => m.candidates!.includes(id)).sort((a, b) => b[1] - a[1])[0];
      const pick = best ? [best[0]] : disambiguateByContext(m.candidates, documentText, g);
      if (pick) {
        m.id = pick[0];
        delete m.candidates;
      }
    }
  }
}
