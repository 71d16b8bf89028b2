"use client";

import { useTranslations } from "next-intl";
import { jumpTo } from "@/components/reader/Pane";
import { revealBlock } from "@/components/reader/windowRegistry";

/**
 * A narrow vertical strip at the edge of a reader pane: the document from top to bottom in equal parts, darker
 * where more notes and replies sit. A part with notes is a button that jumps to where that part starts; parts
 * without notes are not in the tab order. The same numbers are in the seminar overview's ranked passages.
 */
export default function HeatStrip({ paneId, segments, segmentBlocks }: { paneId: string; segments: number[]; segmentBlocks: string[] }) {
  const t = useTranslations("Teaching");
  const label = t("heatStripLabel");
  const segmentLabels = segments.map((value, i) => t("heatSegment", { n: i + 1, count: segments.length, value }));
  const max = Math.max(1, ...segments);
  return (
    <div className="heat-strip" role="group" aria-label={label}>
      {segments.map((v, i) => (
        <button
          key={i}
          type="button"
          tabIndex={v > 0 ? 0 : -1}
          aria-label={segmentLabels[i]}
          title={segmentLabels[i]}
          style={{ ["--heat" as string]: v === 0 ? "transparent" : `color-mix(in srgb, var(--accent) ${Math.round(20 + 80 * (v / max))}%, transparent)` }}
          onClick={() => {
            // revealBlock: in a whole volume the part may not be loaded yet (components/reader/windowRegistry).
            void revealBlock(paneId, segmentBlocks[i]).then((el) => el && jumpTo(el));
          }}
        />
      ))}
    </div>
  );
}
