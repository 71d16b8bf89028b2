"use client";

import { useEffect, type RefObject } from "react";
import { alignmentDelta, type AlignmentCandidate } from "@/lib/links/reader-view";
import type { LinkView } from "@/lib/links/views";
import type { LinkPane } from "./linksContext";
import type { PaintedEnd } from "./useLinkPainting";

/**
 * Synchronized scrolling with links: when the user scrolls one pane, the others move so that linked
 * passages line up (lib/links/reader-view's alignmentDelta); without a linked passage in view they keep
 * the same relative position. Fills `alignerRef`, which the reader calls on a scroll.
 */
export function useSyncAlignment({
  alignerRef,
  scrollers,
  panes,
  links,
  painted,
}: {
  alignerRef: RefObject<((driver: number) => boolean) | null>;
  scrollers: RefObject<Array<HTMLElement | null>>;
  panes: LinkPane[];
  links: LinkView[];
  painted: Map<string, PaintedEnd[]>;
}) {
  useEffect(() => {
    alignerRef.current = (driver: number) => {
      const from = scrollers.current[driver];
      const fromPane = panes[driver];
      if (!from || !fromPane || links.length === 0) return false;
      const fromBox = from.getBoundingClientRect();
      const fromEnds = painted.get(fromPane.paneId) ?? [];
      let handled = false;
      panes.forEach((pane, j) => {
        const to = scrollers.current[j];
        if (j === driver || !to || pane.slug === fromPane.slug) return;
        const toBox = to.getBoundingClientRect();
        const toEnds = painted.get(pane.paneId) ?? [];
        const candidates: AlignmentCandidate[] = [];
        for (const f of fromEnds) {
          if (f.pe.other.slug !== pane.slug || !f.ranges[0]) continue;
          const match = toEnds.find((x) => x.pe.link.id === f.pe.link.id && x.pe.end.role === f.pe.other.role);
          if (!match?.ranges[0]) continue;
          candidates.push({
            key: f.pe.link.id,
            driverOffset: f.ranges[0].getBoundingClientRect().top - fromBox.top,
            peerOffset: match.ranges[0].getBoundingClientRect().top - toBox.top,
          });
        }
        const d = alignmentDelta(candidates, fromBox.height);
        if (d) {
          to.scrollTop += d.delta;
        } else {
          const max = from.scrollHeight - from.clientHeight;
          to.scrollTop = (max > 0 ? from.scrollTop / max : 0) * (to.scrollHeight - to.clientHeight);
        }
        handled = true;
      });
      return handled;
    };
    return () => {
      alignerRef.current = null;
    };
  }, [alignerRef, scrollers, panes, links, painted]);
}
