/**
 * A member's parts of a reader page as data: their notes in the seminar the address names (or their first
 * with these texts), and the heat strip of each open text. A page rendered for the member reads them while it
 * renders (app/[locale]/read/page.tsx); a page served from the stored copies (lib/http/stored-pages) fetches
 * them once its text is on screen (GET /api/reader/member). Framework-free.
 */
import { getDocument, isLibraryDocument, preloadDocuments } from "@/lib/content/store";
import { AppError } from "@/lib/errors";
import type { MemberHeat, ReaderNotes } from "@/lib/annotations-ui/reader-notes";
import { parseLayout } from "@/lib/reader/layout";
import { canReadDocument } from "@/lib/seminars";
import { readerTeaching } from "@/lib/teaching/reader";
import { loadReaderNotes } from "./load";

/** The heat strips of the open texts that belong to the seminar the member's notes are in (none without one). */
export async function memberHeat(userId: string, notes: ReaderNotes | null, slugs: readonly string[]): Promise<MemberHeat> {
  const heat: MemberHeat = {};
  if (!notes?.seminar) return heat;
  for (const [slug, t] of await readerTeaching(userId, notes.seminar, slugs))
    if (t.heat) heat[slug] = { segments: t.heat.segments, segmentBlocks: t.heat.segmentBlocks };
  return heat;
}

/** Both parts for the reader address's query (`p=…&seminar=…`); every text must be one the member may read. */
export async function memberParts(user: { id: string; name: string }, query: URLSearchParams): Promise<{ notes: ReaderNotes; heat: MemberHeat }> {
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
  return { notes, heat: await memberHeat(user.id, notes, slugs) };
}
