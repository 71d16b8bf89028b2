"use client";

import { useCallback, useRef, useState, type ReactNode } from "react";
import FootnotePopover, { type OpenNote } from "./FootnotePopover";
import { registerPaneScroller, usePaneScroller } from "./usePaneScroller";

/**
 * One pane's scrolling area: the server-rendered document plus the behaviour its static HTML needs —
 * footnote markers open their note in place, in-pane fragment links (outline, "back to marker", quote
 * attributions) scroll this pane and move focus, and scroll events feed synchronized scrolling.
 */
export default function Pane({
  paneId,
  docLang,
  label,
  children,
  registerScroller,
  onUserScroll,
  onDriver,
}: {
  paneId: string;
  docLang: string;
  /** Accessible name of the scrolling region. */
  label: string;
  children: ReactNode;
  registerScroller: (el: HTMLElement | null) => void;
  onUserScroll: () => void;
  onDriver: () => void;
}) {
  const scroller = useRef<HTMLDivElement | null>(null);
  const scrollerEl = usePaneScroller(paneId);
  const [note, setNote] = useState<OpenNote | null>(null);

  const setScroller = useCallback(
    (el: HTMLDivElement | null) => {
      scroller.current = el;
      registerScroller(el);
      registerPaneScroller(paneId, el);
    },
    [registerScroller, paneId],
  );

  const closeNote = useCallback((returnFocus: boolean) => {
    setNote((open) => {
      if (open) {
        open.marker.setAttribute("aria-expanded", "false");
        if (returnFocus) open.marker.focus();
      }
      return null;
    });
  }, []);

  const onClick = (e: React.MouseEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    const marker = target.closest<HTMLButtonElement>("button.fn-button");
    if (marker && scroller.current?.contains(marker)) {
      e.preventDefault();
      const same = note?.marker === marker;
      note?.marker.setAttribute("aria-expanded", "false");
      if (same) {
        setNote(null);
        return;
      }
      marker.setAttribute("aria-expanded", "true");
      marker.setAttribute("aria-controls", `${paneId}-fnpop`);
      setNote({ marker, noteDomId: marker.dataset.note ?? "", label: marker.textContent ?? "" });
      return;
    }
    const link = target.closest<HTMLAnchorElement>('a[href^="#"]');
    if (link) {
      const el = document.getElementById(decodeURIComponent(link.getAttribute("href")!.slice(1)));
      if (el && scroller.current?.contains(el)) {
        e.preventDefault();
        jumpTo(el);
      }
    }
  };

  return (
    <div
      className="pane-scroller"
      id={`${paneId}-text`}
      data-pane-scroller=""
      ref={setScroller}
      role="region"
      aria-label={label}
      tabIndex={0}
      onClick={onClick}
      onScroll={onUserScroll}
      onPointerDown={onDriver}
      onWheel={onDriver}
      onTouchStart={onDriver}
      onKeyDown={onDriver}
    >
      {children}
      {note && scrollerEl ? <FootnotePopover note={note} paneId={paneId} docLang={docLang} scroller={scrollerEl} onClose={closeNote} /> : null}
    </div>
  );
}

/** Scroll an element of this pane into view and give it focus, so keyboard users continue reading from there. */
export function jumpTo(el: HTMLElement) {
  el.scrollIntoView({ block: "start" });
  if (!el.matches("a, button, input, select, textarea, [tabindex]")) el.setAttribute("tabindex", "-1");
  el.focus({ preventScroll: true });
}
