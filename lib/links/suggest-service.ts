/**
 * Link suggestions for a seminar member: the same answer for the reader's suggestions panel and for scripts
 * (POST /api/links/suggest). Authorization is the app's: only a member of the seminar may ask, only about
 * a document of that seminar, and only passages of the seminar's other documents are proposed — library texts
 * and texts uploaded into the seminar alike (lib/links/seminar-index: one index per seminar, built off the
 * request thread). The seminar's glossary and name list are used, and suggestions the member dismissed
 * (SuggestionDismissal) are left out.
 * Framework-free; the route only reads the session and the JSON body.
 */
import { z } from "zod";
import { CONTEXT_LENGTH } from "@/lib/anchoring";
import { getDocumentAsync } from "@/lib/content/store";
import { documentText, locate } from "@/lib/content/text";
import type { Language, SynopseDocument } from "@/lib/content/types";
import { db } from "@/lib/db/client";
import { AppError, invalidRequest } from "@/lib/errors";
import { readableWhere } from "@/lib/annotations/access";
import { listSeminars, requireMember, seminarHasDocument } from "@/lib/seminars";
import { correspondencesInSeminar, evidenceInSeminar, suggestInSeminar } from "./seminar-index";
import { learnedWeights, learnFromDismissal, type EvidenceOf } from "./suggest-learning";
import type { ReasonKind, Suggestion, SuggestionCaution } from "./suggest";
import { dictionaryAvailable } from "./suggest/server";

const quoteSelector = z.object({
  type: z.literal("TextQuoteSelector"),
  exact: z.string().min(1).max(4000),
  prefix: z.string().max(1000).optional(),
  suffix: z.string().max(1000).optional(),
});

const positionSelector = z.object({ type: z.literal("TextPositionSelector"), start: z.number().int().min(0), end: z.number().int().min(0) });

/**
 * A passage: a W3C TextQuoteSelector or TextPositionSelector (or a list holding one), or a block id with
 * offsets into that block's text (what the reader knows).
 */
export const suggestInput = z
  .object({
    /** The seminar; optional for scripts: the member's most recently joined seminar holding the document. */
    seminar: z.string().min(1).max(100).optional(),
    document: z.string().min(1).max(200),
    selector: z
      .union([
        quoteSelector,
        positionSelector,
        z
          .array(z.union([quoteSelector, positionSelector]))
          .min(1)
          .max(4),
      ])
      .optional(),
    blockId: z.string().min(1).max(100).optional(),
    start: z.number().int().min(0).optional(),
    end: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(20).optional(),
  })
  .refine((r) => r.selector !== undefined || (r.blockId !== undefined && r.start !== undefined && r.end !== undefined && r.end > r.start), {
    message: "a passage needs a selector, or blockId with start < end",
  });
export type SuggestInput = z.infer<typeof suggestInput>;

/** The selectors of a suggested passage, as the request schema reads them (prefix and suffix always given). */
export interface W3CPassageSelectors {
  quote: Required<z.infer<typeof quoteSelector>>;
  position: z.infer<typeof positionSelector>;
}

export interface SuggestedPassage {
  document: { slug: string; title: string | null; lang: Language };
  blockId: string;
  /** Offsets in the block's text (what the reader and the annotations API take). */
  blockStart: number;
  blockEnd: number;
  /** W3C selectors of the candidate passage over the document's plain text. */
  selector: [W3CPassageSelectors["quote"], W3CPassageSelectors["position"]];
  score: number;
  /** `around`: the source words stand in the selection's paragraph, not in the selection itself */
  reasons: Array<{ kind: ReasonKind; source: string; target: string; around?: boolean }>;
  /** Why it may be wrong: a namesake (same name, other years or person), a same day in another year. */
  cautions: SuggestionCaution[];
  /** a link between the two passages' blocks exists already (shown as linked, not proposed as new) */
  linked: boolean;
}

export interface SuggestAnswer {
  seminar: string;
  /** The passage the suggestions are for, as resolved in the document. */
  passage: { document: string; blockId: string; blockStart: number; blockEnd: number; selector: SuggestedPassage["selector"] };
  candidates: SuggestedPassage[];
  /** false: no bilingual dictionary on the server; words are compared within one language only */
  dictionary: boolean;
}

/** What learning asks of the seminar's index (answered off the request thread, see seminar-index). */
const evidenceFor =
  (seminarId: string): EvidenceOf =>
  (pairs) =>
    evidenceInSeminar(seminarId, pairs);

/** Key of a passage's block in SuggestionDismissal (from/to): dismissals are remembered per block pair. */
export const blockKey = (slug: string, blockId: string) => `${slug}#${blockId}`;

function selectorsAt(doc: SynopseDocument, docStart: number, docEnd: number): SuggestedPassage["selector"] {
  const text = documentText(doc).text;
  return [
    {
      type: "TextQuoteSelector",
      exact: text.slice(docStart, docEnd),
      prefix: text.slice(Math.max(0, docStart - CONTEXT_LENGTH), docStart),
      suffix: text.slice(docEnd, docEnd + CONTEXT_LENGTH),
    },
    { type: "TextPositionSelector", start: docStart, end: docEnd },
  ];
}

/** Length of the common ending of a and b. */
function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}
function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * Where a quote is in the document: every exact occurrence, the one whose surroundings best match the given
 * prefix and suffix wins (a script quoting a common phrase can disambiguate it as W3C intends).
 */
export function findQuote(doc: SynopseDocument, exact: string, prefix = "", suffix = ""): { start: number; end: number } | null {
  const text = documentText(doc).text;
  let best: { start: number; score: number } | null = null;
  for (let at = text.indexOf(exact); at >= 0; at = text.indexOf(exact, at + 1)) {
    const score =
      commonSuffix(text.slice(Math.max(0, at - prefix.length), at), prefix) +
      commonPrefix(text.slice(at + exact.length, at + exact.length + suffix.length), suffix);
    if (!best || score > best.score) best = { start: at, score };
  }
  return best ? { start: best.start, end: best.start + exact.length } : null;
}

/** The passage as (block, offsets in that block); a passage over several blocks is cut at its first block's end. */
function resolvePassage(
  doc: SynopseDocument,
  input: SuggestInput,
): { blockId: string; blockStart: number; blockEnd: number; docStart: number; docEnd: number } {
  const dt = documentText(doc);
  let docStart: number;
  let docEnd: number;
  if (input.selector !== undefined) {
    const list = Array.isArray(input.selector) ? input.selector : [input.selector];
    const quote = list.find((s) => s.type === "TextQuoteSelector") as z.infer<typeof quoteSelector> | undefined;
    const position = list.find((s) => s.type === "TextPositionSelector") as z.infer<typeof positionSelector> | undefined;
    const positionMatches =
      position && position.end > position.start && position.end <= dt.text.length && (!quote || dt.text.slice(position.start, position.end) === quote.exact);
    if (position && positionMatches) {
      docStart = position.start;
      docEnd = position.end;
    } else if (quote) {
      const found = findQuote(doc, quote.exact, quote.prefix, quote.suffix);
      if (!found) throw new AppError("invalid-target", { reason: "quote-not-found" });
      docStart = found.start;
      docEnd = found.end;
    } else {
      throw new AppError("invalid-target", { reason: "position-out-of-range" });
    }
  } else {
    const index = dt.indexById.get(input.blockId!);
    if (index === undefined) throw new AppError("unknown-block", { blockId: input.blockId });
    if (input.end! > doc.blocks[index].text.length) throw new AppError("invalid-target", { reason: "offsets-out-of-range" });
    docStart = dt.starts[index] + input.start!;
    docEnd = dt.starts[index] + input.end!;
  }
  // A selection over more than a few paragraphs is refused before it is cut to its first block.
  if (docEnd - docStart > MAX_SELECTION) throw new AppError("selection-too-long", { max: MAX_SELECTION });
  let first = locate(dt, docStart);
  if (first.offset >= doc.blocks[first.index].text.length && first.index + 1 < doc.blocks.length) first = { index: first.index + 1, offset: 0 };
  const block = doc.blocks[first.index];
  const blockStart = Math.min(first.offset, block.text.length);
  const blockEnd = Math.min(block.text.length, docEnd - dt.starts[first.index]);
  if (blockEnd <= blockStart) throw new AppError("empty-selection");
  return { blockId: block.id, blockStart, blockEnd, docStart: dt.starts[first.index] + blockStart, docEnd: dt.starts[first.index] + blockEnd };
}

/** The seminar to answer in: the one named (membership checked), else the member's newest seminar with the document. */
async function seminarFor(userId: string, requested: string | undefined, slug: string): Promise<string> {
  if (requested) {
    await requireMember(userId, requested);
    if (!(await seminarHasDocument(requested, slug)))
      throw new AppError((await getDocumentAsync(slug)) ? "document-not-in-seminar" : "unknown-document", { slug });
    return requested;
  }
  for (const s of await listSeminars(userId)) if (await seminarHasDocument(s.id, slug)) return s.id;
  throw new AppError((await getDocumentAsync(slug)) ? "document-not-in-seminar" : "unknown-document", { slug });
}

/** Longest selection the suggestions take (a paragraph or a few; a chapter is no passage). */
export const MAX_SELECTION = 4000;

/** Block keys linked to the given block by links this member may read (shown as linked, not proposed). */
async function linkedBlocks(userId: string, seminarId: string, slug: string, blockId: string): Promise<Set<string>> {
  const role = await requireMember(userId, seminarId);
  const rows = await db().annotation.findMany({
    where: { seminarId, motivation: "linking", ...readableWhere({ userId, role }), targets: { some: { documentSlug: slug, blockId } } },
    select: { targets: { select: { documentSlug: true, blockId: true } } },
    take: 500,
  });
  const out = new Set<string>();
  for (const r of rows) for (const t of r.targets) if (!(t.documentSlug === slug && t.blockId === blockId)) out.add(blockKey(t.documentSlug, t.blockId));
  return out;
}

async function toCandidate(s: Suggestion, linked: Set<string>): Promise<SuggestedPassage | null> {
  const target = await getDocumentAsync(s.slug);
  if (!target) return null;
  const dt = documentText(target);
  const index = dt.indexById.get(s.blockId);
  if (index === undefined) return null;
  return {
    document: { slug: s.slug, title: target.meta.title, lang: target.meta.lang },
    blockId: s.blockId,
    blockStart: s.start,
    blockEnd: s.end,
    selector: selectorsAt(target, dt.starts[index] + s.start, dt.starts[index] + s.end),
    score: s.score,
    reasons: s.reasons.map((r) => ({ kind: r.kind, source: r.source, target: r.target, ...(r.around ? { around: true } : {}) })),
    cautions: (s.cautions ?? []).map((r) => ({ kind: r.kind, source: r.source, target: r.target })),
    linked: linked.has(blockKey(s.slug, s.blockId)),
  };
}

const parseInput = <T>(schema: z.ZodType<T>, raw: unknown): T => {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalidRequest(parsed.error.issues);
  return parsed.data;
};

/** Ranked candidates for one passage, for one member. */
export async function suggestForMember(userId: string, rawInput: unknown): Promise<SuggestAnswer> {
  const input = parseInput(suggestInput, rawInput);
  const seminarId = await seminarFor(userId, input.seminar, input.document);
  const doc = await getDocumentAsync(input.document);
  if (!doc) throw new AppError("unknown-document", { slug: input.document });
  const passage = resolvePassage(doc, input);

  const dismissed = await db().suggestionDismissal.findMany({
    where: { userId, seminarId, fromKey: blockKey(doc.meta.slug, passage.blockId) },
    select: { toKey: true },
  });
  // The seminar's index (its texts, glossary and name list) lives in the suggestion worker; the learned
  // weights travel with the query, and new links to learn from are read there too.
  const learned = await learnedWeights(seminarId, evidenceFor(seminarId));
  const linked = await linkedBlocks(userId, seminarId, doc.meta.slug, passage.blockId);
  const found = await suggestInSeminar(
    seminarId,
    doc,
    { slug: doc.meta.slug, blockId: passage.blockId, start: passage.blockStart, end: passage.blockEnd },
    {
      limit: input.limit ?? 5,
      learned,
      dismissed: dismissed.flatMap((d) => {
        const at = d.toKey.lastIndexOf("#");
        return at > 0 ? [{ slug: d.toKey.slice(0, at), blockId: d.toKey.slice(at + 1) }] : [];
      }),
    },
  );
  return {
    seminar: seminarId,
    passage: {
      document: doc.meta.slug,
      blockId: passage.blockId,
      blockStart: passage.blockStart,
      blockEnd: passage.blockEnd,
      selector: selectorsAt(doc, passage.docStart, passage.docEnd),
    },
    candidates: (await Promise.all(found.map((s) => toCandidate(s, linked)))).filter((c): c is SuggestedPassage => c !== null),
    dictionary: dictionaryAvailable(),
  };
}

export const correspondenceInput = z.object({
  seminar: z.string().min(1).max(100),
  from: z.string().min(1).max(200),
  to: z.string().min(1).max(200),
  limit: z.number().int().min(1).max(50).optional(),
});

export interface CorrespondencePair {
  from: SuggestedPassage;
  to: SuggestedPassage;
  score: number;
}

export interface CorrespondenceAnswer {
  seminar: string;
  from: string;
  to: string;
  pairs: CorrespondencePair[];
  dictionary: boolean;
}

/**
 * The best passage pairs between two documents of the seminar, ranked, with reasons; pairs already linked
 * (by links this member may read) are marked. Bounded: at most `limit` pairs (default 20, at most 50).
 */
export async function correspondencesForMember(userId: string, rawInput: unknown): Promise<CorrespondenceAnswer> {
  const input = parseInput(correspondenceInput, rawInput);
  const role = await requireMember(userId, input.seminar);
  if (input.from === input.to) throw new AppError("invalid-request", { issues: [{ path: "to", message: "two different documents" }] });
  for (const slug of [input.from, input.to]) {
    if (!(await seminarHasDocument(input.seminar, slug)))
      throw new AppError((await getDocumentAsync(slug)) ? "document-not-in-seminar" : "unknown-document", { slug });
  }
  // Over the seminar's index (library and uploaded texts, its lists), in the suggestion worker.
  const [fromDoc, toDoc] = await Promise.all([getDocumentAsync(input.from), getDocumentAsync(input.to)]);
  if (!fromDoc || !toDoc) throw new AppError("unknown-document", { slug: fromDoc ? input.to : input.from });
  const learned = await learnedWeights(input.seminar, evidenceFor(input.seminar));
  const pairs = await correspondencesInSeminar(input.seminar, fromDoc, toDoc, { limit: input.limit ?? 20, learned });
  // Links between the two documents this member may read: a pair whose blocks they join is "linked".
  const links = await db().annotation.findMany({
    where: {
      seminarId: input.seminar,
      motivation: "linking",
      ...readableWhere({ userId, role }),
      AND: [{ targets: { some: { documentSlug: input.from } } }, { targets: { some: { documentSlug: input.to } } }],
    },
    select: { targets: { select: { documentSlug: true, blockId: true } } },
    take: 1000,
  });
  const linkedPairs = new Set(
    links.map((l) =>
      l.targets
        .map((t) => blockKey(t.documentSlug, t.blockId))
        .sort()
        .join("|"),
    ),
  );
  const out: CorrespondencePair[] = [];
  for (const p of pairs) {
    const isLinked = linkedPairs.has([blockKey(p.from.slug, p.from.blockId), blockKey(p.to.slug, p.to.blockId)].sort().join("|"));
    const mark = new Set(isLinked ? [blockKey(p.from.slug, p.from.blockId), blockKey(p.to.slug, p.to.blockId)] : []);
    const from = await toCandidate(p.from, mark);
    const to = await toCandidate(p.to, mark);
    if (from && to) out.push({ from, to, score: p.score });
  }
  return { seminar: input.seminar, from: input.from, to: input.to, pairs: out, dictionary: dictionaryAvailable() };
}

export const dismissalInput = z.object({
  seminar: z.string().min(1).max(100),
  from: z.object({ document: z.string().min(1).max(200), blockId: z.string().min(1).max(100) }),
  to: z.object({ document: z.string().min(1).max(200), blockId: z.string().min(1).max(100) }),
});

function parseDismissal(raw: unknown) {
  const parsed = dismissalInput.safeParse(raw);
  if (!parsed.success) throw invalidRequest(parsed.error.issues);
  return parsed.data;
}

/** Remember that this member does not want `to` proposed for passages of `from`'s block (idempotent). */
export async function dismissSuggestion(userId: string, raw: unknown): Promise<void> {
  const d = parseDismissal(raw);
  await requireMember(userId, d.seminar);
  for (const slug of [d.from.document, d.to.document]) {
    if (!(await seminarHasDocument(d.seminar, slug)))
      throw new AppError((await getDocumentAsync(slug)) ? "document-not-in-seminar" : "unknown-document", { slug });
  }
  const key = { userId, seminarId: d.seminar, fromKey: blockKey(d.from.document, d.from.blockId), toKey: blockKey(d.to.document, d.to.blockId) };
  const existed = await db().suggestionDismissal.findUnique({ where: { userId_seminarId_fromKey_toKey: key }, select: { id: true } });
  await db().suggestionDismissal.upsert({ where: { userId_seminarId_fromKey_toKey: key }, create: key, update: {} });
  // A first dismissal weakens the evidence that led to the suggestion (a repeated one changes nothing).
  if (!existed) {
    await learnFromDismissal(
      d.seminar,
      evidenceFor(d.seminar),
      { slug: d.from.document, blockId: d.from.blockId },
      { slug: d.to.document, blockId: d.to.blockId },
    );
  }
}

/** Undo a dismissal (the suggestion may be proposed again). */
export async function undismissSuggestion(userId: string, raw: unknown): Promise<void> {
  const d = parseDismissal(raw);
  await requireMember(userId, d.seminar);
  await db().suggestionDismissal.deleteMany({
    where: { userId, seminarId: d.seminar, fromKey: blockKey(d.from.document, d.from.blockId), toKey: blockKey(d.to.document, d.to.blockId) },
  });
}
