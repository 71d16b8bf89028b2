"use client";

import { useEffect, useState } from "react";
import { connectorPath } from "@/lib/links/reader-view";
import { scrollerOf } from "@/components/reader/paneDom";
import { useLinks } from "./LinksProvider";

/**
 * Lines between the two ends of every link whose ends are both visible in two neighbouring panes, in the
 * gutter between them (lib/links/reader-view connectorPath): an SVG over the panes
 * (fixed, pointer-events off), redrawn once per animation frame while anything scrolls or resizes. Purely
 * visual (aria-hidden): the markers carry the same information for keyboards and screen readers.
 */
export default function LinkConnectors() {
  const links = useLinks();
  const [paths, setPaths] = useState<Array<{ key: string; d: string; relation: string; active: boolean }>>([]);
  const panes = links?.panes;
  // A new function whenever the ends are painted again: the lines are redrawn then.
  const endRanges = links?.endRanges;
  const peer = links?.peer ?? null;
  const shown = !!panes && !!endRanges && panes.length >= 2;

  useEffect(() => {
    if (!panes || !endRanges || panes.length < 2) return;
    let frame = 0;
    const draw = () => {
      const out: Array<{ key: string; d: string; relation: string; active: boolean }> = [];
      const boxes = panes.map((p) => scrollerOf(p.paneId)?.getBoundingClientRect() ?? null);
      const ends = panes.map((p) => endRanges(p.paneId));
      const seen = new Set<string>();
      ends.forEach((list, i) => {
        for (const e of list) {
          if (e.pe.end.role !== "target" || !e.ranges[0] || !boxes[i]) continue;
          // The other end in a neighbouring pane: a line runs only in the gutter between two panes, so ends in
          // panes 1 and 3 get none (it would cross the middle pane's text); their markers still lead across.
          for (const j of [i - 1, i + 1]) {
            if (j < 0 || j >= panes.length || !boxes[j] || seen.has(e.pe.link.id)) continue;
            const other = ends[j].find((x) => x.pe.link.id === e.pe.link.id && x.pe.end.role === "body");
            if (!other?.ranges[0]) continue;
            const d = connectorPath(e.ranges[0].getBoundingClientRect(), boxes[i]!, other.ranges[0].getBoundingClientRect(), boxes[j]!);
            if (!d) continue;
            seen.add(e.pe.link.id);
            out.push({ key: e.pe.link.id, d, relation: e.pe.link.relation ?? "none", active: peer?.linkId === e.pe.link.id });
          }
        }
      });
      setPaths(out);
    };
    const schedule = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(draw);
    };
    schedule();
    document.addEventListener("scroll", schedule, true);
    window.addEventListener("resize", schedule);
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener("scroll", schedule, true);
      window.removeEventListener("resize", schedule);
    };
  }, [panes, endRanges, peer]);

  if (!shown || paths.length === 0) return null;
  return (
    <svg className="link-connectors" aria-hidden="true" data-testid="link-connectors">
      {paths.map((p) => (
        <path key={p.key} d={p.d} className={`link-connector relation-${p.relation}${p.active ? " active" : ""}`} data-link-id={p.key} />
      ))}
    </svg>
  );
}
