"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import type { AnnotationDto } from "@/lib/annotations/types";
import { annotationsApi, eventsUrl, type ApiFailure, type ApiResult, type CreateRequest, type UpdateRequest } from "@/lib/annotations-ui/api";
import type { ReaderNotes } from "@/lib/annotations-ui/load";
import {
  HIGHLIGHT_ACTIVE,
  HIGHLIGHT_DEFAULT,
  HIGHLIGHT_MINE,
  blockLayout,
  hitTest,
  paintHighlights,
  passageRanges,
  tagHighlight,
  wash,
} from "@/lib/annotations-ui/paint";
import { addPage, applyEvent, colourTag, emptyState, remove, setAnchors, threadsFor, upsert, type Change, type LiveEvent, type NotesState, type PassageAnchor, type Thread } from "@/lib/annotations-ui/state";
import { blockText, type Passage } from "@/lib/reader/selection";
import { onPaneContent, revealBlock } from "@/components/reader/windowRegistry";
import type { LiveAnchorResult, LiveNotes } from "@/lib/annotations-ui/live-anchor";
import { MAX_NOTES } from "@/lib/annotations-ui/live-anchor-limits";

/** One pane as the notes see it: its DOM id prefix and the document it shows. */
export interface NotesPane {
  paneId: string;
  slug: string;
}

export type PaneView =
  | { kind: "list" }
  | { kind: "thread"; id: string; focus?: boolean }
  /** A link's discussion (components/links/LinkThread), opened from its marker in this pane. */
  | { kind: "link"; id: string; focus?: boolean }
  | { kind: "compose"; passage: Passage; quote: string };

interface PaneUi {
  open: boolean;
  view: PaneView;
}

export interface NotesContextValue {
  /** Signed in, in a seminar: notes can be read and written. */
  data: ReaderNotes | null;
  signInHref: string;
  panes: NotesPane[];
  state: NotesState;
  /** Whether the seminar includes this document. */
  inSeminar: (slug: string) => boolean;
  threads: (slug: string) => { placed: Thread[]; orphans: Thread[] };
  ui: (paneId: string) => PaneUi;
  setOpen: (paneId: string, open: boolean) => void;
  show: (paneId: string, view: PaneView) => void;
  /** Scroll a pane to a thread's passage, mark it, focus it, and open the thread. */
  goToThread: (paneId: string, id: string, focusPassage?: boolean) => void;
  startNote: (paneIndex: number, passage: Passage) => void;
  highlight: (paneIndex: number, passage: Passage) => Promise<ApiResult<AnnotationDto>>;
  create: (paneId: string, input: CreateRequest) => Promise<ApiResult<AnnotationDto>>;
  update: (id: string, input: UpdateRequest) => Promise<ApiResult<AnnotationDto>>;
  remove: (a: AnnotationDto) => Promise<ApiResult<void>>;
  /** Whether the seminar has notes beyond those loaded (the reader loads them a page at a time). */
  moreNotes: boolean;
  /** Load the next page of notes for the open texts. */
  loadMoreNotes: () => Promise<ApiResult<unknown>>;
  hide: (a: AnnotationDto, hidden: boolean) => Promise<ApiResult<AnnotationDto>>;
  /** Put an API answer into the local state at once (the live stream confirms it later). */
  accept: (a: AnnotationDto) => void;
  announce: (message: string) => void;
  errorMessage: (f: ApiFailure) => string;
  /** Blocks (per pane) that carry notes, with the ids of their threads, for the margin markers. */
  annotatedBlocks: (paneId: string) => Array<{ blockId: string; ids: string[] }>;
}

const NotesContext = createContext<NotesContextValue | null>(null);

/** The notes of the reader; null outside a NotesProvider (the reader without annotations). */
export function useNotes(): NotesContextValue | null {
  return useContext(NotesContext);
}

const LIVE_TYPES = ["annotation.created", "annotation.updated", "annotation.deleted", "annotation.hidden", "annotation.unhidden", "annotation.removed"] as const;

const docRootOf = (paneId: string) => document.querySelector<HTMLElement>(`#${CSS.escape(paneId)}-panel [data-doc-root]`);
const scrollerOf = (paneId: string) => document.querySelector<HTMLElement>(`#${CSS.escape(paneId)}-panel [data-pane-scroller]`);

/**
 * The notes layer of the reader: loads nothing itself (the page hands over the anchored notes), keeps
 * them current through the seminar's event stream, paints their passages, and offers the actions the
 * toolbar, the notes panels and the threads use.
 */
/** The reader page's server action that anchors live notes made on another version (app/[locale]/read/actions). */
export type AnchorLiveNotes = (slug: string, notes: LiveNotes) => Promise<LiveAnchorResult>;

export default function NotesProvider({
  data,
  signInHref,
  panes,
  anchorLiveNotes,
  children,
}: {
  data: ReaderNotes | null;
  signInHref: string;
  panes: NotesPane[];
  anchorLiveNotes: AnchorLiveNotes;
  children: ReactNode;
}) {
  const tErrors = useTranslations("Errors");
  const t = useTranslations("Annotations");
  const [state, setState] = useState<NotesState>(() => data?.state ?? emptyState());
  const stateRef = useRef(state);
  const [uis, setUis] = useState<Record<string, PaneUi>>({});
  const [announcement, setAnnouncement] = useState("");
  const painted = useRef(new Map<string, Array<{ key: string; ranges: Range[] }>>());
  const [paintTick, setPaintTick] = useState(0);
  // A windowed pane added or dropped a part of its text: paint again (components/reader/windowRegistry).
  const [contentTick, setContentTick] = useState(0);
  useEffect(() => onPaneContent(() => setContentTick((n) => n + 1)), []);
  const seminar = data?.seminar ?? null;
  const documents = useMemo(() => data?.documents ?? [], [data]);

  const commit = useCallback((next: NotesState) => {
    stateRef.current = next;
    setState(next);
  }, []);

  // A new server render (another layout, seminar or reload) brings fresh notes.
  const dataKey = data ? `${seminar?.id}|${documents.map((d) => `${d.slug}@${d.version}`).join(",")}|${data.lastEventId}` : "";
  const lastKey = useRef(dataKey);
  const [moreNotes, setMoreNotes] = useState<string | null>(data?.moreNotes ?? null);
  useEffect(() => {
    if (lastKey.current === dataKey) return;
    lastKey.current = dataKey;
    commit(data?.state ?? emptyState());
    setMoreNotes(data?.moreNotes ?? null);
  }, [dataKey, data, commit]);

  const loadMoreNotes = useCallback(async (): Promise<ApiResult<unknown>> => {
    if (!seminar || !moreNotes) return { ok: true, data: null };
    const r = await annotationsApi.more(seminar.id, documents.map((d) => d.slug).filter((slug) => seminar.documents.includes(slug)), moreNotes);
    if (r.ok) {
      commit(addPage(stateRef.current, r.data.state));
      setMoreNotes(r.data.moreNotes);
    }
    return r;
  }, [seminar, documents, moreNotes, commit]);

  const anchorPending = useCallback(
    (toAnchor: Change["toAnchor"]) => {
      const bySlug = new Map<string, AnnotationDto[]>();
      for (const { slug, annotation } of toAnchor) bySlug.set(slug, [...(bySlug.get(slug) ?? []), annotation]);
      for (const [slug, all] of bySlug) {
        // The server anchors at most MAX_NOTES notes per call; anything it refuses is shown as an orphan.
        for (let i = 0; i < all.length; i += MAX_NOTES) {
          const notes = all.slice(i, i + MAX_NOTES);
          const orphans = () => Object.fromEntries(notes.map((n) => [n.id, { status: "orphan" } as PassageAnchor]));
          anchorLiveNotes(slug, notes.map((n) => ({ id: n.id, targets: n.targets })))
            .then((found) => commit(setAnchors(stateRef.current, slug, found.ok ? found.anchors : orphans())))
            .catch(() => commit(setAnchors(stateRef.current, slug, orphans())));
        }
      }
    },
    [commit, anchorLiveNotes],
  );

  const apply = useCallback(
    (change: Change) => {
      commit(change.state);
      if (change.toAnchor.length) anchorPending(change.toAnchor);
    },
    [commit, anchorPending],
  );

  // ---- live: the seminar's event stream (EventSource resends Last-Event-ID itself on reconnect) ----
  useEffect(() => {
    if (!seminar || !data) return;
    const source = new EventSource(eventsUrl(seminar.id, data.lastEventId));
    const listeners = LIVE_TYPES.map((type) => {
      const listener = (e: MessageEvent<string>) => {
        let payload: unknown;
        try {
          payload = JSON.parse(e.data);
        } catch {
          return;
        }
        apply(applyEvent(stateRef.current, { type, data: payload } as LiveEvent, documents));
      };
      source.addEventListener(type, listener as EventListener);
      return [type, listener] as const;
    });
    return () => {
      for (const [type, listener] of listeners) source.removeEventListener(type, listener as EventListener);
      source.close();
    };
    // Reconnect only for another seminar or a fresh server render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [seminar?.id, dataKey]);

  const ui = useCallback((paneId: string): PaneUi => uis[paneId] ?? { open: false, view: { kind: "list" } }, [uis]);
  const setOpen = useCallback((paneId: string, open: boolean) => setUis((u) => ({ ...u, [paneId]: { view: u[paneId]?.view ?? { kind: "list" }, open } })), []);
  const show = useCallback((paneId: string, view: PaneView) => setUis((u) => ({ ...u, [paneId]: { open: true, view } })), []);

  // ---- painting ----
  const activeByPane = useMemo(() => {
    const m = new Map<string, string>();
    for (const [paneId, u] of Object.entries(uis)) {
      if (u.open && u.view.kind === "thread") m.set(paneId, u.view.id);
      if (u.open && u.view.kind === "compose") m.set(paneId, "draft");
    }
    return m;
  }, [uis]);

  useEffect(() => {
    const vocabulary = seminar?.tags ?? [];
    const groups = new Map<string, { ranges: Range[]; priority: number }>();
    const add = (name: string, priority: number, ranges: Range[]) => {
      const g = groups.get(name) ?? { ranges: [], priority };
      g.ranges.push(...ranges);
      groups.set(name, g);
    };
    painted.current = new Map();
    for (const pane of panes) {
      const root = docRootOf(pane.paneId);
      if (!root) continue;
      const layout = blockLayout(root);
      const list: Array<{ key: string; ranges: Range[] }> = [];
      for (const thread of threadsFor(state, pane.slug).placed) {
        const ranges = passageRanges(layout, thread.anchor);
        if (ranges.length === 0) continue;
        list.push({ key: thread.root.id, ranges });
        const tag = colourTag(thread.root.tags, vocabulary);
        add(tag >= 0 ? tagHighlight(tag) : HIGHLIGHT_DEFAULT, 1, ranges);
        if (thread.root.author.id === data?.user.id) add(HIGHLIGHT_MINE, 2, ranges);
        if (activeByPane.get(pane.paneId) === thread.root.id) add(HIGHLIGHT_ACTIVE, 3, ranges);
      }
      const u = uis[pane.paneId];
      if (u?.open && u.view.kind === "compose") {
        const { blockId, start, end } = u.view.passage;
        add(HIGHLIGHT_ACTIVE, 3, passageRanges(layout, { status: "anchored", blockId, blockStart: start, blockEnd: end, start: 0, end: 0 }));
      }
      painted.current.set(pane.paneId, list);
    }
    paintHighlights(groups);
    setPaintTick((n) => n + 1);
  }, [state, panes, seminar, data, activeByPane, uis, contentTick]);

  // Leaving the reader (or the notes) removes the painting.
  useEffect(() => () => paintHighlights(new Map()), []);

  // ---- clicking a painted passage opens its thread ----
  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      const target = e.target as HTMLElement | null;
      const scroller = target?.closest<HTMLElement>("[data-pane-scroller]");
      if (!scroller || target?.closest("button, a, input, select, textarea, summary, [contenteditable]")) return;
      const sel = window.getSelection();
      if (sel && !sel.isCollapsed) return;
      const pane = panes.find((p) => scrollerOf(p.paneId) === scroller);
      if (!pane) return;
      const hit = hitTest(e.clientX, e.clientY, painted.current.get(pane.paneId) ?? []);
      if (hit) show(pane.paneId, { kind: "thread", id: hit });
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, [panes, show]);

  /** Put a painted passage a third of the way down its pane, and (from the list) give its block focus. */
  const scrollToRanges = useCallback(
    (paneId: string, ranges: Range[], focusPassage: boolean) => {
      const scroller = scrollerOf(paneId);
      const first = ranges[0];
      if (!first || !scroller) return;
      const rect = first.getBoundingClientRect();
      const box = scroller.getBoundingClientRect();
      scroller.scrollTop += rect.top - box.top - box.height / 3;
      if (!focusPassage) return;
      const block = (first.startContainer.parentElement ?? null)?.closest<HTMLElement>("[data-block-id]");
      if (block) {
        if (!block.hasAttribute("tabindex")) block.setAttribute("tabindex", "-1");
        block.focus({ preventScroll: true });
        // From the passage, the next Tab continues in its thread (not through the rest of the text).
        const toThread = (e: KeyboardEvent) => {
          if (e.key !== "Tab" || e.shiftKey || e.target !== block) return;
          const heading = document.getElementById(`${paneId}-thread-title`);
          if (!heading) return;
          e.preventDefault();
          heading.focus();
        };
        block.addEventListener("keydown", toThread);
        block.addEventListener("blur", () => block.removeEventListener("keydown", toThread), { once: true });
      }
    },
    [],
  );

  const goToThread = useCallback(
    (paneId: string, id: string, focusPassage = true) => {
      // Keyboard users who came from a margin marker continue in the thread; from the list, at the passage.
      show(paneId, { kind: "thread", id, focus: !focusPassage });
      const ranges = painted.current.get(paneId)?.find((p) => p.key === id)?.ranges;
      if (!ranges?.[0]) {
        // A whole volume: the passage may be in a part of the text not loaded yet (components/reader/windowRegistry).
        const slug = panes.find((p) => p.paneId === paneId)?.slug;
        const anchor = slug ? stateRef.current.anchors[slug]?.[id] : undefined;
        if (anchor?.status !== "anchored") return;
        void revealBlock(paneId, anchor.blockId).then((block) => {
          const root = docRootOf(paneId);
          if (block && root) scrollToRanges(paneId, passageRanges(blockLayout(root), anchor), focusPassage);
        });
        return;
      }
      scrollToRanges(paneId, ranges, focusPassage);
    },
    [show, panes, scrollToRanges],
  );

  const startNote = useCallback(
    (paneIndex: number, passage: Passage) => {
      const pane = panes[paneIndex];
      if (!pane) return;
      const block = document.getElementById(`${pane.paneId}-${passage.blockId}`);
      const quote = block ? blockText(block).slice(passage.start, passage.end) : "";
      show(pane.paneId, { kind: "compose", passage, quote });
    },
    [panes, show],
  );

  const accept = useCallback((a: AnnotationDto) => apply(upsert(stateRef.current, a, documents)), [apply, documents]);

  const create = useCallback(
    async (_paneId: string, input: CreateRequest) => {
      if (!seminar) return { ok: false, status: 0, code: "unauthenticated", details: {} } as ApiFailure;
      const r = await annotationsApi.create(seminar.id, input);
      if (r.ok) accept(r.data);
      return r;
    },
    [seminar, accept],
  );

  const highlight = useCallback(
    async (paneIndex: number, passage: Passage) => {
      const pane = panes[paneIndex];
      const doc = documents.find((d) => d.slug === pane?.slug);
      const block = pane ? document.getElementById(`${pane.paneId}-${passage.blockId}`) : null;
      const r = await create(pane?.paneId ?? "", {
        motivation: "highlighting",
        visibility: "seminar",
        target: {
          documentSlug: pane?.slug ?? "",
          documentVersion: doc?.version,
          blockId: passage.blockId,
          blockStart: passage.start,
          blockEnd: passage.end,
          exact: block ? blockText(block).slice(passage.start, passage.end) : undefined,
        },
      });
      return r;
    },
    [panes, documents, create],
  );

  const update = useCallback(
    async (id: string, input: UpdateRequest) => {
      const r = await annotationsApi.update(id, input);
      if (r.ok) accept(r.data);
      return r;
    },
    [accept],
  );

  const removeNote = useCallback(
    async (a: AnnotationDto) => {
      const r = await annotationsApi.remove(a.id, a.revision);
      if (r.ok) commit(remove(stateRef.current, a.id));
      return r;
    },
    [commit],
  );

  const hide = useCallback(
    async (a: AnnotationDto, hidden: boolean) => {
      const r = await annotationsApi.hide(a.id, hidden);
      if (r.ok) accept(r.data);
      return r;
    },
    [accept],
  );

  const announce = useCallback((message: string) => {
    // Clear first so the same message twice is announced twice.
    setAnnouncement("");
    requestAnimationFrame(() => setAnnouncement(message));
  }, []);

  const errorMessage = useCallback(
    (f: ApiFailure) => {
      if (f.code === "network") return t("networkError");
      return tErrors.has(f.code as never) ? tErrors(f.code as never) : tErrors("internal");
    },
    [t, tErrors],
  );

  const annotatedBlocks = useCallback(
    (paneId: string) => {
      void paintTick;
      const byBlock = new Map<string, string[]>();
      for (const { key, ranges } of painted.current.get(paneId) ?? []) {
        const block = ranges[0]?.startContainer.parentElement?.closest("[data-block-id]")?.getAttribute("data-block-id");
        if (!block) continue;
        byBlock.set(block, [...(byBlock.get(block) ?? []), key]);
      }
      return [...byBlock].map(([blockId, ids]) => ({ blockId, ids }));
    },
    [paintTick],
  );

  const value = useMemo<NotesContextValue>(
    () => ({
      data,
      signInHref,
      panes,
      state,
      inSeminar: (slug) => !!seminar?.documents.includes(slug),
      threads: (slug) => threadsFor(state, slug),
      ui,
      setOpen,
      show,
      goToThread,
      startNote,
      highlight,
      create,
      update,
      remove: removeNote,
      moreNotes: !!moreNotes,
      loadMoreNotes,
      hide,
      accept,
      announce,
      errorMessage,
      annotatedBlocks,
    }),
    [data, signInHref, panes, state, seminar, ui, setOpen, show, goToThread, startNote, highlight, create, update, removeNote, moreNotes, loadMoreNotes, hide, accept, announce, errorMessage, annotatedBlocks],
  );

  const css = (seminar?.tags ?? []).map((tag, i) => `::highlight(${tagHighlight(i)}){background-color:${wash(tag.color, 0.26)}}`).join("\n");

  return (
    <NotesContext.Provider value={value}>
      {css ? <style>{css}</style> : null}
      {children}
      <div className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
    </NotesContext.Provider>
  );
}
