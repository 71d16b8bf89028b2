/**
 * The reader's view of a seminar's notes: which annotations each open document shows, where their
 * passages are now, and how live events change that. Pure functions over plain objects (React state),
 * framework-free and unit-tested; painting and the network live elsewhere (paint.ts, api.ts).
 */
import type { AnnotationDto, AnnotationLiveEvent, TargetDto } from "@/lib/annotations/types";
import type { AnchorResult } from "@/lib/anchoring/types";
import { sortByPosition } from "@/lib/anchoring/sort";

/**
 * Where a note's passage is in the document the reader shows. Anchored positions come from the server
 * (lib/anchoring run when the page renders, or for live notes made on another version of the text);
 * "pending" means the server is still being asked.
 */
export type PassageAnchor =
  | {
      status: "anchored";
      blockId: string;
      blockStart: number;
      blockEnd: number;
      start: number;
      end: number;
      /** The passage's wording now, when the text was edited since the note was written and it differs from the note's quote. */
      current?: string;
    }
  | { status: "orphan" }
  | { status: "pending" };

/** The motivations the notes panel lists and paints (links have their own markers). */
export const NOTE_MOTIVATIONS = ["commenting", "highlighting"] as const;

export interface OpenDocument {
  slug: string;
  /** SynopseDocument.version of the text the reader shows. */
  version: string;
}

export interface NotesState {
  /**
   * Notes and highlights with their replies, and the links touching an open document with theirs: a link
   * is discussed in the notes panel like a note, but painted and listed by the link layer (no anchor here).
   */
  annotations: Record<string, AnnotationDto>;
  /** slug → annotation id → anchor (note roots only). */
  anchors: Record<string, Record<string, PassageAnchor>>;
}

export const emptyState = (): NotesState => ({ annotations: {}, anchors: {} });

export const isRoot = (a: AnnotationDto) => a.parentId === null;

const shownAsNote = (a: AnnotationDto) => (NOTE_MOTIVATIONS as readonly string[]).includes(a.motivation);
const isLink = (a: AnnotationDto) => a.motivation === "linking";

/**
 * What the reader keeps of a document's annotations (as the store lists them for the viewer): note and
 * highlight threads, and link threads — the root and every reply whose root is kept. `noteRoots` are the
 * ones whose passage the reader anchors and paints.
 */
export function keptForReader(list: readonly AnnotationDto[]): { kept: AnnotationDto[]; noteRoots: AnnotationDto[] } {
  const roots = list.filter((a) => isRoot(a) && (shownAsNote(a) || isLink(a)));
  const rootIds = new Set(roots.map((r) => r.id));
  return {
    kept: list.filter((a) => rootIds.has(a.id) || (!!a.rootId && rootIds.has(a.rootId))),
    noteRoots: roots.filter(shownAsNote),
  };
}

/** The annotation's passage in a given document (its first target there). */
export function targetIn(a: AnnotationDto, slug: string): TargetDto | undefined {
  return a.targets.find((t) => t.role === "target" && t.documentSlug === slug);
}

/**
 * A passage as stored is exactly where it is now when it was described on the version the reader
 * shows (the server describes every new note against its current text): no anchoring needed.
 */
export function anchorFromTarget(t: TargetDto, doc: OpenDocument): PassageAnchor {
  if (t.documentVersion !== doc.version) return { status: "pending" };
  return { status: "anchored", blockId: t.blockId, blockStart: t.blockStart, blockEnd: t.blockEnd, start: t.start, end: t.end };
}

/** Wording compared as a reader sees it: runs of white space are one space. */
const wording = (text: string) => text.replace(/\s+/g, " ").trim();

/**
 * An anchoring result (lib/anchoring) as the reader keeps it. With the note's quote: a passage found in an
 * edited text whose words differ from the quote carries its current wording, so the reader can say so.
 */
export function anchorFromResult(r: AnchorResult, quote?: string): PassageAnchor {
  if (r.status !== "anchored") return { status: "orphan" };
  const anchor: PassageAnchor = { status: "anchored", blockId: r.blockId, blockStart: r.blockStart, blockEnd: r.blockEnd, start: r.start, end: r.end };
  return quote !== undefined && wording(r.exact) !== wording(quote) ? { ...anchor, current: r.exact } : anchor;
}

export interface Change {
  state: NotesState;
  /** Roots whose passage must be anchored by the server (made on another version of a document). */
  toAnchor: Array<{ slug: string; annotation: AnnotationDto }>;
}

/** Add or replace one annotation (from a live event or the user's own save). */
export function upsert(state: NotesState, a: AnnotationDto, docs: readonly OpenDocument[]): Change {
  const toAnchor: Change["toAnchor"] = [];
  if (isRoot(a) && isLink(a)) {
    // A link belongs here when one of its passages is in an open document (its marker is shown there).
    const open = new Set(docs.map((d) => d.slug));
    if (!a.targets.some((t) => open.has(t.documentSlug))) return { state, toAnchor };
    return { state: { ...state, annotations: { ...state.annotations, [a.id]: a } }, toAnchor };
  }
  if (isRoot(a)) {
    if (!shownAsNote(a)) return { state, toAnchor };
    const anchors = { ...state.anchors };
    let relevant = false;
    for (const doc of uniqueDocs(docs)) {
      const t = targetIn(a, doc.slug);
      if (!t) continue;
      relevant = true;
      const known = state.anchors[doc.slug]?.[a.id];
      // Targets never change on edit: keep a known anchor (it may have cost the server a fuzzy search).
      const next = known && known.status !== "pending" ? known : anchorFromTarget(t, doc);
      anchors[doc.slug] = { ...anchors[doc.slug], [a.id]: next };
      if (next.status === "pending") toAnchor.push({ slug: doc.slug, annotation: a });
    }
    if (!relevant) return { state, toAnchor };
    return { state: { annotations: { ...state.annotations, [a.id]: a }, anchors }, toAnchor };
  }
  // A reply belongs here only when its thread does.
  if (!a.rootId || !state.annotations[a.rootId]) return { state, toAnchor };
  return { state: { ...state, annotations: { ...state.annotations, [a.id]: a } }, toAnchor };
}

/** Drop an annotation; dropping a thread's root drops its replies. */
export function remove(state: NotesState, id: string): NotesState {
  const gone = state.annotations[id];
  if (!gone) return state;
  const annotations: Record<string, AnnotationDto> = {};
  for (const [key, a] of Object.entries(state.annotations)) {
    if (key === id || (isRoot(gone) && a.rootId === id)) continue;
    annotations[key] = a;
  }
  const anchors: NotesState["anchors"] = {};
  for (const [slug, bySlug] of Object.entries(state.anchors)) {
    if (!(id in bySlug)) {
      anchors[slug] = bySlug;
      continue;
    }
    const rest = { ...bySlug };
    delete rest[id];
    anchors[slug] = rest;
  }
  return { annotations, anchors };
}

export function applyEvent(state: NotesState, event: AnnotationLiveEvent, docs: readonly OpenDocument[]): Change {
  switch (event.type) {
    case "annotation.deleted":
    case "annotation.removed":
      return { state: remove(state, event.data.id), toAnchor: [] };
    default:
      return upsert(state, event.data, docs);
  }
}

/** Set anchors the server computed. */
/** A further page of notes (already anchored on the server) added to what the reader holds; what it holds wins (it may be newer, from the live stream). */
export function addPage(state: NotesState, page: NotesState): NotesState {
  const anchors = { ...state.anchors };
  for (const [slug, found] of Object.entries(page.anchors)) anchors[slug] = { ...found, ...state.anchors[slug] };
  return { annotations: { ...page.annotations, ...state.annotations }, anchors };
}

export function setAnchors(state: NotesState, slug: string, found: Record<string, PassageAnchor>): NotesState {
  return { ...state, anchors: { ...state.anchors, [slug]: { ...state.anchors[slug], ...found } } };
}

export interface Thread {
  root: AnnotationDto;
  anchor: PassageAnchor;
  replies: AnnotationDto[];
}

/**
 * A document's threads in reading order (lib/anchoring's sortByPosition), split into those whose
 * passage was found and the orphans, whose passage is gone. Pending ones count as placed (at the end)
 * until the server answers.
 */
export function threadsFor(state: NotesState, slug: string): { placed: Thread[]; orphans: Thread[] } {
  const bySlug = state.anchors[slug] ?? {};
  const replies = repliesByRoot(state);
  const threads: Thread[] = Object.entries(bySlug)
    .filter(([id]) => state.annotations[id])
    .map(([id, anchor]) => ({ root: state.annotations[id], anchor, replies: (replies.get(id) ?? []).sort(byTime) }))
    .sort((x, y) => byTime(x.root, y.root));
  const asResult = (t: Thread): AnchorResult =>
    t.anchor.status === "anchored"
      ? {
          status: "anchored",
          method: "position",
          score: 1,
          start: t.anchor.start,
          end: t.anchor.end,
          blockId: t.anchor.blockId,
          blockStart: t.anchor.blockStart,
          blockEnd: t.anchor.blockEnd,
          exact: "",
        }
      : { status: "orphan", reason: "quote-not-found", bestScore: 0 };
  const sorted = sortByPosition(threads, asResult);
  return { placed: sorted.filter((t) => t.anchor.status !== "orphan"), orphans: sorted.filter((t) => t.anchor.status === "orphan") };
}

const byTime = (x: AnnotationDto, y: AnnotationDto) => x.createdAt.localeCompare(y.createdAt) || x.id.localeCompare(y.id);

function repliesByRoot(state: NotesState): Map<string, AnnotationDto[]> {
  const replies = new Map<string, AnnotationDto[]>();
  for (const a of Object.values(state.annotations)) {
    if (isRoot(a) || !a.rootId) continue;
    const list = replies.get(a.rootId) ?? [];
    list.push(a);
    replies.set(a.rootId, list);
  }
  return replies;
}

/** A link's thread: the link (its relation, comment and both passages) and its replies, oldest first. */
export interface LinkThread {
  root: AnnotationDto;
  replies: AnnotationDto[];
}

/** The thread of the link `id`, or null when the reader does not hold that link (deleted, hidden, not a link). */
export function linkThreadOf(state: NotesState, id: string): LinkThread | null {
  const root = state.annotations[id];
  if (!root || !isRoot(root) || !isLink(root)) return null;
  const replies = Object.values(state.annotations).filter((a) => a.rootId === id && a.id !== id);
  return { root, replies: replies.sort(byTime) };
}

function uniqueDocs(docs: readonly OpenDocument[]): OpenDocument[] {
  const seen = new Set<string>();
  return docs.filter((d) => (seen.has(d.slug) ? false : (seen.add(d.slug), true)));
}

/**
 * A passage (block id + offsets from that block's start, possibly running on into later blocks, as
 * lib/anchoring reports it) cut into one piece per block. `blocks` are the document's blocks in order
 * with their text lengths; blocks are separated by two characters in the document text.
 */
export function segmentsFor(
  blocks: ReadonlyArray<{ id: string; length: number }>,
  anchor: { blockId: string; blockStart: number; blockEnd: number },
  separator = 2,
): Array<{ blockId: string; start: number; end: number }> {
  const first = blocks.findIndex((b) => b.id === anchor.blockId);
  if (first < 0) return [];
  const out: Array<{ blockId: string; start: number; end: number }> = [];
  let start = anchor.blockStart;
  let end = anchor.blockEnd;
  for (let i = first; i < blocks.length && end > 0; i++) {
    const len = blocks[i].length;
    const s = Math.max(0, start);
    const e = Math.min(end, len);
    if (e > s) out.push({ blockId: blocks[i].id, start: s, end: e });
    start -= len + separator;
    end -= len + separator;
  }
  return out;
}

/** Tags of the seminar's vocabulary win the colour; the first such tag (in vocabulary order) decides. */
export function colourTag(tags: readonly string[], vocabulary: ReadonlyArray<{ name: string }>): number {
  const lower = new Set(tags.map((t) => t.toLowerCase()));
  return vocabulary.findIndex((v) => lower.has(v.name.toLowerCase()));
}

/** Split what a user typed into tags: commas or semicolons separate, blanks are squeezed. */
export function parseTagInput(text: string): string[] {
  return text
    .split(/[,;]/)
    .map((t) => t.replace(/\s+/g, " ").trim())
    .filter((t) => t.length > 0);
}
