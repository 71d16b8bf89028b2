"use client";

import { useEffect, useLayoutEffect, useState } from "react";
import { createPortal } from "react-dom";
import { useTranslations } from "next-intl";
import { shortQuote } from "@/lib/links/reader-view";
import { useLinks } from "./LinksProvider";

interface Marker {
  key: string;
  top: number;
  slot: number;
  linkId: string;
  label: string;
  relation: string;
  otherRole: "target" | "body";
  index: number;
}

/**
 * A "⇄" button in the pane's left margin for every link end in the pane: its accessible name says what the
 * link is and where it leads; activating it goes to the other end (scrolling that pane, or opening the
 * document in a pane); hovering or focusing it highlights the other end. Lives in the scrolling area (a
 * portal), beside the text, never inside it.
 */
export default function LinkMarkers({ paneId, paneIndex }: { paneId: string; paneIndex: number }) {
  const t = useTranslations("Links");
  const links = useLinks();
  const [scroller, setScroller] = useState<HTMLElement | null>(null);
  const [markers, setMarkers] = useState<Marker[]>([]);
  const ends = links?.endRanges(paneId) ?? [];
  const signature = ends.map((e) => `${e.pe.link.id}:${e.pe.end.role}:${e.pe.link.relation}`).join("|");

  useEffect(() => {
    setScroller(document.querySelector<HTMLElement>(`#${CSS.escape(paneId)}-panel [data-pane-scroller]`));
  }, [paneId]);

  useLayoutEffect(() => {
    if (!scroller || !links) return;
    const measure = () => {
      const box = scroller.getBoundingClientRect();
      const perBlock = new Map<string, number>();
      setMarkers(
        ends.flatMap((e, index) => {
          const rect = e.ranges[0]?.getBoundingClientRect();
          if (!rect || e.pe.end.anchor.status !== "anchored") return [];
          const slot = perBlock.get(e.pe.end.anchor.blockId) ?? 0;
          perBlock.set(e.pe.end.anchor.blockId, slot + 1);
          const other = e.pe.other;
          const relation = e.pe.link.relation ? t(`relation.${e.pe.link.relation}`) : t("noRelation");
          const label = `${t("markerItem", { relation, quote: shortQuote(other.exact, 50), title: links.titleOf(other.slug).title })}${
            links.panes.some((p) => p.slug === other.slug) ? "" : ` (${t("opensPane")})`
          }`;
          return [{ key: `${e.pe.link.id}:${e.pe.end.role}`, top: rect.top - box.top + scroller.scrollTop, slot, linkId: e.pe.link.id, label, relation: e.pe.link.relation ?? "none", otherRole: other.role, index }];
        }),
      );
    };
    measure();
    const observer = new ResizeObserver(measure);
    const doc = scroller.querySelector("[data-doc-root]");
    if (doc) observer.observe(doc);
    return () => observer.disconnect();
    // `signature` stands for `ends` (a new array on every render).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scroller, signature, paneId, links?.panes]);

  if (!links || !scroller || markers.length === 0) return null;
  return createPortal(
    <div className="link-markers">
      {markers.map((m) => {
        const e = ends[m.index];
        const active = links.peer?.linkId === m.linkId;
        return (
          <button
            key={m.key}
            type="button"
            className={`link-marker relation-${m.relation}${active ? " active" : ""}`}
            style={{ top: m.top, left: `${0.15 + m.slot * 1.5}rem` }}
            aria-label={m.label}
            title={m.label}
            data-link-id={m.linkId}
            onMouseEnter={() => links.setPeer({ linkId: m.linkId, role: m.otherRole })}
            onMouseLeave={() => links.setPeer(null)}
            onFocus={() => links.setPeer({ linkId: m.linkId, role: m.otherRole })}
            onBlur={() => links.setPeer(null)}
            onClick={() => e && links.goToEnd(e.pe.other, paneIndex)}
          >
            <span aria-hidden="true">⇄</span>
          </button>
        );
      })}
    </div>,
    scroller,
  );
}
