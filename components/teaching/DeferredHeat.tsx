"use client";

import { useTranslations } from "next-intl";
import { useDeferredMember } from "@/components/annotations/MemberSession";
import HeatStrip from "./HeatStrip";

/** A pane's heat strip on a page served without the member's parts: drawn once MemberSession has fetched them. */
export default function DeferredHeat({ paneId, slug }: { paneId: string; slug: string }) {
  const t = useTranslations("Teaching");
  const session = useDeferredMember();
  const heat = session?.state === "member" ? session.data.heat[slug] : undefined;
  if (!heat) return null;
  return (
    <HeatStrip
      paneId={paneId}
      segments={heat.segments}
      segmentBlocks={heat.segmentBlocks}
      label={t("heatStripLabel")}
      segmentLabels={heat.segments.map((value, i) => t("heatSegment", { n: i + 1, count: heat.segments.length, value }))}
    />
  );
}
