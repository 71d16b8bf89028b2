"use client";

import { createContext, useContext } from "react";
import type { AnnotationDto } from "@/lib/annotations/types";
import type { ApiFailure, ApiResult, CreateRequest, UpdateRequest } from "@/lib/annotations-ui/api";
import type { ReaderNotes } from "@/lib/annotations-ui/reader-notes";
import type { AnchorLiveNotes } from "@/lib/annotations-ui/live-anchor-batches";
import type { NotesState, Thread } from "@/lib/annotations-ui/state";
import type { Passage } from "@/lib/reader/selection";
import type { PostFirstView } from "./usePostFirst";

/** One pane as the notes see it: its DOM id prefix and the document it shows. */
export interface NotesPane {
  paneId: string;
  slug: string;
}

export type PaneView =
  | { kind: "list" }
  | { kind: "thread"; id: string; focus?: boolean }
  /** A link's discussion (components/links/LinkThread), opened from its marker in this pane. */
  | { kind: "link"; id: string; focus?: boolean }
  | { kind: "compose"; passage: Passage; quote: string };

export interface PaneUi {
  open: boolean;
  view: PaneView;
}

export interface NotesContextValue {
  /** Signed in, in a seminar: notes can be read and written. */
  data: ReaderNotes | null;
  /** Signed in, the notes not here yet: they stream in after the text (components/annotations/MemberNotes). */
  pending: boolean;
  signInHref: string;
  panes: NotesPane[];
  state: NotesState;
  /** Whether the seminar includes this document. */
  inSeminar: (slug: string) => boolean;
  threads: (slug: string) => { placed: Thread[]; orphans: Thread[] };
  ui: (paneId: string) => PaneUi;
  setOpen: (paneId: string, open: boolean) => void;
  show: (paneId: string, view: PaneView) => void;
  /** Scroll a pane to a thread's passage, mark it, focus it, and open the thread. */
  goToThread: (paneId: string, id: string, focusPassage?: boolean) => void;
  startNote: (paneIndex: number, passage: Passage) => void;
  highlight: (paneIndex: number, passage: Passage) => Promise<ApiResult<AnnotationDto>>;
  create: (paneId: string, input: CreateRequest) => Promise<ApiResult<AnnotationDto>>;
  update: (id: string, input: UpdateRequest) => Promise<ApiResult<AnnotationDto>>;
  remove: (a: AnnotationDto) => Promise<ApiResult<void>>;
  hide: (a: AnnotationDto, hidden: boolean) => Promise<ApiResult<AnnotationDto>>;
  /** Whether the seminar has notes beyond those loaded (the reader loads them a page at a time). */
  moreNotes: boolean;
  /** Load the next page of notes for the open texts. */
  loadMoreNotes: () => Promise<ApiResult<unknown>>;
  /** The reader page's server action that anchors live notes (and link ends) made on another version of a text. */
  anchorLiveNotes: AnchorLiveNotes;
  /** Put an API answer into the local state at once (the live stream confirms it later). */
  accept: (a: AnnotationDto) => void;
  announce: (message: string) => void;
  errorMessage: (f: ApiFailure) => string;
  /** Blocks (per pane) that carry notes, with the ids of their threads, for the margin markers. */
  annotatedBlocks: (paneId: string) => Array<{ blockId: string; ids: string[] }>;
  /** A text still locked for this student by "post first": notes to write and classmates' notes waiting; else null. */
  postFirst: (slug: string) => PostFirstView | null;
}

export const NotesContext = createContext<NotesContextValue | null>(null);

/** The notes of the reader; null outside a NotesProvider (the reader without annotations). */
export function useNotes(): NotesContextValue | null {
  return useContext(NotesContext);
}
