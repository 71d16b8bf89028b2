"use client";

import { useEffect, useRef, type RefObject } from "react";
import type { PassageTarget } from "@/lib/reader/layout";
import { HIGHLIGHT_DEEP_LINK, paintOne } from "@/lib/reader/highlights";
import { blockText, boundariesForPassage } from "@/lib/reader/selection";
import { blockElement } from "./paneDom";
import { takeReaderScroll } from "./scrollMemory";
import { textsArriving } from "./windowRegistry";

/** A block of a pane, if that pane's scroller shows it. */
export function blockInPane(scroller: HTMLElement | null | undefined, paneId: string | undefined, blockId: string): HTMLElement | null {
  if (!scroller || !paneId) return null;
  const el = blockElement(paneId, blockId);
  return el && scroller.contains(el) ? el : null;
}

/** Mark the linked passage (the CSS Custom Highlight API); the block's outline is the fallback. */
function paintDeepLink(block: HTMLElement, target: PassageTarget) {
  block.setAttribute("data-deep-link", "");
  const b = boundariesForPassage(block, target.start ?? 0, target.end ?? blockText(block).length);
  if (!b || typeof CSS === "undefined" || !("highlights" in CSS)) return;
  const range = document.createRange();
  range.setStart(b.startNode as Node, b.startOffset);
  range.setEnd(b.endNode as Node, b.endOffset);
  paintOne("deep-link", HIGHLIGHT_DEEP_LINK, [range], 0);
  block.setAttribute("data-deep-link", "highlight");
}

/** Restore the panes' scroll after a language switch, or go to the address's passage and mark it. */
function arrive({ target: t, paneIds: ids }: { target: PassageTarget | undefined; paneIds: readonly string[] }, scrollers: RefObject<Array<HTMLElement | null>>) {
  const tops = takeReaderScroll();
  const targetBlock = t ? blockInPane(scrollers.current[t.pane], ids[t.pane], t.blockId) : null;
  if (t && targetBlock) paintDeepLink(targetBlock, t);
  if (tops) {
    tops.forEach((top, i) => {
      const s = scrollers.current[i];
      if (s) s.scrollTop = top;
    });
  } else if (targetBlock) {
    targetBlock.scrollIntoView({ block: "center" });
  }
}

/**
 * The reader's first paint: restore the panes' scroll after a language switch, or go to the passage the
 * address points to and mark it. Only on arrival: later layout changes keep the reader where the user is.
 */
export function useReaderArrival(target: PassageTarget | undefined, paneIds: readonly string[], scrollers: RefObject<Array<HTMLElement | null>>) {
  const arrival = useRef({ target, paneIds });
  useEffect(() => {
    const { paneIds: ids } = arrival.current;
    // Panes mounted by a client navigation (a language switch re-mounts the page) fetch their text first.
    const waiting = textsArriving(ids);
    if (!waiting) return arrive(arrival.current, scrollers);
    let cancelled = false;
    void waiting.then(() => {
      if (!cancelled) arrive(arrival.current, scrollers);
    });
    return () => {
      cancelled = true;
    };
  }, [scrollers]);
}
