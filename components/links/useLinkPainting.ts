"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { blockLayout, hitTest, passageRanges } from "@/lib/annotations-ui/paint";
import { endsIn, type PaneEnd } from "@/lib/links/reader-view";
import type { LinkView } from "@/lib/links/views";
import { HIGHLIGHT_LINK_END, HIGHLIGHT_LINK_PEER, paintOne } from "@/lib/reader/highlights";
import { docRootOf, paneAt } from "@/components/reader/paneDom";
import { usePaintedStore } from "@/components/reader/usePaintedStore";
import { onPaneContent } from "@/components/reader/windowRegistry";
import type { LinkPane, Peer } from "./linksContext";

export interface PaintedEnd {
  pe: PaneEnd;
  ranges: Range[];
}

/** How long a passage reached from its other end stays marked. */
const FLASH_MS = 4000;

/**
 * Paints every link end in the panes, and the "other end" of what the pointer is over (or of what was just
 * reached from its other end, marked for a moment). Returns the painted ends per pane, the peer, and
 * `flash` for the navigation.
 */
export function useLinkPainting(links: LinkView[], panes: LinkPane[]) {
  const { painted, version: paintTick, current, publish } = usePaintedStore<PaintedEnd>();
  const [peer, setPeer] = useState<Peer | null>(null);
  // A windowed pane added or dropped a part of its text: paint its ends again.
  const [contentTick, setContentTick] = useState(0);
  useEffect(() => onPaneContent(() => setContentTick((n) => n + 1)), []);

  // The passage just reached from its other end: marked for a moment, whatever the pointer does meanwhile.
  const [flashed, setFlashed] = useState<Range[]>([]);
  const flashTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const flash = useCallback((ranges: Range[] | null) => {
    if (!ranges) return false;
    clearTimeout(flashTimer.current);
    setFlashed(ranges);
    flashTimer.current = setTimeout(() => setFlashed([]), FLASH_MS);
    return true;
  }, []);
  useEffect(() => () => clearTimeout(flashTimer.current), []);

  useEffect(() => {
    const all: Range[] = [];
    const next = new Map<string, PaintedEnd[]>();
    for (const pane of panes) {
      const root = docRootOf(pane.paneId);
      if (!root) continue;
      const layout = blockLayout(root);
      const list = endsIn(links, pane.slug).map((pe) => ({ pe, ranges: pe.end.anchor.status === "anchored" ? passageRanges(layout, pe.end.anchor) : [] }));
      for (const l of list) all.push(...l.ranges);
      next.set(pane.paneId, list);
    }
    paintOne("link-ends", HIGHLIGHT_LINK_END, all, 0);
    publish(next);
  }, [links, panes, contentTick, publish]);

  useEffect(() => {
    const ranges: Range[] = [...flashed];
    if (peer)
      for (const list of painted.values()) for (const { pe, ranges: r } of list) if (pe.link.id === peer.linkId && pe.end.role === peer.role) ranges.push(...r);
    paintOne("link-peer", HIGHLIGHT_LINK_PEER, ranges, 6);
  }, [peer, painted, flashed]);

  useEffect(
    () => () => {
      paintOne("link-ends", HIGHLIGHT_LINK_END, [], 0);
      paintOne("link-peer", HIGHLIGHT_LINK_PEER, [], 6);
    },
    [],
  );

  // Hovering a painted end highlights its other end.
  useEffect(() => {
    let frame = 0;
    let last: string | null = null;
    const onMove = (e: MouseEvent) => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const pane = paneAt(e.target, panes);
        const list = pane ? (current().get(pane.paneId) ?? []) : [];
        const hit = list.length
          ? hitTest(
              e.clientX,
              e.clientY,
              list.map((l) => ({ key: l.pe, ranges: l.ranges })),
            )
          : null;
        const key = hit ? `${hit.link.id}:${hit.other.role}` : null;
        if (key === last) return;
        last = key;
        setPeer(hit ? { linkId: hit.link.id, role: hit.other.role } : null);
      });
    };
    document.addEventListener("mousemove", onMove);
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener("mousemove", onMove);
    };
  }, [panes, current]);

  return { painted, current, paintTick, peer, setPeer, flash };
}
