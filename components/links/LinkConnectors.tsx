"use client";

import { useEffect, useState } from "react";
import { connectorPath } from "@/lib/links/reader-view";
import { useLinks } from "./LinksProvider";

/**
 * Lines between the two ends of every link whose ends are both visible in two panes: an SVG over the panes
 * (fixed, pointer-events off), redrawn once per animation frame while anything scrolls or resizes. Purely
 * visual (aria-hidden): the markers carry the same information for keyboards and screen readers.
 */
export default function LinkConnectors() {
  const links = useLinks();
  const [paths, setPaths] = useState<Array<{ key: string; d: string; relation: string; active: boolean }>>([]);
  const panes = links?.panes ?? [];
  const tick = links?.paintTick ?? 0;
  const peer = links?.peer ?? null;

  useEffect(() => {
    if (!links || panes.length < 2) {
      setPaths([]);
      return;
    }
    let frame = 0;
    const draw = () => {
      const out: Array<{ key: string; d: string; relation: string; active: boolean }> = [];
      const boxes = panes.map((p) => document.querySelector<HTMLElement>(`#${CSS.escape(p.paneId)}-panel [data-pane-scroller]`)?.getBoundingClientRect() ?? null);
      const ends = panes.map((p) => links.endRanges(p.paneId));
      const seen = new Set<string>();
      ends.forEach((list, i) => {
        for (const e of list) {
          if (e.pe.end.role !== "target" || !e.ranges[0] || !boxes[i]) continue;
          // The other end in another pane (the first one showing its document).
          for (let j = 0; j < panes.length; j++) {
            if (j === i || !boxes[j] || seen.has(e.pe.link.id)) continue;
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
    // `tick` changes whenever the painted ends do.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [panes, tick, peer]);

  if (paths.length === 0) return null;
  return (
    <svg className="link-connectors" aria-hidden="true" data-testid="link-connectors">
      {paths.map((p) => (
        <path key={p.key} d={p.d} className={`link-connector relation-${p.relation}${p.active ? " active" : ""}`} data-link-id={p.key} />
      ))}
    </svg>
  );
}
