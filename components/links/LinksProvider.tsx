"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type MutableRefObject, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import type { Relation } from "@/lib/annotations/types";
import { eventsUrl } from "@/lib/annotations-ui/api";
import { blockLayout, hitTest, passageRanges } from "@/lib/annotations-ui/paint";
import { showPane } from "@/components/reader/paneTabs";
import { isWindowedPane, onPaneContent, revealBlock } from "@/components/reader/windowRegistry";
import { linksApi, type EndInput, type Failure, type NewLink } from "@/lib/links/client";
import { alignmentDelta, endsIn, type AlignmentCandidate, type PaneEnd } from "@/lib/links/reader-view";
import type { SuggestAnswer, SuggestedPassage } from "@/lib/links/suggest-service";
import type { LinkEnd, LinkView } from "@/lib/links/views";
import type { PassageTarget } from "@/lib/reader/layout";
import { blockText, type Passage } from "@/lib/reader/selection";
import { useNotes } from "@/components/annotations/NotesProvider";

/** A pane as the link layer sees it. */
export interface LinkPane {
  paneId: string;
  slug: string;
  docLang: string;
}

/** One end of a link being made: a passage in a pane, with the quote the reader showed. */
export interface DraftEnd {
  paneIndex: number;
  slug: string;
  passage: Passage;
  quote: string;
  lang: string;
}

export interface SuggestionsState {
  from: DraftEnd;
  status: "loading" | "done" | "failed";
  answer: SuggestAnswer | null;
  error?: string;
}

export interface LinksContextValue {
  /** Signed in, in a seminar: links can be read and made. */
  enabled: boolean;
  links: LinkView[];
  canLink: (slug: string) => boolean;
  titleOf: (slug: string) => { title: string; lang: string };
  linking: DraftEnd | null;
  startLinking: (paneIndex: number, passage: Passage) => void;
  cancelLinking: () => void;
  /** The second passage is chosen: open the composer for both ends. */
  finishLinking: (paneIndex: number, passage: Passage) => void;
  composer: { from: DraftEnd; to: DraftEnd } | null;
  closeComposer: () => void;
  saveLink: (input: { relation: Relation; body?: string; tags?: string[]; visibility: NewLink["visibility"] }) => Promise<Failure | null>;
  suggestions: SuggestionsState | null;
  suggestFor: (paneIndex: number, passage: Passage) => void;
  closeSuggestions: () => void;
  acceptSuggestion: (c: SuggestedPassage, relation: Relation) => Promise<Failure | null>;
  dismissSuggestion: (c: SuggestedPassage) => Promise<Failure | null>;
  /** Scroll to a passage in the pane showing its document, opening the document in a pane if needed. */
  goToEnd: (end: LinkEnd, fromPane: number) => void;
  showPassage: (slug: string, anchor: { blockId: string; blockStart: number; blockEnd: number }, fromPane: number) => void;
  /** The link end highlighted as "the other end" of what the pointer or focus is on. */
  peer: { linkId: string; role: LinkEnd["role"] } | null;
  setPeer: (peer: { linkId: string; role: LinkEnd["role"] } | null) => void;
  /** Ranges of every painted end, per pane: markers and connectors measure these. */
  endRanges: (paneId: string) => Array<{ pe: PaneEnd; ranges: Range[] }>;
  paintTick: number;
  errorMessage: (f: Failure) => string;
  announce: (message: string) => void;
  panes: LinkPane[];
  /** The seminar the reader is in (null: not in one), and a way to reload its links after a change. */
  seminarId: string | null;
  refreshLinks: () => Promise<void>;
}

const LinksContext = createContext<LinksContextValue | null>(null);

export function useLinks(): LinksContextValue | null {
  return useContext(LinksContext);
}

const docRootOf = (paneId: string) => document.querySelector<HTMLElement>(`#${CSS.escape(paneId)}-panel [data-doc-root]`);
const scrollerOf = (paneId: string) => document.querySelector<HTMLElement>(`#${CSS.escape(paneId)}-panel [data-pane-scroller]`);

const HIGHLIGHT_END = "link-end";
const HIGHLIGHT_PEER = "link-peer";
const LIVE_TYPES = ["annotation.created", "annotation.updated", "annotation.deleted", "annotation.hidden", "annotation.unhidden", "annotation.removed"];

function setHighlight(name: string, ranges: Range[], priority: number) {
  const g = globalThis as unknown as { CSS?: { highlights?: Map<string, unknown> }; Highlight?: new (...r: Range[]) => { priority: number } };
  if (!g.CSS?.highlights || !g.Highlight) return;
  if (!ranges.length) {
    g.CSS.highlights.delete(name);
    return;
  }
  const h = new g.Highlight(...ranges);
  h.priority = priority;
  g.CSS.highlights.set(name, h);
}

/**
 * Put a passage a third of the way down its pane and give its block focus (keyboard users continue there).
 * Returns the passage's ranges (to mark it), or null when the pane is not there (yet).
 */
function scrollToPassage(paneId: string, anchor: { blockId: string; blockStart: number; blockEnd: number }): Range[] | null {
  const root = docRootOf(paneId);
  const scroller = scrollerOf(paneId);
  if (!root || !scroller) return null;
  const ranges = passageRanges(blockLayout(root), { status: "anchored", ...anchor, start: 0, end: 0 });
  const block = document.getElementById(`${paneId}-${anchor.blockId}`);
  const rect = ranges[0]?.getBoundingClientRect() ?? block?.getBoundingClientRect();
  if (!rect) return null;
  const box = scroller.getBoundingClientRect();
  scroller.scrollTop += rect.top - box.top - box.height / 3;
  if (block) {
    if (!block.hasAttribute("tabindex")) block.setAttribute("tabindex", "-1");
    block.focus({ preventScroll: true });
  }
  return ranges;
}

/** How long a passage reached from its other end stays marked. */
const FLASH_MS = 4000;

/**
 * The link layer of the reader: the seminar's links (kept current through the live stream), their ends
 * painted in the panes, the "Link…" flow across panes, suggestions, going from one end to the other (opening
 * its document when it is not shown), and the alignment used by synchronized scrolling.
 */
export default function LinksProvider({
  panes: panesProp,
  documents,
  scrollers,
  alignerRef,
  openDocument: openDocumentProp,
  initialPeer,
  children,
}: {
  panes: LinkPane[];
  documents: Array<{ slug: string; title: string; lang: string }>;
  scrollers: MutableRefObject<Array<HTMLElement | null>>;
  /** Filled with the synchronized-scrolling aligner; the reader calls it when the user scrolls a pane. */
  alignerRef: MutableRefObject<((driver: number) => boolean) | null>;
  /** Show a document in a pane (a new one, or replacing one other than `keepPane`); false if impossible. */
  openDocument: (slug: string, keepPane: number) => boolean;
  /** The second passage of the reader address (b2/r2): shown and marked like the first. */
  initialPeer?: PassageTarget;
  children: ReactNode;
}) {
  // The reader hands over new arrays and callbacks on every render; keep them stable while nothing changed.
  const panesKey = panesProp.map((p) => `${p.paneId}:${p.slug}:${p.docLang}`).join("|");
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const panes = useMemo(() => panesProp, [panesKey]);
  const openRef = useRef(openDocumentProp);
  openRef.current = openDocumentProp;
  const openDocument = useCallback((slug: string, keepPane: number) => openRef.current(slug, keepPane), []);
  const t = useTranslations("Links");
  const tErrors = useTranslations("Errors");
  const notes = useNotes();
  const seminar = notes?.data?.seminar ?? null;
  const enabled = !!seminar;
  const [links, setLinks] = useState<LinkView[]>([]);
  const [linking, setLinking] = useState<DraftEnd | null>(null);
  const [composer, setComposer] = useState<{ from: DraftEnd; to: DraftEnd } | null>(null);
  const [suggestions, setSuggestions] = useState<SuggestionsState | null>(null);
  const [peer, setPeer] = useState<{ linkId: string; role: LinkEnd["role"] } | null>(null);
  const [paintTick, setPaintTick] = useState(0);
  // A windowed pane added or dropped a part of its text: paint its ends again.
  const [contentTick, setContentTick] = useState(0);
  useEffect(() => onPaneContent(() => setContentTick((n) => n + 1)), []);
  // The passage just reached from its other end: marked for a moment, whatever the pointer does meanwhile.
  const [flash, setFlash] = useState<Range[]>([]);
  const flashTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const flashRanges = useCallback((ranges: Range[] | null) => {
    if (!ranges) return false;
    clearTimeout(flashTimer.current);
    setFlash(ranges);
    flashTimer.current = setTimeout(() => setFlash([]), FLASH_MS);
    return true;
  }, []);
  const painted = useRef(new Map<string, Array<{ pe: PaneEnd; ranges: Range[] }>>());
  const pending = useRef<{ slug: string; anchor: { blockId: string; blockStart: number; blockEnd: number }; fromPane: number } | null>(null);
  const announce = useMemo(() => notes?.announce ?? (() => {}), [notes?.announce]);
  // A link just made is discussable at once (its thread lives in the notes' state; the live event confirms it).
  const acceptAnnotation = notes?.accept;

  const titleOf = useCallback(
    (slug: string) => {
      const d = documents.find((x) => x.slug === slug);
      return { title: d?.title ?? slug, lang: d?.lang ?? "" };
    },
    [documents],
  );

  // ---- the seminar's links, refreshed after every change anyone makes ----
  const refresh = useCallback(async () => {
    if (!seminar) return;
    const r = await linksApi.list(seminar.id);
    if (r.ok) setLinks(r.data.links);
  }, [seminar]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    if (!seminar || !notes?.data) return;
    const source = new EventSource(eventsUrl(seminar.id, notes.data.lastEventId));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onEvent = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void refresh(), 250);
    };
    for (const type of LIVE_TYPES) source.addEventListener(type, onEvent);
    return () => {
      clearTimeout(timer);
      for (const type of LIVE_TYPES) source.removeEventListener(type, onEvent);
      source.close();
    };
    // One stream per seminar and server render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [seminar?.id, notes?.data?.lastEventId, refresh]);

  // ---- painting the ends ----
  useEffect(() => {
    const all: Range[] = [];
    const next = new Map<string, Array<{ pe: PaneEnd; ranges: Range[] }>>();
    for (const pane of panes) {
      const root = docRootOf(pane.paneId);
      if (!root) continue;
      const layout = blockLayout(root);
      const list = endsIn(links, pane.slug).map((pe) => ({ pe, ranges: pe.end.anchor.status === "anchored" ? passageRanges(layout, pe.end.anchor) : [] }));
      for (const l of list) all.push(...l.ranges);
      next.set(pane.paneId, list);
    }
    painted.current = next;
    setHighlight(HIGHLIGHT_END, all, 0);
    setPaintTick((n) => n + 1);
  }, [links, panes, contentTick]);

  useEffect(() => {
    const ranges: Range[] = [...flash];
    if (peer) for (const list of painted.current.values()) for (const { pe, ranges: r } of list) if (pe.link.id === peer.linkId && pe.end.role === peer.role) ranges.push(...r);
    setHighlight(HIGHLIGHT_PEER, ranges, 6);
  }, [peer, paintTick, flash]);

  useEffect(
    () => () => {
      setHighlight(HIGHLIGHT_END, [], 0);
      setHighlight(HIGHLIGHT_PEER, [], 6);
    },
    [],
  );

  // ---- hovering a painted end highlights its other end ----
  useEffect(() => {
    let frame = 0;
    let last: string | null = null;
    const onMove = (e: MouseEvent) => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const scroller = (e.target as HTMLElement | null)?.closest?.("[data-pane-scroller]");
        const pane = scroller ? panes.find((p) => scrollerOf(p.paneId) === scroller) : undefined;
        const list = pane ? (painted.current.get(pane.paneId) ?? []) : [];
        const hit = list.length ? hitTest(e.clientX, e.clientY, list.map((l) => ({ key: l.pe, ranges: l.ranges }))) : null;
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
  }, [panes]);

  // ---- going to a passage, in its pane or a newly opened one ----
  const showPassage = useCallback(
    (slug: string, anchor: { blockId: string; blockStart: number; blockEnd: number }, fromPane: number) => {
      const candidates = panes.map((p, i) => ({ p, i })).filter(({ p }) => p.slug === slug);
      const target = candidates.find(({ i }) => i !== fromPane) ?? candidates[0];
      if (target) {
        // Behind tabs (a phone) the pane must show before its passage can be measured.
        showPane(target.p.paneId);
        // In a whole volume the passage may be in a part not loaded yet (components/reader/windowRegistry).
        if (!flashRanges(scrollToPassage(target.p.paneId, anchor))) void revealBlock(target.p.paneId, anchor.blockId).then((el) => el && flashRanges(scrollToPassage(target.p.paneId, anchor)));
        return;
      }
      pending.current = { slug, anchor, fromPane };
      if (!openDocument(slug, fromPane)) {
        pending.current = null;
        announce(t("tooManyPanes"));
      }
    },
    [panes, openDocument, announce, t, flashRanges],
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
      if (flashRanges(scrollToPassage(pane.paneId, p.anchor)) || ++tries > 20) pending.current = null;
      else if (isWindowedPane(pane.paneId)) {
        pending.current = null;
        void revealBlock(pane.paneId, p.anchor.blockId).then((el) => el && flashRanges(scrollToPassage(pane.paneId, p.anchor)));
      } else requestAnimationFrame(attempt);
    };
    requestAnimationFrame(attempt);
  }, [panes, flashRanges]);

  // The reader address's second passage (b2/r2): scroll its pane there and mark it.
  useEffect(() => {
    if (!initialPeer) return;
    const pane = panes[initialPeer.pane];
    const block = pane ? document.getElementById(`${pane.paneId}-${initialPeer.blockId}`) : null;
    if (!pane || !block) return;
    const end = initialPeer.end ?? blockText(block).length;
    requestAnimationFrame(() => flashRanges(scrollToPassage(pane.paneId, { blockId: initialPeer.blockId, blockStart: initialPeer.start ?? 0, blockEnd: end })));
    // Only for the address the reader was opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // ---- synchronized scrolling: linked passages line up ----
  useEffect(() => {
    alignerRef.current = (driver: number) => {
      const from = scrollers.current[driver];
      const fromPane = panes[driver];
      if (!from || !fromPane || links.length === 0) return false;
      const fromBox = from.getBoundingClientRect();
      const fromEnds = painted.current.get(fromPane.paneId) ?? [];
      let handled = false;
      panes.forEach((pane, j) => {
        const to = scrollers.current[j];
        if (j === driver || !to || pane.slug === fromPane.slug) return;
        const toBox = to.getBoundingClientRect();
        const toEnds = painted.current.get(pane.paneId) ?? [];
        const candidates: AlignmentCandidate[] = [];
        for (const f of fromEnds) {
          if (f.pe.other.slug !== pane.slug || !f.ranges[0]) continue;
          const match = toEnds.find((x) => x.pe.link.id === f.pe.link.id && x.pe.end.role === f.pe.other.role);
          if (!match?.ranges[0]) continue;
          candidates.push({ key: f.pe.link.id, driverOffset: f.ranges[0].getBoundingClientRect().top - fromBox.top, peerOffset: match.ranges[0].getBoundingClientRect().top - toBox.top });
        }
        const d = alignmentDelta(candidates, fromBox.height);
        if (d) {
          to.scrollTop += d.delta;
        } else {
          const max = from.scrollHeight - from.clientHeight;
          to.scrollTop = (max > 0 ? from.scrollTop / max : 0) * (to.scrollHeight - to.clientHeight);
        }
        handled = true;
      });
      return handled;
    };
    return () => {
      alignerRef.current = null;
    };
  }, [alignerRef, scrollers, panes, links, paintTick]);

  // ---- making links ----
  const draftEnd = useCallback(
    (paneIndex: number, passage: Passage): DraftEnd | null => {
      const pane = panes[paneIndex];
      if (!pane) return null;
      const block = document.getElementById(`${pane.paneId}-${passage.blockId}`);
      return { paneIndex, slug: pane.slug, passage, quote: block ? blockText(block).slice(passage.start, passage.end) : "", lang: pane.docLang };
    },
    [panes],
  );

  const endInput = useCallback(
    (d: DraftEnd): EndInput => ({
      documentSlug: d.slug,
      documentVersion: notes?.data?.documents.find((x) => x.slug === d.slug)?.version,
      blockId: d.passage.blockId,
      blockStart: d.passage.start,
      blockEnd: d.passage.end,
      exact: d.quote || undefined,
    }),
    [notes?.data],
  );

  const startLinking = useCallback(
    (paneIndex: number, passage: Passage) => {
      const d = draftEnd(paneIndex, passage);
      if (!d) return;
      setLinking(d);
      window.getSelection()?.removeAllRanges();
    },
    [draftEnd],
  );
  const cancelLinking = useCallback(() => setLinking(null), []);
  const finishLinking = useCallback(
    (paneIndex: number, passage: Passage) => {
      const to = draftEnd(paneIndex, passage);
      if (!linking || !to) return;
      setComposer({ from: linking, to });
    },
    [linking, draftEnd],
  );
  const closeComposer = useCallback(() => setComposer(null), []);

  const errorMessage = useCallback(
    (f: Failure) => (f.code === "network" ? tErrors("internal") : tErrors.has(f.code as never) ? tErrors(f.code as never) : tErrors("internal")),
    [tErrors],
  );

  const saveLink = useCallback(
    async (input: { relation: Relation; body?: string; tags?: string[]; visibility: NewLink["visibility"] }) => {
      if (!seminar || !composer) return null;
      const r = await linksApi.create(seminar.id, { ...input, target: endInput(composer.from), bodyTarget: endInput(composer.to) });
      if (!r.ok) return r;
      acceptAnnotation?.(r.data);
      setComposer(null);
      setLinking(null);
      window.getSelection()?.removeAllRanges();
      announce(t("saved"));
      await refresh();
      return null;
    },
    [seminar, composer, endInput, announce, t, refresh, acceptAnnotation],
  );

  // ---- suggestions ----
  const suggestFor = useCallback(
    (paneIndex: number, passage: Passage) => {
      const from = draftEnd(paneIndex, passage);
      if (!seminar || !from) return;
      setSuggestions({ from, status: "loading", answer: null });
      void linksApi.suggest(seminar.id, from.slug, passage.blockId, passage.start, passage.end).then((r) =>
        setSuggestions((s) => (s?.from !== from ? s : r.ok ? { from, status: "done", answer: r.data } : { from, status: "failed", answer: null, error: errorMessage(r) })),
      );
    },
    [seminar, draftEnd, errorMessage],
  );
  const closeSuggestions = useCallback(() => setSuggestions(null), []);

  const dropCandidate = (c: SuggestedPassage) =>
    setSuggestions((s) => (s?.answer ? { ...s, answer: { ...s.answer, candidates: s.answer.candidates.filter((x) => x !== c) } } : s));

  const acceptSuggestion = useCallback(
    async (c: SuggestedPassage, relation: Relation) => {
      if (!seminar || !suggestions) return null;
      const r = await linksApi.create(seminar.id, {
        relation,
        target: endInput(suggestions.from),
        bodyTarget: { documentSlug: c.document.slug, blockId: c.blockId, blockStart: c.blockStart, blockEnd: c.blockEnd, exact: c.selector[0].exact },
      });
      if (!r.ok) return r;
      acceptAnnotation?.(r.data);
      dropCandidate(c);
      announce(t("accepted"));
      await refresh();
      return null;
    },
    [seminar, suggestions, endInput, announce, t, refresh, acceptAnnotation],
  );

  const dismissSuggestion = useCallback(
    async (c: SuggestedPassage) => {
      if (!seminar || !suggestions?.answer) return null;
      const r = await linksApi.dismiss(seminar.id, { document: suggestions.answer.passage.document, blockId: suggestions.answer.passage.blockId }, { document: c.document.slug, blockId: c.blockId });
      if (!r.ok) return r;
      dropCandidate(c);
      announce(t("dismissed"));
      return null;
    },
    [seminar, suggestions, announce, t],
  );

  // Escape leaves linking mode (the composer, a dialog, handles its own Escape).
  useEffect(() => {
    if (!linking || composer) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setLinking(null);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [linking, composer]);

  const endRanges = useCallback(
    (paneId: string) => {
      void paintTick;
      return painted.current.get(paneId) ?? [];
    },
    [paintTick],
  );

  const value = useMemo<LinksContextValue>(
    () => ({
      enabled,
      links,
      canLink: (slug) => enabled && !!seminar?.documents.includes(slug),
      titleOf,
      linking,
      startLinking,
      cancelLinking,
      finishLinking,
      composer,
      closeComposer,
      saveLink,
      suggestions,
      suggestFor,
      closeSuggestions,
      acceptSuggestion,
      dismissSuggestion,
      goToEnd,
      showPassage,
      peer,
      setPeer,
      endRanges,
      paintTick,
      errorMessage,
      announce,
      panes,
      seminarId: seminar?.id ?? null,
      refreshLinks: refresh,
    }),
    [enabled, links, seminar, titleOf, linking, startLinking, cancelLinking, finishLinking, composer, closeComposer, saveLink, suggestions, suggestFor, closeSuggestions, acceptSuggestion, dismissSuggestion, goToEnd, showPassage, peer, endRanges, paintTick, errorMessage, announce, panes, refresh],
  );

  return <LinksContext.Provider value={value}>{children}</LinksContext.Provider>;
}
