"use client";

import { useEffect, useState, type RefObject } from "react";
import { formatLayout, type PassageTarget } from "@/lib/reader/layout";
import { blockText, type Passage } from "@/lib/reader/selection";
import { blockInPane } from "./useReaderArrival";

export type CopyState = { kind: "copied" } | { kind: "failed"; url: string } | null;

/**
 * "Copy link to this passage": the selected passage, or (from a pane's toolbar, nothing selected) the block at
 * the top of the pane, as a reader address. The state says it was copied (for five seconds) or gives the address
 * to copy by hand when the clipboard refuses.
 */
export function usePassageLinkCopy(options: {
  locale: string;
  slugs: readonly string[];
  paneIds: readonly string[];
  sync: boolean;
  scrollers: RefObject<Array<HTMLElement | null>>;
}) {
  const { locale, slugs, paneIds, sync, scrollers } = options;
  const [copy, setCopy] = useState<CopyState>(null);
  useEffect(() => {
    if (copy?.kind !== "copied") return;
    const timer = setTimeout(() => setCopy(null), 5000);
    return () => clearTimeout(timer);
  }, [copy]);

  const copyLink = async (pane: number, passage: Passage | null) => {
    let target: PassageTarget | undefined;
    if (passage) {
      const block = blockInPane(scrollers.current[pane], paneIds[pane], passage.blockId);
      const whole = passage.blockStart === 0 && (!block || passage.blockEnd >= blockText(block).length);
      target = whole ? { pane, blockId: passage.blockId } : { pane, ...passage };
    }
    const url = `${window.location.origin}/${locale}/read?${formatLayout({ slugs: [...slugs], sync, target })}`;
    try {
      await navigator.clipboard.writeText(url);
      setCopy({ kind: "copied" });
    } catch {
      setCopy({ kind: "failed", url });
    }
  };
  /** From a pane's toolbar: its selection, else where a keyboard user "is". */
  const copyFromPane = (pane: number, selected: Passage | null) => void copyLink(pane, selected ?? topVisiblePassage(scrollers.current[pane]));
  return { copy, copyLink, copyFromPane };
}

/** The first block whose text shows at the top of a pane: where a keyboard user "is". */
function topVisiblePassage(scroller: HTMLElement | null | undefined): Passage | null {
  if (!scroller) return null;
  const top = scroller.getBoundingClientRect().top;
  for (const el of scroller.querySelectorAll<HTMLElement>("[data-doc-root] [data-block-id]")) {
    if (el.getBoundingClientRect().bottom > top + 4) {
      return { blockId: el.dataset.blockId ?? "", blockStart: 0, blockEnd: blockText(el).length };
    }
  }
  return null;
}
