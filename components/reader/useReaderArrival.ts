"use client";

import { useEffect, useRef, type RefObject } from "react";
import type { PassageTarget } from "@/lib/reader/layout";
import { HIGHLIGHT_DEEP_LINK, paintOne } from "@/lib/reader/highlights";
import { blockText, boundariesForPassage } from "@/lib/reader/selection";
import type { ReadingPlace } from "@/lib/reader/reading-place";
import { blockElement } from "./paneDom";
import { placesFromAddress, scrollToPlace, takeHandoffPart } from "./scrollMemory";
import { revealBlock, textsArriving } from "./windowRegistry";

/** A block of a pane, if that pane's scroller shows it. */
export function blockInPane(scroller: HTMLElement | null | undefined, paneId: string | undefined, blockId: string): HTMLElement | null {
  if (!scroller || !paneId) return null;
  const el = blockElement(paneId, blockId);
  return el && scroller.contains(el) ? el : null;
}

/** Mark the linked passage (the CSS Custom Highlight API); the block's outline is the fallback. */
function paintDeepLink(block: HTMLElement, target: PassageTarget) {
  block.setAttribute("data-deep-link", "");
  const b = boundariesForPassage(block, target.blockStart ?? 0, target.blockEnd ?? blockText(block).length);
  if (!b || typeof CSS === "undefined" || !("highlights" in CSS)) return;
  const range = document.createRange();
  range.setStart(b.startNode as Node, b.startOffset);
  range.setEnd(b.endNode as Node, b.endOffset);
  paintOne("deep-link", HIGHLIGHT_DEEP_LINK, [range], 0);
  block.setAttribute("data-deep-link", "highlight");
}

/** Back to the reader's place (after a language switch, or the address's `&at=`), or to the address's passage; mark it. */
function arrive(
  { target: t, paneIds: ids }: { target: PassageTarget | undefined; paneIds: readonly string[] },
  scrollers: RefObject<Array<HTMLElement | null>>,
) {
  const outlines = takeHandoffPart<boolean[]>("outlines");
  outlines?.forEach((open, i) => {
    const details = scrollers.current[i]?.closest(".pane")?.querySelector<HTMLDetailsElement>("details.outline");
    if (open && details) details.open = true;
  });
  const places = takeHandoffPart<Array<ReadingPlace | null>>("places") ?? placesFromAddress(ids.length);
  const targetBlock = t ? blockInPane(scrollers.current[t.pane], ids[t.pane], t.blockId) : null;
  if (t && targetBlock) paintDeepLink(targetBlock, t);
  let restored = false;
  places.forEach((place, i) => {
    const s = scrollers.current[i];
    if (!place || !s || !ids[i]) return;
    restored = true;
    const block = blockInPane(s, ids[i], place.blockId);
    if (block) scrollToPlace(s, block, place.percent);
    // A whole volume read in windows: the block may be in a part the server did not send first.
    else
      void revealBlock(ids[i], place.blockId).then((b) => {
        if (b && s.contains(b)) scrollToPlace(s, b, place.percent);
      });
  });
  if (!restored && targetBlock) targetBlock.scrollIntoView({ block: "center" });
}

/**
 * The reader's first paint: back to where the reader was — after a change of interface language (its open
 * outlines too), or at the place the address names (`&at=`, a reload or a shared link), by block and share of
 * it — or else to the passage the address points to. The passage is marked either way. Only on arrival: later
 * layout changes keep the reader where the user is.
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
