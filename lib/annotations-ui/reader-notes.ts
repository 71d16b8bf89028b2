/**
 * What the reader's client receives about notes with the page (lib/reader-notes/load makes it on the server):
 * serializable, shared by both sides.
 */
import type { Role, SeminarTagDto } from "@/lib/seminars";
import type { PostFirstStatus } from "@/lib/teaching/post-first";
import type { NotesState } from "./state";

export interface SeminarChoice {
  id: string;
  title: string;
  role: Role;
  documents: string[];
  tags: SeminarTagDto[];
  /** Who this user may send private feedback to: members with the other role (instructor ↔ student). */
  feedbackTo?: Array<{ userId: string; name: string }>;
}

/** Everything the reader's client needs to show and edit notes (serializable). */
export interface ReaderNotes {
  user: { id: string; name: string };
  /** null: the user has no seminar with any of the open documents. */
  seminar: SeminarChoice | null;
  /** The user's other seminars that hold at least one open document (to switch). */
  otherSeminars: Array<{ id: string; title: string }>;
  documents: Array<{ slug: string; version: string }>;
  state: NotesState;
  /** The seminar's event the notes are current to: the live stream resumes after it. */
  lastEventId: number;
  /** The notes come a page at a time (the first READER_NOTES_PAGE with their replies): the cursor of the next page, or null. */
  moreNotes: string | null;
  /**
   * "Post first" (lib/teaching/post-first) for a student, per open text still locked when the page was made:
   * the reader counts the student's new notes against it and opens the text the moment they are enough.
   */
  postFirst: Record<string, PostFirstStatus>;
}

/** Each open text's heat strip (lib/teaching/reader), by slug: where the notes the member may read concentrate. */
export type MemberHeat = Record<string, { segments: number[]; segmentBlocks: string[] }>;

/**
 * A member's parts of a reader page as data (GET /api/reader/member): what a page served from the stored
 * copies (lib/http/stored-pages) fetches once its text is on screen, instead of having them rendered in.
 */
export interface MemberReaderData {
  member: string;
  notes: ReaderNotes;
  heat: MemberHeat;
}

/** Notes and replies the reader anchors and sends with the page; later pages come on request. */
export const READER_NOTES_PAGE = 200;

/** The reader address's fragment that opens one note's thread (the notifications link notes and replies so). */
export const noteFragment = (id: string) => `#note-${id}`;

/** The note a reader address's fragment links to (`#note-<id>`), or null. */
export function noteInFragment(hash: string): string | null {
  return /^#note-([\w-]{1,100})$/.exec(hash)?.[1] ?? null;
}
