"use client";

import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { useRouter } from "@/i18n/navigation";
import { panelDomId } from "@/lib/reader/dom-ids";
import { formatLayout, MAX_PANES, type ReaderLayout } from "@/lib/reader/layout";
import Pane, { jumpTo } from "./Pane";
import PaneTabs from "./PaneTabs";
import PaneToolbar, { type DocumentOption } from "./PaneToolbar";
import SelectionToolbar from "./SelectionToolbar";
import { revealBlock } from "./windowRegistry";
import { replaceAddress, writePlacesToAddress } from "./scrollMemory";
import { usePhoneTabs } from "./usePhoneTabs";
import { useReaderArrival } from "./useReaderArrival";
import { usePassageLinkCopy } from "./usePassageLinkCopy";
import { useSelectionToolbar } from "./useSelectionToolbar";
import { useReaderKeyboard } from "./useReaderKeyboard";
import ReaderShortcuts from "./ReaderShortcuts";
import ReaderSkipLinks from "./ReaderSkipLinks";
import KeyboardSelectButton from "./KeyboardSelectButton";
import AnnotateButtons from "@/components/annotations/AnnotateButtons";
import MarginMarkers from "@/components/annotations/MarginMarkers";
import NotesPanel from "@/components/annotations/NotesPanel";
import NotesToggle from "@/components/annotations/NotesToggle";
import PostFirstNotice from "@/components/annotations/PostFirstNotice";
import EditionViewSwitch from "./EditionViewSwitch";
import type { EditionView } from "@/lib/reader/edition";
import SeminarStatus from "@/components/annotations/SeminarStatus";
import LinkButtons from "@/components/links/LinkButtons";
import LinkLayer from "@/components/links/LinkLayer";
import SuggestionsPanel from "@/components/links/SuggestionsPanel";
import CorrespondencesPanel from "@/components/links/CorrespondencesPanel";
import LinkMarkers from "@/components/links/LinkMarkers";
import LinksProvider from "@/components/links/LinksProvider";
import "./reader.css";

export interface PaneData {
  /** Stable across layout changes while the pane shows the same document (keeps its DOM and scroll). */
  key: string;
  slug: string;
  paneId: string;
  docLang: string;
  title: string;
  content: ReactNode;
  outline: ReactNode;
  /** The deep link named a block this document does not have. */
  missingBlock: string | null;
  /** An edition whose reading and diplomatic views differ (lib/reader/edition). */
  editionViews?: boolean;
}

/** How long scrolling must rest before the address takes the new reading position. */
const PLACE_DELAY_MS = 300;

/**
 * The reader: one to three panes side by side (tabs on a phone), their layout in the URL. Server-rendered
 * panes come in as `content`; this adds pane changes, synchronized scrolling, deep-link highlighting and
 * "copy link to this passage".
 */
export default function Reader({ locale, layout, panes, documents }: { locale: string; layout: ReaderLayout; panes: PaneData[]; documents: DocumentOption[] }) {
  const t = useTranslations("Reader");
  const router = useRouter();
  const [sync, setSync] = useState(layout.sync);
  /** reading or diplomatic view, per pane (keyed like the pane's DOM); a CSS switch over the same text */
  const [views, setViews] = useState<Record<string, EditionView>>({});
  const scrollers = useRef<Array<HTMLElement | null>>([]);
  const driver = useRef<number | null>(null);
  const slugs = useMemo(() => panes.map((p) => p.slug), [panes]);
  const paneIds = useMemo(() => panes.map((p) => p.paneId), [panes]);
  const linkPanes = useMemo(() => panes.map((p) => ({ paneId: p.paneId, slug: p.slug, docLang: p.docLang })), [panes]);
  const { narrow, tabbed, active, setActive } = usePhoneTabs(paneIds, layout.target?.pane ?? 0);
  const selection = useSelectionToolbar(scrollers);
  const tu = useTranslations("ReaderUx");
  const paneLangs = useMemo(() => panes.map((p) => p.docLang), [panes]);
  const keyboard = useReaderKeyboard({ scrollers, paneLangs, tabbed, setActive });
  useReaderArrival(layout.target, paneIds, scrollers);

  // ---- layout changes (server round trip for new text; scroll of unchanged panes is kept) ----
  const linkAligner = useRef<((driver: number) => boolean) | null>(null);
  const go = useCallback(
    (next: string[]) => router.replace(`/read?${formatLayout({ slugs: next, sync })}${seminarQuery()}`, { scroll: false }),
    [router, sync],
  );
  const changeDocument = (i: number, slug: string) => go(slugs.map((s, j) => (j === i ? slug : s)));
  const removePane = (i: number) => {
    setActive((a) => Math.max(0, Math.min(a, slugs.length - 2)));
    go(slugs.filter((_, j) => j !== i));
  };
  /** Links: show a document for a passage, in a new pane or (all three in use) instead of another one. */
  const openDocument = useCallback(
    (slug: string, keepPane: number): boolean => {
      if (slugs.length < MAX_PANES) {
        setActive(slugs.length);
        go([...slugs, slug]);
        return true;
      }
      const replace = [...slugs.keys()].reverse().find((j) => j !== keepPane);
      if (replace === undefined) return false;
      setActive(replace);
      go(slugs.map((s, j) => (j === replace ? slug : s)));
      return true;
    },
    [slugs, go, setActive],
  );
  const addPane = () => {
    const next = documents.find((d) => !slugs.includes(d.slug))?.slug ?? slugs[slugs.length - 1];
    setActive(slugs.length);
    go([...slugs, next]);
  };
  const toggleSync = (on: boolean) => {
    setSync(on);
    // Only the address changes (scrollMemory's replaceAddress): no need to render the panes again.
    const url = new URL(window.location.href);
    if (on) url.searchParams.set("sync", "1");
    else url.searchParams.delete("sync");
    replaceAddress(url.pathname + "?" + url.searchParams.toString().replace(/%2C/gi, ","));
  };

  // ---- the reading position in the address (lib/reader/reading-place), a moment after scrolling stops ----
  const placeTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(placeTimer.current), []);

  // ---- synchronized scrolling: the pane the user is working in drives the others, proportionally ----
  const onUserScroll = (i: number) => {
    clearTimeout(placeTimer.current);
    placeTimer.current = setTimeout(writePlacesToAddress, PLACE_DELAY_MS);
    if (!sync || driver.current !== i) return;
    // Linked passages line up when a link is in view; otherwise the panes follow proportionally.
    if (linkAligner.current?.(i)) return;
    const from = scrollers.current[i];
    if (!from) return;
    const max = from.scrollHeight - from.clientHeight;
    const ratio = max > 0 ? from.scrollTop / max : 0;
    scrollers.current.forEach((to, j) => {
      if (!to || j === i) return;
      to.scrollTop = ratio * (to.scrollHeight - to.clientHeight);
    });
  };

  const { copy, copyLink, copyFromPane } = usePassageLinkCopy({ locale, slugs, paneIds, sync, scrollers });
  const copyFromToolbar = (i: number) => copyFromPane(i, selection?.pane === i ? selection.passage : null);

  // One stable callback per pane position (a new one each render would detach and attach the pane each time).
  const scrollerSlots = useMemo(
    () =>
      Array.from({ length: MAX_PANES }, (_, i) => (el: HTMLElement | null) => {
        scrollers.current[i] = el;
      }),
    [],
  );

  return (
    <LinksProvider panes={linkPanes} documents={documents} scrollers={scrollers} alignerRef={linkAligner} openDocument={openDocument} initialPeer={layout.peer}>
      <div className={`reader${narrow ? " reader-narrow" : ""}`} data-panes={panes.length}>
        <ReaderSkipLinks panes={panes} focusPane={keyboard.focusPane} />
        <div className="reader-bar" role="group" aria-label={t("toolbar")}>
          {tabbed ? null : (
            // Behind tabs only one pane shows at a time: nothing to keep in step.
            <label className="switch">
              <input type="checkbox" checked={sync} onChange={(e) => toggleSync(e.target.checked)} />
              <span>{t("sync")}</span>
            </label>
          )}
          <SeminarStatus />
          {panes.length < MAX_PANES ? (
            <button type="button" className="button" onClick={addPane}>
              {t("addPane")}
            </button>
          ) : null}
          <ReaderShortcuts />
          <div className="reader-status" role="status">
            {copy?.kind === "copied" ? t("copied") : null}
            {copy?.kind === "failed" ? (
              <span className="copy-fallback">
                <label>
                  {t("copyFailed")} <input readOnly value={copy.url} aria-label={t("copyFallbackLabel")} onFocus={(e) => e.currentTarget.select()} />
                </label>
              </span>
            ) : null}
          </div>
        </div>

        {tabbed ? <PaneTabs panes={panes} active={active} onActivate={setActive} label={t("tabs")} /> : null}

        <div className="reader-body">
          <div className="panes">
            {panes.map((p, i) => {
              return (
                <section
                  key={p.key}
                  id={panelDomId(p.paneId)}
                  className="pane"
                  data-tei-view={p.editionViews ? (views[p.key] ?? "reading") : undefined}
                  aria-labelledby={tabbed ? `${p.paneId}-tab` : `${p.paneId}-title`}
                  role={tabbed ? "tabpanel" : undefined}
                  hidden={tabbed && i !== active}
                  onClick={(e) => {
                    const link = (e.target as HTMLElement).closest<HTMLAnchorElement>("a[data-outline-link]");
                    const id = link?.getAttribute("href")!.slice(1) ?? "";
                    const el = link ? document.getElementById(id) : null;
                    if (el) {
                      e.preventDefault();
                      jumpTo(el);
                    } else if (link?.dataset.targetBlock) {
                      // A whole volume: the heading is in a part not loaded yet (components/reader/WindowedDocument.tsx).
                      e.preventDefault();
                      void revealBlock(p.paneId, link.dataset.targetBlock).then(() => {
                        const loaded = document.getElementById(id);
                        if (loaded) jumpTo(loaded);
                      });
                    }
                  }}
                >
                  <PaneToolbar
                    index={i}
                    slug={p.slug}
                    documents={documents}
                    canRemove={panes.length > 1}
                    onChangeDocument={(slug) => changeDocument(i, slug)}
                    onRemove={() => removePane(i)}
                    onCopyLink={() => copyFromToolbar(i)}
                  >
                    <NotesToggle paneId={p.paneId} slug={p.slug} />
                    <KeyboardSelectButton pressed={keyboard.selecting === i} onPress={() => keyboard.startSelecting(i)} />
                    {p.editionViews ? (
                      <EditionViewSwitch view={views[p.key] ?? "reading"} onChange={(v) => setViews((all) => ({ ...all, [p.key]: v }))} />
                    ) : null}
                  </PaneToolbar>
                  {p.outline}
                  <PostFirstNotice slug={p.slug} className="post-first-notice" />
                  {p.missingBlock ? (
                    <p className="pane-message" role="alert">
                      {t("unknownBlock", { block: p.missingBlock })}
                    </p>
                  ) : null}
                  <Pane
                    paneId={p.paneId}
                    docLang={p.docLang}
                    label={t("pane", { n: i + 1 })}
                    registerScroller={scrollerSlots[i]}
                    onUserScroll={() => onUserScroll(i)}
                    onDriver={() => {
                      driver.current = i;
                    }}
                  >
                    {p.content}
                  </Pane>
                  <MarginMarkers paneId={p.paneId} />
                  <LinkMarkers paneId={p.paneId} paneIndex={i} />
                  <NotesPanel paneId={p.paneId} index={i} slug={p.slug} docLang={p.docLang} />
                  {selection?.pane === i ? (
                    <SelectionToolbar
                      top={selection.top}
                      left={selection.left}
                      bounds={selection.bounds}
                      onCopyLink={() => void copyLink(i, selection.passage)}
                    >
                      <AnnotateButtons pane={i} passage={selection.passage} />
                      <LinkButtons pane={i} passage={selection.passage} />
                    </SelectionToolbar>
                  ) : null}
                </section>
              );
            })}
          </div>
          {/* Beside the panes, not over them: the passage a suggestion was shown for stays in view. */}
          <SuggestionsPanel />
          <CorrespondencesPanel />
        </div>
        <LinkLayer />
        <div className="visually-hidden" aria-live="polite">
          {keyboard.selecting !== null && keyboard.selected ? tu("selectedText", { text: keyboard.selected }) : ""}
        </div>
      </div>
    </LinksProvider>
  );
}

/** The seminar whose notes the reader shows (`&seminar=`) survives layout changes. */
function seminarQuery(): string {
  const id = new URLSearchParams(window.location.search).get("seminar");
  return id ? `&seminar=${encodeURIComponent(id)}` : "";
}
