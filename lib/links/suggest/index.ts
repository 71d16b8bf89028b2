/**
 * Link suggestions: for a selected passage, ranked candidate passages in the OTHER documents, across
 * languages, each with the evidence shown. Framework-free; the API route and the UI call `getIndex` once per
 * corpus version and `suggest` per selection.
 *
 * Score of a candidate block = Σ over evidence shared with the selection of weight(kind) × idf (rare names
 * weigh more than "Stalin"), + dates by precision (same day ≫ same month ≫ same year), − penalties for
 * look-alikes (the same surname resolved to a different person; the same day and month in another year).
 * The candidate passage returned is the sentence window of the block that holds the evidence.
 */
import type { Language, SynopseDocument } from "@/lib/content/types";
import { STARTER_GLOSSARY, type GlossaryEntry } from "@/lib/links/glossary";
import { compareDates, formatDate, yearFromSameDay, type DateMention } from "@/lib/text/dates";
import { compileGazetteer, extractEntities, resolveAmbiguous, type CompiledGazetteer, type Extracted, type Mention } from "./entities";
import type { SeminarName } from "@/lib/links/names/types";
import { gazetteerFromNames } from "./name-list";

/** "name": a proper name that is not in the gazetteer, matched by spelling key (English texts only). */
export type ReasonKind = "person" | "place" | "date" | "number" | "work" | "glossary" | "name";

export interface SuggestionReason {
  kind: ReasonKind;
  /** the words in the selected passage */
  source: string;
  /** the words in the suggested passage */
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
  /** look-alikes that lowered the score (shown as a caution, e.g. "Vinogradov ≠ Winogradow: other person") */
  cautions?: SuggestionReason[];
}

export type PassageRef = { slug: string; blockId: string; start: number; end: number } | { slug: string; exact: string };

export interface SuggestOptions {
  /** at most this many suggestions (default 5) */
  limit?: number;
  /** documents not to propose from (the source document is always excluded) */
  excludeSlugs?: string[];
  /** target blocks the user dismissed for this passage */
  dismissed?: Array<{ slug: string; blockId: string }>;
  /** suggestions scoring below this are not returned (default SUGGESTION_THRESHOLD) */
  minScore?: number;
}

/** Below this, evidence is too thin to propose (one common name, a shared year). Tuned on the gold set. */
export const SUGGESTION_THRESHOLD = 2;

const WEIGHT: Record<Mention["kind"], number> = { person: 1.0, place: 0.7, work: 2.0, glossary: 0.8, number: 1.0, name: 0.6 };
const DATE_WEIGHT = { "same-day": 3.0, "same-month": 1.2, "same-year": 0.3 } as const;
const OTHER_YEAR_PENALTY = 3.0;
const LOOKALIKE_PENALTY = 2.5;

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
  /** distinct feature keys */
  features: Set<string>;
  sentences: Array<[number, number]>;
}

export interface SuggestIndex {
  version: string;
  blocks: IndexedBlock[];
  byRef: Map<string, IndexedBlock>;
  docs: Map<string, SynopseDocument>;
  postings: Map<string, number[]>;
  idf: Map<string, number>;
  gazetteer: CompiledGazetteer;
  glossary: GlossaryEntry[];
}

const ref = (slug: string, blockId: string) => `${slug}#${blockId}`;
const featureKey = (m: Mention) => `${m.kind}:${m.id}`;
const dateKeys = (d: DateMention) => [
  ...(d.day !== undefined ? [`md:${d.month}-${d.day}`] : []),
  ...(d.month !== undefined && d.year !== null ? [`ym:${d.year}-${d.month}`] : []),
];

/** Build the index for a corpus. Cost: one pass of extraction over every block (see bench). */
export function buildIndex(
  docs: SynopseDocument[],
  glossary: GlossaryEntry[] = STARTER_GLOSSARY,
  names: SeminarName[] = [],
): SuggestIndex {
  const gazetteer = compileGazetteer(gazetteerFromNames(names));
  const blocks: IndexedBlock[] = [];
  const byRef = new Map<string, IndexedBlock>();
  for (const doc of docs) {
    const extracted = doc.blocks.map((b) => extractEntities(b.text, { gazetteer, glossary }));
    resolveAmbiguous(extracted, doc.blocks.map((b) => b.text).join("\n"), gazetteer);
    inferYearsFromFootnotes(doc, extracted);
    doc.blocks.forEach((b, i) => {
      const ex = extracted[i];
      const features = new Set<string>();
      for (const m of ex.mentions) if (!m.candidates) features.add(featureKey(m));
      for (const d of ex.dates) for (const k of dateKeys(d)) features.add(k);
      const ib: IndexedBlock = {
        slug: doc.meta.slug,
        lang: doc.meta.lang,
        blockId: b.id,
        text: b.text,
        target: isTargetBlock(b),
        footnote: b.type === "footnote",
        mentions: ex.mentions,
        dates: ex.dates,
        features,
        sentences: sentenceSpans(b.text),
      };
      blocks.push(ib);
      byRef.set(ref(ib.slug, ib.blockId), ib);
    });
  }
  const postings = new Map<string, number[]>();
  blocks.forEach((b, i) => {
    if (!b.target) return;
    for (const f of b.features) {
      const list = postings.get(f) ?? [];
      list.push(i);
      postings.set(f, list);
    }
  });
  const n = blocks.filter((b) => b.target).length;
  const idf = new Map<string, number>();
  for (const [f, list] of postings) idf.set(f, Math.log(1 + n / list.length));
  return {
    version: docs.map((d) => `${d.meta.slug}@${d.version}`).join(","),
    blocks,
    byRef,
    docs: new Map(docs.map((d) => [d.meta.slug, d])),
    postings,
    idf,
    gazetteer,
    glossary,
  };
}

const cache = new Map<string, SuggestIndex>();

/** The index for this corpus, glossary and name list, built once per corpus version (and list contents). */
export function getIndex(docs: SynopseDocument[], glossary: GlossaryEntry[] = STARTER_GLOSSARY, names: SeminarName[] = []): SuggestIndex {
  const key = `${docs.map((d) => `${d.meta.slug}@${d.version}`).join(",")}|${JSON.stringify(glossary)}|${JSON.stringify(names)}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const index = buildIndex(docs, glossary, names);
  if (cache.size >= 4) cache.delete(cache.keys().next().value!);
  cache.set(key, index);
  return index;
}

function isTargetBlock(b: SynopseDocument["blocks"][number]): boolean {
  if (b.type === "quote" && b.quoteOf) return false; // a forum quote repeats another post: link the original
  return !["heading", "separator", "signoff"].includes(b.type) && b.text.trim().length > 0;
}

/**
 * A day written without a year ("On November 12 Molotov …") takes the year of the same day in the
 * footnotes the passage cites (Mastný n. 118: "Molotov to Harriman, Nov. 12, 1943"), else the year most of
 * those footnotes' dates carry. This overrides the weaker guess from an earlier year in the same paragraph.
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

// Sentence ends: . ! ? followed by space and an upper-case letter or quote, but not after an initial
// ("F."), a common abbreviation or a number ("16. Juni").
const ABBREV = /(?:\b[A-ZÄÖÜ]|\b(?:S|p|pp|no|Nr|Dr|Mr|Mrs|St|vgl|Vgl|bzw|ca|z\. ?B|u\. ?a|d\. ?i|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|Dez|Okt|ff|Hg|Bd|Jg|H|Bl|ed|tr|vol|ibid|Ebd|m\.E|mE|\d+))\.$/;

export function sentenceSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = 0;
  const re = /[.!?…]["'”“»«)]*\s+(?=["'„“»«(]?[\p{Lu}\d])/gu;
  for (const m of text.matchAll(re)) {
    const endOfSentence = m.index! + m[0].trimEnd().length;
    if (ABBREV.test(text.slice(Math.max(start, m.index! - 8), m.index! + 1))) continue;
    spans.push([start, endOfSentence]);
    start = m.index! + m[0].length;
  }
  if (start < text.length) spans.push([start, text.trimEnd().length]);
  return spans.filter(([a, b]) => b > a);
}

interface Query {
  slug: string;
  lang: Language;
  mentions: Mention[];
  dates: DateMention[];
  exclude?: { slug: string; blockId: string };
}

function queryFor(index: SuggestIndex, passage: PassageRef): Query | null {
  const doc = index.docs.get(passage.slug);
  let block: IndexedBlock | undefined;
  let start = 0;
  let end = 0;
  if ("exact" in passage) {
    const candidates = doc ? doc.blocks.map((b) => index.byRef.get(ref(passage.slug, b.id))!).filter((b) => b.text.includes(passage.exact)) : [];
    block = candidates.find((b) => b.target) ?? candidates[0];
    if (block) {
      start = block.text.indexOf(passage.exact);
      end = start + passage.exact.length;
    } else {
      // Text not in the corpus (edited, or a free query): extract on the fly.
      const ex = extractEntities(passage.exact, { gazetteer: index.gazetteer, glossary: index.glossary });
      return { slug: passage.slug, lang: doc?.meta.lang ?? "en", mentions: ex.mentions.filter((m) => !m.candidates), dates: ex.dates };
    }
  } else {
    block = index.byRef.get(ref(passage.slug, passage.blockId));
    if (!block) return null;
    start = passage.start;
    end = passage.end;
  }
  const within = (s: number, e: number) => s < end && e > start;
  return {
    slug: passage.slug,
    lang: block.lang,
    mentions: block.mentions.filter((m) => within(m.start, m.end) && !m.candidates),
    dates: block.dates.filter((d) => within(d.start, d.end)),
    exclude: { slug: block.slug, blockId: block.blockId },
  };
}

interface Evidence {
  reason: SuggestionReason;
  weight: number;
  /** target span */
  at: [number, number];
}


function scoreBlock(index: SuggestIndex, q: Query, t: IndexedBlock): { score: number; evidence: Evidence[]; cautions: SuggestionReason[] } {
  const evidence: Evidence[] = [];
  const cautions: SuggestionReason[] = [];
  let penalty = 0;
  const seen = new Set<string>();
  for (const qm of q.mentions) {
    const key = featureKey(qm);
    if (seen.has(key)) continue;
    // Other capitalized words count only between English texts: German capitalizes every noun, and across
    // languages the gazetteer and the glossary carry the names that matter.
    if (qm.kind === "name" && (q.lang !== "en" || t.lang !== "en")) continue;
    const tm = t.features.has(key) ? t.mentions.find((m) => featureKey(m) === key) : undefined;
    if (tm) {
      seen.add(key);
      evidence.push({ reason: { kind: qm.kind, source: qm.text, target: tm.text }, weight: WEIGHT[qm.kind] * (index.idf.get(key) ?? 1), at: [tm.start, tm.end] });
    } else if (qm.kind === "person" && qm.surnameKey && !seen.has(`look:${qm.surnameKey}`)) {
      const other = t.mentions.find((m) => m.kind === "person" && m.surnameKey === qm.surnameKey && m.id !== qm.id && !m.candidates);
      if (other) {
        seen.add(`look:${qm.surnameKey}`);
        penalty += LOOKALIKE_PENALTY;
        cautions.push({ kind: "person", source: qm.text, target: other.text });
      }
    }
  }
  let yearOnly = 0;
  for (const qd of q.dates) {
    let best: Evidence | null = null;
    let against: { strength: number; target: DateMention } | null = null;
    for (const td of t.dates) {
      const r = compareDates(qd, td);
      if (r.kind === "none") continue;
      if (r.kind === "other-year") {
        if (!against || r.strength > against.strength) against = { strength: r.strength, target: td };
        continue;
      }
      // A footnote's dates are mostly those of the cited documents, not of the events discussed.
      const w = DATE_WEIGHT[r.kind] * r.strength * (t.footnote ? 0.5 : 1);
      if (!best || w > best.weight) best = { reason: { kind: "date", source: qd.text, target: td.text }, weight: w, at: [td.start, td.end] };
    }
    if (best && best.weight >= DATE_WEIGHT["same-month"] * 0.5) {
      if (!seen.has(`date:${best.reason.target}`)) {
        seen.add(`date:${best.reason.target}`);
        evidence.push(best);
      }
    } else if (best && yearOnly < 2) {
      // A shared year alone is weak evidence; count at most two of them.
      if (!seen.has(`year:${best.reason.target}`) && !seen.has(`year:${formatDate(qd).slice(0, 4)}`)) {
        seen.add(`year:${best.reason.target}`);
        seen.add(`year:${formatDate(qd).slice(0, 4)}`);
        yearOnly++;
        evidence.push(best);
      }
    }
    if (against && !best) {
      penalty += OTHER_YEAR_PENALTY * against.strength;
      cautions.push({ kind: "date", source: qd.text, target: against.target.text });
    }
  }
  const raw = evidence.reduce((s, e) => s + e.weight, 0);
  // Long blocks share something with everything; dampen mildly by how much they mention.
  const score = raw / (1 + 0.02 * t.features.size) - penalty;
  return { score, evidence, cautions };
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

/** Ranked suggestions for a passage, best first, from documents other than the passage's own. */
export function suggest(index: SuggestIndex, passage: PassageRef, options: SuggestOptions = {}): Suggestion[] {
  const limit = options.limit ?? 5;
  const minScore = options.minScore ?? SUGGESTION_THRESHOLD;
  const q = queryFor(index, passage);
  if (!q || (!q.mentions.length && !q.dates.length)) return [];
  const excluded = new Set([q.slug, ...(options.excludeSlugs ?? [])]);
  const dismissed = new Set((options.dismissed ?? []).map((d) => ref(d.slug, d.blockId)));

  // Candidates: blocks sharing at least one feature (postings), or a date key.
  const candidateIds = new Set<number>();
  const keys = new Set<string>([...q.mentions.map(featureKey), ...q.dates.flatMap(dateKeys)]);
  for (const qd of q.dates) if (qd.year !== null) keys.add(`ym:${qd.year}-${qd.month}`);
  for (const k of keys) for (const i of index.postings.get(k) ?? []) candidateIds.add(i);

  const out: Suggestion[] = [];
  for (const i of candidateIds) {
    const t = index.blocks[i];
    if (!t.target || excluded.has(t.slug) || dismissed.has(ref(t.slug, t.blockId))) continue;
    const { score, evidence, cautions } = scoreBlock(index, q, t);
    if (score < minScore || !evidence.length) continue;
    const [start, end] = evidenceWindow(t, evidence);
    out.push({
      slug: t.slug,
      blockId: t.blockId,
      start,
      end,
      score: Math.round(score * 100) / 100,
      lang: t.lang,
      reasons: evidence.sort((a, b) => b.weight - a.weight).map((e) => e.reason),
      ...(cautions.length ? { cautions } : {}),
    });
  }
  out.sort((a, b) => b.score - a.score || a.slug.localeCompare(b.slug) || a.blockId.localeCompare(b.blockId));
  return out.slice(0, limit);
}

/** Evidence found in one block (for debugging and for the UI's "why" panel). */
export function blockEvidence(index: SuggestIndex, slug: string, blockId: string): { mentions: Mention[]; dates: DateMention[] } | null {
  const b = index.byRef.get(ref(slug, blockId));
  return b ? { mentions: b.mentions, dates: b.dates } : null;
}
