"use client";

import { useEffect, useRef } from "react";
import type { NotesState } from "@/lib/annotations-ui/state";
import { noteInFragment } from "@/lib/annotations-ui/reader-notes";
import type { NotesPane } from "./notesContext";

/**
 * A link to a note (`#note-<id>`, a root or a reply): once the member's notes are here — they stream in after
 * the text — open its thread beside the pane showing its passage and scroll there. Once per note linked; a
 * note the member may not read, or that is in none of the open texts, leaves the page as it is.
 */
export function useNoteLink({
  state,
  panes,
  goToThread,
}: {
  state: NotesState;
  panes: NotesPane[];
  goToThread: (paneId: string, id: string, focusPassage?: boolean) => void;
}): void {
  const done = useRef<string | null>(null);
  useEffect(() => {
    const id = noteInFragment(window.location.hash);
    if (!id || done.current === id) return;
    const note = state.annotations[id];
    if (!note) return;
    const root = note.rootId ?? note.id;
    const pane = panes.find((p) => state.anchors[p.slug]?.[root]?.status === "anchored");
    if (!pane) return;
    done.current = id;
    goToThread(pane.paneId, root);
  }, [state, panes, goToThread]);
}
