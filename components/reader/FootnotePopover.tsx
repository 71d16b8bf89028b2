"use client";

import { useEffect, useLayoutEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { readBlock } from "./windowRegistry";

export interface OpenNote {
  /** The marker button that opened the note (focus returns there). */
  marker: HTMLElement;
  /** Fragment id of the footnote block in the pane's notes list. */
  noteDomId: string;
  label: string;
}

/**
 * A footnote shown in place, next to its marker: a non-modal dialog. Escape or "Back to the text" close it
 * and return focus to the marker; a click elsewhere closes it. Its text is copied from the notes list at
 * the end of the pane (already server-rendered), so each note exists once in the page's HTML; in a volume
 * read in parts, from the part that holds it (components/reader/windowRegistry readBlock).
 */
export default function FootnotePopover({
  note,
  paneId,
  docLang,
  scroller,
  onClose,
}: {
  note: OpenNote;
  paneId: string;
  docLang: string;
  scroller: HTMLElement;
  onClose: (returnFocus: boolean) => void;
}) {
  const t = useTranslations("Reader");
  const box = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const el = box.current;
    const target = body.current;
    if (!el || !target) return;
    const fill = (noteElement: Element | null | undefined) => {
      const copies: Node[] = [];
      noteElement
        ?.closest(".note-body")
        ?.querySelectorAll(":scope > .b, :scope > .note-status")
        .forEach((n) => {
          const copy = n.cloneNode(true) as HTMLElement;
          copy.removeAttribute("id");
          copies.push(copy);
        });
      target.replaceChildren(...copies);
    };
    const source = document.getElementById(note.noteDomId);
    fill(source);
    let current = true;
    // In a volume read in parts, a note's text travels with the part of its first marker: opened from a later
    // marker while that part is not loaded, it is read from that part, which stays unloaded.
    if (!source && note.noteDomId.startsWith(`${paneId}-`)) {
      void readBlock(paneId, note.noteDomId.slice(paneId.length + 1)).then((el) => {
        if (current) fill(el);
      });
    }
    // Place it under the marker, inside the pane's scrolling area so it scrolls with the text.
    const m = note.marker.getBoundingClientRect();
    const s = scroller.getBoundingClientRect();
    const width = Math.min(420, scroller.clientWidth - 16);
    el.style.width = `${width}px`;
    el.style.top = `${m.bottom - s.top + scroller.scrollTop + 6}px`;
    el.style.left = `${Math.max(8, Math.min(m.left - s.left - 24, scroller.clientWidth - width - 8))}px`;
    el.focus({ preventScroll: true });
    const r = el.getBoundingClientRect();
    if (r.bottom > s.bottom) scroller.scrollBy({ top: r.bottom - s.bottom + 12 });
    return () => {
      current = false;
    };
  }, [note, scroller, paneId]);

  useEffect(() => {
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Node;
      if (box.current?.contains(target) || note.marker.contains(target)) return;
      onClose(false);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [note, onClose]);

  const titleId = `${paneId}-fnpop-title`;
  return (
    <div
      ref={box}
      id={`${paneId}-fnpop`}
      className="fn-popover"
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          onClose(true);
        }
      }}
    >
      <p className="fn-popover-title" id={titleId}>
        {t("note", { label: note.label })}
      </p>
      <div className="fn-popover-body" lang={docLang} ref={body} />
      <div className="fn-popover-actions">
        <button type="button" className="button small" onClick={() => onClose(true)}>
          {t("backToText")}
        </button>
      </div>
    </div>
  );
}
