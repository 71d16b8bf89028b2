import HeatStrip from "@/components/teaching/HeatStrip";
import { NotesArrive } from "@/components/annotations/MemberNotes";
import type { ReaderNotes } from "@/lib/annotations-ui/reader-notes";
import type { ReaderTeaching } from "@/lib/teaching/reader";

/**
 * The member's parts of the reader page, each rendered inside a Suspense boundary so that the text and its
 * chrome go out first and these stream in after it (the page starts the reads before it renders the text).
 */

/** The member's notes, handed to the reader's client (components/annotations/MemberNotes) when they are read. */
export async function MemberNotesPart({ notes }: { notes: Promise<ReaderNotes | null> }) {
  const data = await notes;
  return data ? <NotesArrive data={data} /> : null;
}

/** The heat strip beside one pane: where the notes the member may read concentrate in its text. */
export async function PaneHeat({ teaching, paneId, slug }: { teaching: Promise<Map<string, ReaderTeaching>>; paneId: string; slug: string }) {
  const h = (await teaching).get(slug)?.heat;
  return h ? <HeatStrip paneId={paneId} segments={h.segments} segmentBlocks={h.segmentBlocks} /> : null;
}
