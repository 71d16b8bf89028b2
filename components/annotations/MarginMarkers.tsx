"use client";

import { useEffect, useLayoutEffect, useState } from "react";
import { blockElement, DOC_ROOT_SELECTOR } from "@/components/reader/paneDom";
import { usePaneScroller } from "@/components/reader/usePaneScroller";
import { createPortal } from "react-dom";
import { useTranslations } from "next-intl";
import { blockNotesId } from "./notesIds";
import { useNotes } from "./NotesProvider";

interface Marker {
  blockId: string;
  ids: string[];
  top: number;
}

/**
 * The accessible equivalent of painted passages: every block with notes gets a small "n notes" button
 * in the pane's margin (keyboard reachable, opens the block's first thread) and an aria-describedby
 * pointing at a summary of its notes, so a screen reader reading the paragraph hears that it is
 * annotated. The buttons live in the scrolling area (a portal) beside, never inside, the text.
 */
export default function MarginMarkers({ paneId }: { paneId: string }) {
  const t = useTranslations("Annotations");
  const notes = useNotes();
  const scroller = usePaneScroller(paneId);
  const [markers, setMarkers] = useState<Marker[]>([]);
  const annotatedBlocks = notes?.annotatedBlocks;

  useLayoutEffect(() => {
    if (!scroller || !annotatedBlocks) return;
    // A new list only when the painted notes change (annotatedBlocks follows each paint).
    const blocks = annotatedBlocks(paneId);
    const measure = () => {
      const box = scroller.getBoundingClientRect();
      setMarkers(
        blocks.flatMap((b) => {
          const el = blockElement(paneId, b.blockId);
          if (!el) return [];
          return [{ blockId: b.blockId, ids: b.ids, top: el.getBoundingClientRect().top - box.top + scroller.scrollTop }];
        }),
      );
    };
    measure();
    const observer = new ResizeObserver(measure);
    const doc = scroller.querySelector(DOC_ROOT_SELECTOR);
    if (doc) observer.observe(doc);
    return () => observer.disconnect();
  }, [scroller, annotatedBlocks, paneId]);

  // Describe each annotated block by its summary; undo it when the notes go.
  useEffect(() => {
    const described: HTMLElement[] = [];
    for (const m of markers) {
      const el = blockElement(paneId, m.blockId);
      if (!el) continue;
      el.setAttribute("aria-describedby", blockNotesId(paneId, m.blockId));
      described.push(el);
    }
    return () => described.forEach((el) => el.removeAttribute("aria-describedby"));
  }, [markers, paneId]);

  if (!notes || !scroller) return null;
  const summary = (ids: string[]) => {
    const names = [...new Set(ids.map((id) => notes.state.annotations[id]?.author.name).filter(Boolean))];
    return t("blockSummary", { count: ids.length, names: names.join(", ") });
  };
  return createPortal(
    <div className="note-markers">
      {markers.map((m) => (
        <button
          key={m.blockId}
          type="button"
          className="note-marker"
          style={{ top: m.top }}
          aria-label={summary(m.ids)}
          title={summary(m.ids)}
          onClick={() => notes.goToThread(paneId, m.ids[0], false)}
        >
          <span id={blockNotesId(paneId, m.blockId)} hidden>
            {summary(m.ids)}
          </span>
          <span aria-hidden="true">{m.ids.length}</span>
        </button>
      ))}
    </div>,
    scroller,
  );
}
