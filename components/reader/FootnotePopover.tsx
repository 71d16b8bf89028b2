"use client";

import { useEffect, useLayoutEffect, useRef } from "react";
import { useTranslations } from "next-intl";

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
 * the end of the pane (already server-rendered), so each note exists once in the page's HTML.
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
    const source = document.getElementById(note.noteDomId)?.closest(".note-body");
    const copies: Node[] = [];
    source?.querySelectorAll(":scope > .b, :scope > .note-status").forEach((n) => {
      const copy = n.cloneNode(true) as HTMLElement;
      copy.removeAttribute("id");
      copies.push(copy);
    });
    target.replaceChildren(...copies);
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
  }, [note, scroller]);

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
