"use client";

import { useCallback } from "react";
import type { NotesState } from "@/lib/annotations-ui/state";
import { blockText, type Passage } from "@/lib/reader/selection";
import { blockElement, rangesOf, scrollRangesIntoView } from "@/components/reader/paneDom";
import { revealBlock } from "@/components/reader/windowRegistry";
import type { NotesPane, PaneView } from "./notesContext";
import type { PaintedNote } from "./useNotePainting";

/**
 * Going to a thread's passage (from the notes list or a margin marker) and starting a note on a passage.
 * Keyboard users who came from the list land on the passage, and the next Tab continues in its thread.
 */
export function useThreadNavigation({
  panes,
  current,
  painted,
  show,
}: {
  panes: NotesPane[];
  current: () => NotesState;
  painted: () => Map<string, PaintedNote[]>;
  show: (paneId: string, view: PaneView) => void;
}) {
  const scrollTo = useCallback((paneId: string, ranges: Range[], focusPassage: boolean) => {
    const block = scrollRangesIntoView(paneId, ranges, focusPassage);
    if (!focusPassage || !block) return;
    // From the passage, the next Tab continues in its thread (not through the rest of the text).
    const toThread = (e: KeyboardEvent) => {
      if (e.key !== "Tab" || e.shiftKey || e.target !== block) return;
      const heading = document.getElementById(`${paneId}-thread-title`);
      if (!heading) return;
      e.preventDefault();
      heading.focus();
    };
    block.addEventListener("keydown", toThread);
    block.addEventListener("blur", () => block.removeEventListener("keydown", toThread), { once: true });
  }, []);

  const goToThread = useCallback(
    (paneId: string, id: string, focusPassage = true) => {
      // Keyboard users who came from a margin marker continue in the thread; from the list, at the passage.
      show(paneId, { kind: "thread", id, focus: !focusPassage });
      const ranges = painted()
        .get(paneId)
        ?.find((p) => p.key === id)?.ranges;
      if (ranges?.[0]) return scrollTo(paneId, ranges, focusPassage);
      // A whole volume: the passage may be in a part of the text not loaded yet (components/reader/windowRegistry).
      const slug = panes.find((p) => p.paneId === paneId)?.slug;
      const anchor = slug ? current().anchors[slug]?.[id] : undefined;
      if (anchor?.status !== "anchored") return;
      void revealBlock(paneId, anchor.blockId).then((block) => {
        if (block) scrollTo(paneId, rangesOf(paneId, anchor), focusPassage);
      });
    },
    [show, panes, scrollTo, painted, current],
  );

  const startNote = useCallback(
    (paneIndex: number, passage: Passage) => {
      const pane = panes[paneIndex];
      if (!pane) return;
      const block = blockElement(pane.paneId, passage.blockId);
      const quote = block ? blockText(block).slice(passage.blockStart, passage.blockEnd) : "";
      show(pane.paneId, { kind: "compose", passage, quote });
    },
    [panes, show],
  );

  return { goToThread, startNote };
}
