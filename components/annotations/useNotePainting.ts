"use client";

import { useEffect, useState } from "react";
import type { ReaderNotes } from "@/lib/annotations-ui/reader-notes";
import { blockLayout, hitTest, passageRanges } from "@/lib/annotations-ui/paint";
import { colourTag, threadsFor, type NotesState } from "@/lib/annotations-ui/state";
import { HIGHLIGHT_ACTIVE, HIGHLIGHT_MINE, HIGHLIGHT_NOTE, paintLayer, tagHighlight } from "@/lib/reader/highlights";
import { docRootOf, paneAt } from "@/components/reader/paneDom";
import { usePaintedStore } from "@/components/reader/usePaintedStore";
import { onPaneContent } from "@/components/reader/windowRegistry";
import type { NotesPane, PaneUi, PaneView } from "./notesContext";

export interface PaintedNote {
  key: string;
  ranges: Range[];
}

/**
 * Paints the notes' passages in every pane (colour by tag, the member's own, the open thread or draft) and
 * opens a thread when its painted passage is clicked. Returns what was painted, per pane, for the margin
 * markers and for scrolling to a thread.
 */
export function useNotePainting({
  state,
  panes,
  data,
  uis,
  show,
}: {
  state: NotesState;
  panes: NotesPane[];
  data: ReaderNotes | null;
  uis: Record<string, PaneUi>;
  show: (paneId: string, view: PaneView) => void;
}) {
  const { painted, current, publish } = usePaintedStore<PaintedNote>();
  // A windowed pane added or dropped a part of its text: paint again (components/reader/windowRegistry).
  const [contentTick, setContentTick] = useState(0);
  useEffect(() => onPaneContent(() => setContentTick((n) => n + 1)), []);

  useEffect(() => {
    const vocabulary = data?.seminar?.tags ?? [];
    const groups = new Map<string, { ranges: Range[]; priority: number }>();
    const add = (name: string, priority: number, ranges: Range[]) => {
      const g = groups.get(name) ?? { ranges: [], priority };
      g.ranges.push(...ranges);
      groups.set(name, g);
    };
    const next = new Map<string, PaintedNote[]>();
    for (const pane of panes) {
      const root = docRootOf(pane.paneId);
      if (!root) continue;
      const layout = blockLayout(root);
      const u = uis[pane.paneId];
      const active = u?.open && u.view.kind === "thread" ? u.view.id : null;
      const list: PaintedNote[] = [];
      for (const thread of threadsFor(state, pane.slug).placed) {
        const ranges = passageRanges(layout, thread.anchor);
        if (ranges.length === 0) continue;
        list.push({ key: thread.root.id, ranges });
        const tag = colourTag(thread.root.tags, vocabulary);
        add(tag >= 0 ? tagHighlight(tag) : HIGHLIGHT_NOTE, 1, ranges);
        if (thread.root.author.id === data?.user.id) add(HIGHLIGHT_MINE, 2, ranges);
        if (active === thread.root.id) add(HIGHLIGHT_ACTIVE, 3, ranges);
      }
      if (u?.open && u.view.kind === "compose") {
        add(HIGHLIGHT_ACTIVE, 3, passageRanges(layout, { status: "anchored", ...u.view.passage, start: 0, end: 0 }));
      }
      next.set(pane.paneId, list);
    }
    paintLayer("notes", groups);
    publish(next);
  }, [state, panes, data, uis, contentTick, publish]);

  // Leaving the reader (or the notes) removes the painting.
  useEffect(() => () => paintLayer("notes", new Map()), []);

  // Clicking a painted passage opens its thread.
  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      const target = e.target as HTMLElement | null;
      if (target?.closest("button, a, input, select, textarea, summary, [contenteditable]")) return;
      const sel = window.getSelection();
      if (sel && !sel.isCollapsed) return;
      const pane = paneAt(target, panes);
      if (!pane) return;
      const hit = hitTest(e.clientX, e.clientY, current().get(pane.paneId) ?? []);
      if (hit) show(pane.paneId, { kind: "thread", id: hit });
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, [panes, show, current]);

  return { painted, current };
}
