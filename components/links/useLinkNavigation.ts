"use client";

import { useCallback, useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import type { LinkEnd } from "@/lib/links/views";
import type { PassageTarget } from "@/lib/reader/layout";
import { blockText, type Passage } from "@/lib/reader/selection";
import { blockElement, scrollPassageIntoView } from "@/components/reader/paneDom";
import { showPane } from "@/components/reader/paneTabs";
import { isWindowedPane, revealBlock, textsArriving } from "@/components/reader/windowRegistry";
import type { LinkPane } from "./linksContext";

/**
 * Going from a link end to its passage: in the pane that shows its document (its tab brought to the front
 * on a phone, its part loaded in a whole volume), or in a pane opened for it; the passage is marked for a
 * moment. Also shows the reader address's second passage (b2/r2) on arrival.
 */
export function useLinkNavigation({
  panes,
  openDocument,
  announce,
  flash,
  initialPeer,
}: {
  panes: LinkPane[];
  openDocument: (slug: string, keepPane: number) => boolean;
  announce: (message: string) => void;
  flash: (ranges: Range[] | null) => boolean;
  initialPeer?: PassageTarget;
}) {
  const t = useTranslations("Links");
  const pending = useRef<{ slug: string; anchor: Passage; fromPane: number } | null>(null);

  const showPassage = useCallback(
    (slug: string, anchor: Passage, fromPane: number) => {
      const candidates = panes.map((p, i) => ({ p, i })).filter(({ p }) => p.slug === slug);
      const target = candidates.find(({ i }) => i !== fromPane) ?? candidates[0];
      if (target) {
        // Behind tabs (a phone) the pane must show before its passage can be measured.
        showPane(target.p.paneId);
        // In a whole volume the passage may be in a part not loaded yet (components/reader/windowRegistry).
        if (!flash(scrollPassageIntoView(target.p.paneId, anchor)))
          void revealBlock(target.p.paneId, anchor.blockId).then((el) => el && flash(scrollPassageIntoView(target.p.paneId, anchor)));
        return;
      }
      pending.current = { slug, anchor, fromPane };
      if (!openDocument(slug, fromPane)) {
        pending.current = null;
        announce(t("tooManyPanes"));
      }
    },
    [panes, openDocument, announce, t, flash],
  );

  const goToEnd = useCallback(
    (end: LinkEnd, fromPane: number) => {
      if (end.anchor.status !== "anchored") return announce(t("orphanEnd"));
      showPassage(end.slug, end.anchor, fromPane);
    },
    [showPassage, announce, t],
  );

  // A document opened for a passage: go there once its pane is rendered.
  useEffect(() => {
    const p = pending.current;
    if (!p) return;
    const pane = panes.find((x, i) => x.slug === p.slug && i !== p.fromPane) ?? panes.find((x) => x.slug === p.slug);
    if (!pane) return;
    let tries = 0;
    const attempt = () => {
      if (flash(scrollPassageIntoView(pane.paneId, p.anchor)) || ++tries > 20) pending.current = null;
      else if (isWindowedPane(pane.paneId)) {
        pending.current = null;
        void revealBlock(pane.paneId, p.anchor.blockId).then((el) => el && flash(scrollPassageIntoView(pane.paneId, p.anchor)));
      } else requestAnimationFrame(attempt);
    };
    requestAnimationFrame(attempt);
  }, [panes, flash]);

  // The reader address's second passage (b2/r2): scroll its pane there and mark it. Read once, on arrival:
  // later layout changes keep the reader where the user is.
  const arrival = useRef({ initialPeer, panes, flash });
  useEffect(() => {
    const { initialPeer: peer, panes: first, flash: mark } = arrival.current;
    if (!peer) return;
    const pane = first[peer.pane];
    if (!pane) return;
    let frame = 0;
    let cancelled = false;
    const show = () => {
      const block = blockElement(pane.paneId, peer.blockId);
      if (cancelled || !block) return;
      const blockEnd = peer.blockEnd ?? blockText(block).length;
      frame = requestAnimationFrame(() => mark(scrollPassageIntoView(pane.paneId, { blockId: peer.blockId, blockStart: peer.blockStart ?? 0, blockEnd })));
    };
    // A pane mounted by a client navigation (a language switch) fetches its text first (components/reader/PaneHtml).
    const waiting = textsArriving([pane.paneId]);
    if (waiting) void waiting.then(show);
    else show();
    return () => {
      cancelled = true;
      cancelAnimationFrame(frame);
    };
  }, []);

  return { showPassage, goToEnd };
}
