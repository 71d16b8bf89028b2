/**
 * The reader's list of links, kept current from the seminar's live events instead of fetching the whole
 * list again after each one: a new link is built from its annotation, an edit or a reply changes the one
 * link it concerns, a note changes nothing. Pure and framework-free (the reader's LinksProvider holds
 * the list; lib/annotations-ui/state.ts does the same for notes).
 *
 * An end made on the document version the reader shows is placed by its own offsets. Any other end (a
 * document not open, or re-imported since) is listed in `toAnchor` for the server to anchor, and counts as
 * orphaned meanwhile.
 */
import type { AnnotationDto, TargetDto } from "@/lib/annotations/types";
import type { AnnotationLiveEvent } from "@/lib/annotations/types";
import type { EndAnchor, LinkEnd, LinkView } from "./views";
import { linkFields } from "./link-fields";

export interface LinkChange {
  links: LinkView[];
  /** Ends the server must anchor (their document's version is not the one the reader shows). */
  toAnchor: Array<{ linkId: string; role: LinkEnd["role"]; target: TargetDto }>;
}

/** The versions of the documents the reader shows, by slug. */
export type ShownVersions = Readonly<Record<string, string>>;

const isLinkRoot = (a: AnnotationDto) => a.motivation === "linking" && a.parentId === null && a.targets.length === 2;

function endFrom(t: TargetDto, versions: ShownVersions): { end: LinkEnd; placed: boolean } {
  const placed = versions[t.documentSlug] === t.documentVersion;
  const anchor: EndAnchor = placed
    ? // firstBlockEnd: the block's length is not known here; a passage running on is cut where it is drawn.
      { status: "anchored", blockId: t.blockId, blockStart: t.blockStart, blockEnd: t.blockEnd, start: t.start, end: t.end, firstBlockEnd: t.blockEnd }
    : { status: "orphan" };
  return { end: { role: t.role, slug: t.documentSlug, lang: t.lang, exact: t.exact, anchor }, placed };
}

/** Add or replace a link or a reply to one, from a live event or the member's own save. */
export function upsertLink(links: LinkView[], a: AnnotationDto, versions: ShownVersions): LinkChange {
  if (isLinkRoot(a)) {
    const known = links.find((l) => l.id === a.id);
    // Targets never change on edit: a known link keeps its ends (anchoring them may have cost a fuzzy search).
    if (known) return { links: links.map((l) => (l === known ? { ...l, ...linkFields(a) } : l)), toAnchor: [] };
    const target = a.targets.find((t) => t.role === "target")!;
    const body = a.targets.find((t) => t.role === "body")!;
    const ends = [endFrom(target, versions), endFrom(body, versions)] as const;
    const toAnchor = [target, body].filter((_, i) => !ends[i].placed).map((t) => ({ linkId: a.id, role: t.role, target: t }));
    const link: LinkView = { id: a.id, ...linkFields(a), replies: 0, thread: [], ends: [ends[0].end, ends[1].end] };
    return { links: [...links, link], toAnchor };
  }
  const root = a.rootId ? links.find((l) => l.id === a.rootId) : undefined;
  if (!root || a.motivation !== "replying") return { links, toAnchor: [] };
  const entry = { id: a.id, author: a.author, bodyHtml: a.bodyHtml, createdAt: a.createdAt };
  const has = root.thread.some((r) => r.id === a.id);
  const thread = has ? root.thread.map((r) => (r.id === a.id ? entry : r)) : [...root.thread, entry].sort((x, y) => x.createdAt.localeCompare(y.createdAt));
  return { links: links.map((l) => (l === root ? { ...l, thread, replies: thread.length } : l)), toAnchor: [] };
}

/** Drop a link, or a reply from its link's thread; anything else leaves the list as it is. */
export function removeFromLinks(links: LinkView[], id: string): LinkView[] {
  if (links.some((l) => l.id === id)) return links.filter((l) => l.id !== id);
  const root = links.find((l) => l.thread.some((r) => r.id === id));
  if (!root) return links;
  const thread = root.thread.filter((r) => r.id !== id);
  return links.map((l) => (l === root ? { ...l, thread, replies: thread.length } : l));
}

export function applyLinkEvent(links: LinkView[], event: AnnotationLiveEvent, versions: ShownVersions): LinkChange {
  switch (event.type) {
    case "annotation.deleted":
    case "annotation.removed":
      return { links: removeFromLinks(links, event.data.id), toAnchor: [] };
    default:
      return upsertLink(links, event.data, versions);
  }
}

/** Put an end the server anchored in place. */
export function setEndAnchor(links: LinkView[], linkId: string, role: LinkEnd["role"], anchor: EndAnchor): LinkView[] {
  return links.map((l) => (l.id !== linkId ? l : { ...l, ends: l.ends.map((e) => (e.role === role ? { ...e, anchor } : e)) as [LinkEnd, LinkEnd] }));
}
