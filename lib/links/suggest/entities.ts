/**
 * Evidence extraction for link suggestions: people, places, cited works (gazetteer), glossary concepts,
 * counted quantities (numbers with their unit), other proper names, and dates. Framework-free.
 *
 * Persons are matched per token with `nameKey`, so Semjonow meets Semyonov and Молотов meets Molotov.
 * Hand-written: the NLP packages on npm (compromise, wink-nlp, natural) recognise English names only, know
 * nothing of German/Russian transliteration, and statistical NER models cannot be fetched here. A curated
 * gazetteer (the seminar's name list, name-list.ts) plus the name key stays explainable.
 *
 * Look-alikes are kept apart by:
 *  - multi-word names matched first ("Claus von Stauffenberg" never yields the name "Claus" = Clauss);
 *  - a capitalized name directly followed by another known surname is a given name, not a surname;
 *  - one surname with several gazetteer entries (Winogradow 1933 / Vinogradov 1943) is resolved by a given
 *    name written before it, else later per document (`resolveAmbiguous`), else left unresolved.
 */
import { findGlossaryTerms, type GlossaryEntry } from "@/lib/links/glossary";
import { extractDates, type DateMention } from "@/lib/text/dates";
import { isCapitalized, nameKey, tokenize, type Token } from "@/lib/text/normalize";
import type { GazetteerEntry } from "./name-list";

export type EvidenceKind = "person" | "place" | "work" | "glossary" | "number" | "name";

export interface Mention {
  kind: EvidenceKind;
  /** gazetteer id, glossary id, "8:day" for numbers, the name key for other names */
  id: string;
  start: number;
  end: number;
  text: string;
  /** several gazetteer persons share this surname and nothing in the passage tells them apart */
  candidates?: string[];
  /** the key shared by look-alikes (surname key), to detect "same surname, different person" */
  surnameKey?: string;
}

export interface Extracted {
  mentions: Mention[];
  dates: DateMention[];
}

interface Variant {
  entry: GazetteerEntry;
  /** per token: name keys (persons) or folded words (places, works) */
  parts: string[];
  mustCapitalize: boolean;
}

export interface CompiledGazetteer {
  entries: Map<string, GazetteerEntry>;
  /** first part → variants starting with it, longest first */
  byFirst: Map<string, Variant[]>;
  /** all person surname keys → entry ids (for "is the next word a surname?" and look-alike detection) */
  surnames: Map<string, string[]>;
  /** given-name keys per entry */
  given: Map<string, Set<string>>;
  /** context words (folded) per entry */
  context: Map<string, Set<string>>;
  /** keys of every given name in the gazetteer ("Martin", "Claus", "Boris") */
  allGiven: Set<string>;
}

const partOf = (kind: GazetteerEntry["kind"], t: Token) => (kind === "person" ? nameKey(t.raw) : t.folded);

export function compileGazetteer(entries: GazetteerEntry[]): CompiledGazetteer {
  const byFirst = new Map<string, Variant[]>();
  const surnames = new Map<string, string[]>();
  const given = new Map<string, Set<string>>();
  const context = new Map<string, Set<string>>();
  const map = new Map<string, GazetteerEntry>();
  for (const entry of entries) {
    map.set(entry.id, entry);
    given.set(entry.id, new Set((entry.given ?? []).flatMap((g) => tokenize(g).map((t) => nameKey(t.raw)))));
    context.set(entry.id, new Set((entry.context ?? []).flatMap((c) => tokenize(c).map((t) => t.folded))));
    for (const name of entry.names) {
      const toks = tokenize(name);
      if (!toks.length) continue;
      const parts = toks.map((t) => partOf(entry.kind, t));
      const v: Variant = { entry, parts, mustCapitalize: isCapitalized(toks[0].raw) };
      const list = byFirst.get(parts[0]) ?? [];
      if (!list.some((o) => o.entry.id === entry.id && o.parts.join(" ") === parts.join(" "))) list.push(v);
      byFirst.set(parts[0], list);
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
  return { entries: map, byFirst, surnames, given, context, allGiven };
}

// Endings tolerated on place/work words: German cases and adjective endings, English plural/possessive.
const ENDINGS = new Set(["", "s", "es", "e", "en", "n", "er", "em", "ern", "'s", "’s"]);

function partMatches(variant: Variant, k: number, tok: Token, last: boolean): boolean {
  const want = variant.parts[k];
  if (variant.entry.kind === "person") {
    const key = nameKey(tok.raw);
    if (key === want) return true;
    // German/English genitive: Stalins, Kleists, Stalin's, Trotzkis
    return last && /(?:s|['’]s)$/i.test(tok.raw) && nameKey(tok.raw.replace(/['’]?s$/i, "")) === want;
  }
  if (tok.folded === want) return true;
  return tok.folded.startsWith(want) && ENDINGS.has(tok.folded.slice(want.length));
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
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, twenty: 20, thirty: 30, seventy: 70, hundred: 100,
  zwei: 2, drei: 3, vier: 4, funf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9, zehn: 10, elf: 11, zwolf: 12, zwanzig: 20, dreissig: 30, siebzig: 70, hundert: 100,
};

// Capitalized English words that are not names of anyone in particular.
const GENERIC_CAPITALIZED = new Set(
  "the this that these those there their then when what which while with after before during since until although though however thus yet but and for from into onto upon among between against about above below under over soviet soviets german germans germany russian russians russia british american americans allied allies western eastern europe european nazi nazis communist communists communism party union state states department office foreign president general colonel minister ministry ambassador army red war world great day order records report reports press radio committee conference government national east west north south january february march april may june july august september october november december ibid see also quoted".split(
    " ",
  ),
);

/** Evidence in one text. `contextYear` is used for dates written without a year. */
export function extractEntities(
  text: string,
  opts: { gazetteer: CompiledGazetteer; glossary: GlossaryEntry[]; contextYear?: number | null },
): Extracted {
  const { gazetteer } = opts;
  const tokens = tokenize(text);
  const used = new Uint8Array(tokens.length);
  const mentions: Mention[] = [];
  const dates = extractDates(text, { contextYear: opts.contextYear ?? null });
  const inDate = (t: Token) => dates.length > 0 && dates.some((d) => t.start < d.end && t.end > d.start);
  const onlySpaceBetween = (a: Token, b: Token) => /^[\s\u00a0-]*$/.test(text.slice(a.end, b.start));

  // 1. Gazetteer (works, people, places), longest variant first.
  for (let i = 0; i < tokens.length; i++) {
    if (used[i]) continue;
    const tok = tokens[i];
    // Persons are indexed by name key, places and works by folded word (possibly inflected: "schwedischen").
    const keys = new Set([nameKey(tok.raw), nameKey(tok.raw.replace(/['’]?s$/i, ""))]);
    for (const ending of ENDINGS) if (tok.folded.endsWith(ending)) keys.add(tok.folded.slice(0, tok.folded.length - ending.length));
    const variants = [...keys].flatMap((k) => gazetteer.byFirst.get(k) ?? []).sort((a, b) => b.parts.length - a.parts.length);
    let matched: Variant[] = [];
    let length = 0;
    for (const v of variants) {
      const n = v.parts.length;
      if (n < length || i + n > tokens.length) continue;
      if (v.mustCapitalize && !isCapitalized(tok.raw) && !isCyrillic(tok.raw)) continue;
      let ok = true;
      for (let k = 0; k < n && ok; k++) ok = !used[i + k] && partMatches(v, k, tokens[i + k], k === n - 1) && (k === 0 || onlySpaceBetween(tokens[i + k - 1], tokens[i + k]) || v.entry.kind === "work");
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
      if (next && gazetteer.allGiven.has(nameKey(tok.raw)) && isCapitalized(next.raw) && onlySpaceBetween(tok, next) && gazetteer.surnames.has(nameKey(next.raw))) continue;
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
    if (inDate(t)) continue;
    const value = /^\d{1,4}$/.test(t.raw) ? Number(t.raw) : NUMBER_WORDS[t.folded];
    if (value === undefined) continue;
    const unit = UNITS[tokens[i + 1].folded];
    if (!unit) continue;
    mentions.push({ kind: "number", id: `${value}:${unit}`, start: t.start, end: tokens[i + 1].end, text: text.slice(t.start, tokens[i + 1].end) });
  }

  // 4. Other proper names: capitalized, not sentence-initial, not taken above.
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i];
    if (used[i] || !isCapitalized(t.raw) || t.raw.length < 4 || inDate(t)) continue;
    if (/[.!?:»«„"“”]\s*$/.test(text.slice(tokens[i - 1].end, t.start)) || /[.!?]\s*$/.test(text.slice(Math.max(0, t.start - 3), t.start))) continue;
    if (GENERIC_CAPITALIZED.has(t.folded) || t.raw === t.raw.toUpperCase()) continue;
    if (mentions.some((m) => t.start < m.end && t.end > m.start)) continue;
    // A given name or initial before a known person ("Vladimir S. Semyonov", "Boris Winogradow") is part of that name.
    const after = text.slice(t.end, t.end + 6);
    if (mentions.some((m) => m.kind === "person" && m.start >= t.end && m.start <= t.end + after.length && /^[\s.A-Z]*$/.test(text.slice(t.end, m.start)))) continue;
    const key = nameKey(t.raw.replace(/['’]s$/i, ""));
    if (key.length >= 4) mentions.push({ kind: "name", id: key, start: t.start, end: t.end, text: t.raw });
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
 * (Mastný: "Konstantin Vinogradov of the Soviet legation" → the bare "Vinogradov" later is Konstantin), else
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

