import HeatStrip from "@/components/teaching/HeatStrip";
import { NotesArrive } from "@/components/annotations/MemberNotes";
import type { MemberHeat, ReaderNotes } from "@/lib/annotations-ui/reader-notes";

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
export async function PaneHeat({ heat, paneId, slug }: { heat: Promise<MemberHeat>; paneId: string; slug: string }) {
  const h = (await heat)[slug];
  return h ? <HeatStrip paneId={paneId} segments={h.segments} segmentBlocks={h.segmentBlocks} /> : null;
}
