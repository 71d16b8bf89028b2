"use client";

import { useDeferredMember } from "@/components/annotations/MemberSession";
import HeatStrip from "./HeatStrip";

/** A pane's heat strip on a page served without the member's parts: drawn once MemberSession has fetched them. */
export default function DeferredHeat({ paneId, slug }: { paneId: string; slug: string }) {
  const session = useDeferredMember();
  const heat = session?.state === "member" ? session.data.heat[slug] : undefined;
  return heat ? <HeatStrip paneId={paneId} segments={heat.segments} segmentBlocks={heat.segmentBlocks} /> : null;
}
