import { getDocument, isLibraryDocument, preloadDocuments } from "@/lib/content/store";
import { AppError } from "@/lib/errors";
import type { MemberHeat, ReaderNotes } from "@/lib/annotations-ui/reader-notes";
import { parseLayout } from "@/lib/reader/layout";
import { loadReaderNotes } from "@/lib/reader-notes/load";
import { canReadDocument } from "@/lib/seminars";
import { readerTeaching } from "@/lib/teaching/reader";

/**
 * A member's parts of a reader page as data: their notes in the seminar the address names (or their first
 * with these texts), and the heat strip of each pane's text. The same reads as a reader page rendered for
 * the member (app/[locale]/read/page.tsx); this form is what a page served from the stored copies
 * (lib/http/visitor-pages) fetches once its text is on screen. Every text must be one the member may read.
 */
export async function memberReaderData(user: { id: string; name: string }, query: URLSearchParams): Promise<{ notes: ReaderNotes; heat: MemberHeat }> {
  const parsed = parseLayout(query);
  if (!parsed.ok) throw new AppError("invalid-request", { reason: "layout" });
  const slugs = parsed.layout.slugs;
  await preloadDocuments(slugs);
  for (const slug of slugs) {
    if (!getDocument(slug) || !(await canReadDocument(user.id, slug, isLibraryDocument))) throw new AppError("unknown-document", { slug });
  }
  const notes = await loadReaderNotes(
    { id: user.id, name: user.name },
    query.get("seminar"),
    slugs.map((slug) => getDocument(slug)!),
  );
  const teaching = notes.seminar ? await readerTeaching(user.id, notes.seminar, slugs) : new Map();
  const heat: MemberHeat = {};
  for (const [slug, t] of teaching) if (t.heat) heat[slug] = { segments: t.heat.segments, segmentBlocks: t.heat.segmentBlocks };
  return { notes, heat };
}
