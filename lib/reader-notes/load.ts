/**
 * The server side of the reader's notes (the client side, which receives them, is lib/annotations-ui): which seminar the reader annotates in, the notes of each open
 * document with their passages already anchored (lib/anchoring runs here, next to the documents, so
 * the browser gets positions instead of the anchoring code and the documents' full text).
 * Framework-free; the reader page passes in the signed-in user and the documents it shows.
 */
import { selectorsOf, type AnnotationDto } from "@/lib/annotations/types";
import { pageAnnotations } from "@/lib/annotations/list";
import { anchorMany } from "@/lib/anchoring";
import { getDocumentAsync } from "@/lib/content/store";
import type { SynopseDocument } from "@/lib/content/types";
import { latestEventId } from "@/lib/live/stream";
import { getSeminar, listSeminars } from "@/lib/seminars";
import { postFirstStatuses } from "@/lib/teaching/post-first";
import { anchorFromResult, keptForReader, targetIn, type NotesState, type PassageAnchor } from "@/lib/annotations-ui/state";
import { READER_NOTES_PAGE, type ReaderNotes, type SeminarChoice } from "@/lib/annotations-ui/reader-notes";

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
  const summaries = await listSeminars(userId);
  const details: SeminarChoice[] = [];
  for (const s of summaries) {
    const d = await getSeminar(userId, s.id);
    const feedbackTo = d.members.filter((m) => m.role !== d.role && m.userId !== userId).map((m) => ({ userId: m.userId, name: m.name }));
    details.push({ id: d.id, title: d.title, role: d.role, documents: d.documents, tags: d.tags, feedbackTo });
  }
  const holdsAny = (s: SeminarChoice) => slugs.some((slug) => s.documents.includes(slug));
  const chosen = details.find((s) => s.id === requested) ?? details.find((s) => s.documents.includes(slugs[0] ?? "")) ?? details.find(holdsAny) ?? null;
  const others = details.filter((s) => s !== chosen && holdsAny(s)).map((s) => ({ id: s.id, title: s.title }));
  return { chosen, others };
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

export async function loadReaderNotes(
  user: { id: string; name: string },
  requestedSeminar: string | null,
  docs: readonly SynopseDocument[],
): Promise<ReaderNotes> {
  const slugs = docs.map((d) => d.meta.slug);
  const { chosen, others } = await chooseSeminar(user.id, requestedSeminar, slugs);
  const documents = docs.map((d) => ({ slug: d.meta.slug, version: d.version }));
  const state: NotesState = { annotations: {}, anchors: {} };
  if (!chosen) return { user, seminar: null, otherSeminars: others, documents, state, lastEventId: 0, moreNotes: null, postFirst: {} };

  // Read the event cursor first: anything committed while listing is replayed by the stream, never lost.
  const lastEventId = await latestEventId(chosen.id);
  // One read for all open texts of the seminar: notes and their replies, and the links touching them with
  // theirs (a link between two open texts is one row, listed once).
  const open = [...new Set(slugs)].filter((slug) => chosen.documents.includes(slug));
  const page = open.length > 0 ? await pageAnnotations(user.id, chosen.id, { documents: open, limit: READER_NOTES_PAGE }) : { annotations: [], next: null };
  addNotes(state, docs, open, page.annotations);
  const locked = [...(await postFirstStatuses(user.id, chosen.id, open))].filter(([, s]) => s.remaining > 0);
  return { user, seminar: chosen, otherSeminars: others, documents, state, lastEventId, moreNotes: page.next, postFirst: Object.fromEntries(locked) };
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
