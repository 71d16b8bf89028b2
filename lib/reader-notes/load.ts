/**
 * The server side of the reader's notes (the client side, which receives them, is lib/annotations-ui): which seminar the reader annotates in, the notes of each open
 * document with their passages already anchored (lib/anchoring runs here, next to the documents, so
 * the browser gets positions instead of the anchoring code and the documents' full text).
 * Framework-free; the reader page passes in the signed-in user and the documents it shows.
 */
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import { approxBytes } from "@/lib/cache/size";
import { selectorsOf, type AnnotationDto } from "@/lib/annotations/types";
import { pageAnnotations } from "@/lib/annotations/list";
import { anchorMany } from "@/lib/anchoring";
import { getDocumentAsync } from "@/lib/content/store";
import type { SynopseDocument } from "@/lib/content/types";
import { latestEventId } from "@/lib/live/stream";
import { memberSeminarTexts, seminarTagsAndMembers, type SeminarTexts } from "@/lib/seminars";
import { postFirstStatuses, type PostFirstStatus } from "@/lib/teaching/post-first";
import { postFirstRequirements } from "@/lib/annotations/post-first";
import { anchorFromResult, keptForReader, targetIn, type NotesState, type PassageAnchor } from "@/lib/annotations-ui/state";
import { READER_NOTES_PAGE, type ReaderNotes, type SeminarChoice } from "@/lib/annotations-ui/reader-notes";

/** The seminar chosen, with what its notes' visibility depends on besides the notes: members, roles and names. */
interface Chosen {
  chosen: SeminarChoice | null;
  others: Array<{ id: string; title: string }>;
  members: Array<{ userId: string; name: string; role: string }>;
}

/**
 * The seminar to annotate in: the one asked for (`?seminar=` in the reader address, which the seminar
 * page's links carry) if the user belongs to it, else the user's most recently joined seminar that
 * holds the first pane's document, else one holding any open document.
 */
export async function chooseSeminar(
  userId: string,
  requested: string | null,
  slugs: readonly string[],
): Promise<{ chosen: SeminarChoice | null; others: Array<{ id: string; title: string }> }> {
  const { chosen, others } = await pickSeminar(userId, requested, slugs);
  return { chosen, others };
}

async function pickSeminar(userId: string, requested: string | null, slugs: readonly string[]): Promise<Chosen> {
  const seminars = await memberSeminarTexts(userId);
  const holdsAny = (s: SeminarTexts) => slugs.some((slug) => s.documents.includes(slug));
  const found = seminars.find((s) => s.id === requested) ?? seminars.find((s) => s.documents.includes(slugs[0] ?? "")) ?? seminars.find(holdsAny) ?? null;
  const others = seminars.filter((s) => s !== found && holdsAny(s)).map((s) => ({ id: s.id, title: s.title }));
  if (!found) return { chosen: null, others, members: [] };
  // Tags and members only for the seminar chosen: the others are offered by title.
  const { tags, members } = await seminarTagsAndMembers(userId, found.id);
  const feedbackTo = members.filter((m) => m.role !== found.role && m.userId !== userId).map((m) => ({ userId: m.userId, name: m.name }));
  return { chosen: { id: found.id, title: found.title, role: found.role, documents: found.documents, tags, feedbackTo }, others, members };
}

/** Anchor annotations' passages in one document (their target there); orphans are reported as such. */
export function anchorIn(doc: SynopseDocument, annotations: readonly AnnotationDto[]): Record<string, PassageAnchor> {
  const withTarget = annotations.flatMap((a) => {
    const t = targetIn(a, doc.meta.slug);
    return t ? [{ id: a.id, selectors: selectorsOf(t), quote: t.exact }] : [];
  });
  const results = anchorMany(
    doc,
    withTarget.map((w) => w.selectors),
  );
  const out: Record<string, PassageAnchor> = {};
  withTarget.forEach((w, i) => {
    out[w.id] = anchorFromResult(results[i], w.quote);
  });
  return out;
}

/** The first page of a member's notes on the open texts, anchored, and the texts "post first" still locks for them. */
interface FirstPage {
  state: NotesState;
  moreNotes: string | null;
  postFirst: Record<string, PostFirstStatus>;
}

/**
 * First pages kept per member, seminar and open text versions, while nothing they depend on has changed: every
 * write to a note logs a seminar event (lib/events), so the latest event id, the members' roles and names
 * (what a note shows of its author, and who "post first" holds back) and the "post first" numbers (which log
 * none) are the whole state. A reload or another layout of the same texts then reads a few indexed rows
 * instead of listing and anchoring the notes again. Bounded by bytes, like the heat strips (lib/teaching).
 */
const firstPages = new LRUCache<string, { state: string; value: FirstPage }>({
  maxSize: 32_000_000,
  sizeCalculation: (entry, key) => approxBytes(entry.value) + 2 * (key.length + entry.state.length),
});

export async function loadReaderNotes(
  user: { id: string; name: string },
  requestedSeminar: string | null,
  docs: readonly SynopseDocument[],
): Promise<ReaderNotes> {
  const slugs = docs.map((d) => d.meta.slug);
  const { chosen, others, members } = await pickSeminar(user.id, requestedSeminar, slugs);
  const documents = docs.map((d) => ({ slug: d.meta.slug, version: d.version }));
  if (!chosen)
    return { user, seminar: null, otherSeminars: others, documents, state: { annotations: {}, anchors: {} }, lastEventId: 0, moreNotes: null, postFirst: {} };

  // Read the event cursor first: anything committed while listing is replayed by the stream, never lost.
  const lastEventId = await latestEventId(chosen.id);
  // One read for all open texts of the seminar: notes and their replies, and the links touching them with
  // theirs (a link between two open texts is one row, listed once).
  const open = [...new Set(slugs)].filter((slug) => chosen.documents.includes(slug));
  const key = [user.id, chosen.id, ...docs.filter((d) => open.includes(d.meta.slug)).map((d) => `${d.meta.slug}@${d.version}`)].join("|");
  const requirements = [...(await postFirstRequirements(chosen.id))].sort(([a], [b]) => (a < b ? -1 : 1));
  const shape = JSON.stringify([chosen.role, members.map((m) => [m.userId, m.role, m.name]).sort(), requirements]);
  const state = `${lastEventId}|${createHash("sha1").update(shape).digest("base64url")}`;
  let first = firstPages.get(key);
  if (first?.state !== state) {
    first = { state, value: await firstPage(user.id, chosen.id, docs, open) };
    firstPages.set(key, first);
  }
  // The kept value is shared by the requests that read it: nothing below changes it (the page only serializes it).
  const { value } = first;
  return { user, seminar: chosen, otherSeminars: others, documents, state: value.state, lastEventId, moreNotes: value.moreNotes, postFirst: value.postFirst };
}

async function firstPage(userId: string, seminarId: string, docs: readonly SynopseDocument[], open: readonly string[]): Promise<FirstPage> {
  const state: NotesState = { annotations: {}, anchors: {} };
  const page = open.length > 0 ? await pageAnnotations(userId, seminarId, { documents: open, limit: READER_NOTES_PAGE }) : { annotations: [], next: null };
  addNotes(state, docs, open, page.annotations);
  const locked = [...(await postFirstStatuses(userId, seminarId, open))].filter(([, s]) => s.remaining > 0);
  return { state, moreNotes: page.next, postFirst: Object.fromEntries(locked) };
}

/** Put a page of notes into the reader's state, anchored in the open documents they have a passage in. */
function addNotes(state: NotesState, docs: readonly SynopseDocument[], open: readonly string[], list: readonly AnnotationDto[]): void {
  const { kept, noteRoots } = keptForReader(list);
  for (const a of kept) state.annotations[a.id] = a;
  // anchorIn anchors each note in the text its passage is in; a note elsewhere has no passage here.
  for (const doc of docs) if (open.includes(doc.meta.slug)) state.anchors[doc.meta.slug] = { ...state.anchors[doc.meta.slug], ...anchorIn(doc, noteRoots) };
}

/**
 * The next page of the reader's notes (after `cursor`), anchored like the first: what "more notes" adds
 * to the reader's state. Membership and each text's place in the seminar are checked (by the list) before
 * any text is read. Replies continuing a thread of an earlier page are kept: their root is in the reader.
 * Without a cursor, the first page again: what a text just opened by "post first" now shows.
 */
export async function loadMoreReaderNotes(
  userId: string,
  seminarId: string,
  slugs: readonly string[],
  cursor: string | null,
): Promise<{ state: NotesState; moreNotes: string | null }> {
  const open = [...new Set(slugs)];
  const page = await pageAnnotations(userId, seminarId, { documents: open, after: cursor, limit: READER_NOTES_PAGE });
  const docs: SynopseDocument[] = [];
  for (const slug of open) {
    const doc = await getDocumentAsync(slug);
    if (doc) docs.push(doc);
  }
  const state: NotesState = { annotations: {}, anchors: {} };
  addNotes(state, docs, open, page.annotations);
  for (const a of page.annotations) if (a.rootId && !page.annotations.some((r) => r.id === a.rootId)) state.annotations[a.id] = a;
  return { state, moreNotes: page.next };
}
