"use client";

import { useEffect, useState, type RefObject } from "react";
import { passageFromRange, type Passage } from "@/lib/reader/selection";

export interface SelectionState {
  pane: number;
  passage: Passage;
  top: number;
  left: number;
  /** The pane's left and right edge: the toolbar stays inside its own pane (long labels wrap instead of spilling over). */
  bounds: { left: number; right: number };
}

/** The passage selected in a pane and where its floating toolbar goes (below the selection's end). */
export function useSelectionToolbar(scrollers: RefObject<Array<HTMLElement | null>>): SelectionState | null {
  const [selection, setSelection] = useState<SelectionState | null>(null);
  useEffect(() => {
    let frame = 0;
    const update = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const sel = window.getSelection();
        if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return setSelection(null);
        const range = sel.getRangeAt(0);
        const pane = scrollers.current.findIndex((s) => s?.contains(range.startContainer));
        const passage = pane >= 0 ? passageFromRange(range) : null;
        if (!passage) return setSelection(null);
        const rects = range.getClientRects();
        const last = rects[rects.length - 1] ?? range.getBoundingClientRect();
        const box = scrollers.current[pane]!.getBoundingClientRect();
        setSelection({ pane, passage, top: Math.min(last.bottom + 8, window.innerHeight - 48), left: last.left, bounds: { left: box.left, right: box.right } });
      });
    };
    document.addEventListener("selectionchange", update);
    document.addEventListener("scroll", update, true);
    update(); // a passage selected while the page was still loading gets its toolbar too
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener("selectionchange", update);
      document.removeEventListener("scroll", update, true);
    };
  }, [scrollers]);
  return selection;
}
