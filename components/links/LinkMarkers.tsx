"use client";

import { Fragment, useLayoutEffect, useState } from "react";
import { createPortal } from "react-dom";
import { useTranslations } from "next-intl";
import { shortQuote } from "@/lib/links/reader-view";
import { notesPanelId } from "@/components/annotations/notesIds";
import { useNotes } from "@/components/annotations/NotesProvider";
import { DOC_ROOT_SELECTOR } from "@/components/reader/paneDom";
import { usePaneScroller } from "@/components/reader/usePaneScroller";
import { useLinks, type PaintedEndList } from "./LinksProvider";

interface Marker {
  key: string;
  top: number;
  slot: number;
  linkId: string;
  label: string;
  discussLabel: string;
  replies: number;
  relation: string;
  otherRole: "target" | "body";
  index: number;
}

/** A marker and its discussion button, stacked: their height in rem (see links.css). */
const MARKER_PAIR_REM = 2.95;
const NO_ENDS: PaintedEndList = [];

/**
 * A "⇄" button in the pane's left margin for every link end in the pane: its accessible name says what the
 * link is and where it leads; activating it goes to the other end (scrolling that pane, or opening the
 * document in a pane); hovering or focusing it highlights the other end. Below it, the link's discussion
 * button (with the number of replies) opens the link's thread in this pane's notes panel; it follows the
 * marker in tab order. Lives in the scrolling area (a portal), beside the text, never inside it.
 */
export default function LinkMarkers({ paneId, paneIndex }: { paneId: string; paneIndex: number }) {
  const t = useTranslations("Links");
  const tThread = useTranslations("LinkThread");
  const links = useLinks();
  const notes = useNotes();
  const scroller = usePaneScroller(paneId);
  const [markers, setMarkers] = useState<Marker[]>([]);
  // The same array until the ends are painted again (components/links/useLinkPainting).
  const ends = links?.endRanges(paneId) ?? NO_ENDS;
  const titleOf = links?.titleOf;
  const shownPanes = links?.panes;

  useLayoutEffect(() => {
    if (!scroller || !titleOf || !shownPanes) return;
    const measure = () => {
      const box = scroller.getBoundingClientRect();
      const perBlock = new Map<string, number>();
      const placed = ends.flatMap((e, index) => {
        const rect = e.ranges[0]?.getBoundingClientRect();
        if (!rect || e.pe.end.anchor.status !== "anchored") return [];
        const slot = perBlock.get(e.pe.end.anchor.blockId) ?? 0;
        perBlock.set(e.pe.end.anchor.blockId, slot + 1);
        const other = e.pe.other;
        const relation = e.pe.link.relation ? t(`relation.${e.pe.link.relation}`) : t("noRelation");
        const quote = shortQuote(other.exact, 50);
        const title = titleOf(other.slug).title;
        const label = `${t("markerItem", { relation, quote, title })}${shownPanes.some((p) => p.slug === other.slug) ? "" : ` (${t("opensPane")})`}`;
        const discussLabel = tThread("discuss", { relation, quote, title, count: e.pe.link.replies });
        const m: Marker = {
          key: `${e.pe.link.id}:${e.pe.end.role}`,
          top: rect.top - box.top + scroller.scrollTop,
          slot,
          linkId: e.pe.link.id,
          label,
          discussLabel,
          replies: e.pe.link.replies,
          relation: e.pe.link.relation ?? "none",
          otherRole: other.role,
          index,
        };
        return [m];
      });
      // Each marker has its discussion button below it: in one column, a pair never covers the next.
      const pair = MARKER_PAIR_REM * (parseFloat(getComputedStyle(document.documentElement).fontSize) || 16);
      const columnEnd = new Map<number, number>();
      for (const m of [...placed].sort((a, b) => a.top - b.top)) {
        m.top = Math.max(m.top, columnEnd.get(m.slot) ?? -Infinity);
        columnEnd.set(m.slot, m.top + pair);
      }
      setMarkers(placed);
    };
    measure();
    const observer = new ResizeObserver(measure);
    const doc = scroller.querySelector(DOC_ROOT_SELECTOR);
    if (doc) observer.observe(doc);
    return () => observer.disconnect();
  }, [scroller, ends, titleOf, shownPanes, t, tThread]);

  if (!links || !scroller || markers.length === 0) return null;
  const ui = notes?.ui(paneId);
  const discussing = ui?.open && ui.view.kind === "link" ? ui.view.id : null;
  return createPortal(
    <div className="link-markers">
      {markers.map((m) => {
        const e = ends[m.index];
        const active = links.peer?.linkId === m.linkId;
        const left = `${0.15 + m.slot * 1.5}rem`;
        return (
          <Fragment key={m.key}>
            <button
              type="button"
              className={`link-marker relation-${m.relation}${active ? " active" : ""}`}
              style={{ top: m.top, left }}
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
            {notes ? (
              <button
                type="button"
                className={`link-discuss${discussing === m.linkId ? " active" : ""}`}
                style={{ top: m.top, left }}
                aria-label={m.discussLabel}
                title={m.discussLabel}
                aria-controls={notesPanelId(paneId)}
                aria-expanded={discussing === m.linkId}
                data-link-id={m.linkId}
                onFocus={() => links.setPeer({ linkId: m.linkId, role: m.otherRole })}
                onBlur={() => links.setPeer(null)}
                onClick={() => notes.show(paneId, { kind: "link", id: m.linkId, focus: true })}
              >
                <svg aria-hidden="true" viewBox="0 0 16 16" width="11" height="11">
                  <path d="M2 3h12v8H7l-3 3v-3H2z" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
                </svg>
                {m.replies ? (
                  <span className="link-discuss-count" aria-hidden="true">
                    {m.replies}
                  </span>
                ) : null}
              </button>
            ) : null}
          </Fragment>
        );
      })}
    </div>,
    scroller,
  );
}
