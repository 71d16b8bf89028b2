"use client";

import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import type { ApiFailure } from "@/lib/annotations-ui/api";
import type { ReaderNotes } from "@/lib/annotations-ui/reader-notes";
import { threadsFor } from "@/lib/annotations-ui/state";
import type { AnchorLiveNotes } from "@/lib/annotations-ui/live-anchor-batches";
import { tagHighlight } from "@/lib/reader/highlights";
import { readableWash } from "@/lib/annotations-ui/paint";
import { NotesContext, type NotesContextValue, type NotesPane, type PaneUi, type PaneView } from "./notesContext";
import { useNoteActions } from "./useNoteActions";
import { useNotePainting } from "./useNotePainting";
import { useNotesState } from "./useNotesState";
import { usePostFirst } from "./usePostFirst";
import { useThreadNavigation } from "./useThreadNavigation";
import { useNoteLink } from "./useNoteLink";
import { contributeToHandoff, takeHandoffPart } from "@/components/reader/scrollMemory";

export { useNotes } from "./notesContext";
export type { NotesContextValue, NotesPane, PaneView } from "./notesContext";
export type { AnchorLiveNotes } from "@/lib/annotations-ui/live-anchor-batches";

/** The reader's text and page colours (app/globals.css --fg, --panel), which tag washes must keep readable. */
const TEXT_COLOUR = "#1d1d1f";
const PAGE_COLOUR = "#ffffff";

const CLOSED: PaneUi = { open: false, view: { kind: "list" } };

/**
 * The notes layer of the reader: loads nothing itself (the page hands over the anchored notes), keeps
 * them current through the seminar's event stream, paints their passages, and offers the actions the
 * toolbar, the notes panels and the threads use. A composition of named hooks, one job each.
 */
export default function NotesProvider({
  data,
  pending,
  signInHref,
  panes,
  anchorLiveNotes,
  children,
}: {
  data: ReaderNotes | null;
  /** Signed in, the notes still on their way (components/annotations/MemberNotes). */
  pending: boolean;
  signInHref: string;
  panes: NotesPane[];
  anchorLiveNotes: AnchorLiveNotes;
  children: ReactNode;
}) {
  const tErrors = useTranslations("Errors");
  const t = useTranslations("Annotations");
  const seminar = data?.seminar ?? null;
  const { state, current, commit, accept, moreNotes, loadMoreNotes } = useNotesState(data, anchorLiveNotes);

  // ---- each pane's notes panel: open or closed, and what it shows ----
  const [uis, setUis] = useState<Record<string, PaneUi>>({});
  const ui = useCallback((paneId: string): PaneUi => uis[paneId] ?? CLOSED, [uis]);
  // Across a change of interface language the open panels stay open, on what they showed (components/reader/scrollMemory).
  const latestUis = useRef(uis);
  useEffect(() => {
    latestUis.current = uis;
  }, [uis]);
  useEffect(() => contributeToHandoff("notes", () => latestUis.current), []);
  useEffect(() => {
    const handed = takeHandoffPart<Record<string, PaneUi>>("notes");
    if (!handed) return;
    const calm = Object.fromEntries(
      Object.entries(handed).map(([paneId, u]) => [paneId, { open: u.open, view: "focus" in u.view ? { ...u.view, focus: false } : u.view }]),
    );
    // eslint-disable-next-line react-hooks/set-state-in-effect -- restoring what the previous page had open, once after mount (the server renders them closed)
    setUis(calm);
  }, []);
  const setOpen = useCallback((paneId: string, open: boolean) => setUis((u) => ({ ...u, [paneId]: { view: u[paneId]?.view ?? { kind: "list" }, open } })), []);
  const show = useCallback((paneId: string, view: PaneView) => setUis((u) => ({ ...u, [paneId]: { open: true, view } })), []);

  const { painted, current: currentPainted } = useNotePainting({ state, panes, data, uis, show });
  const { goToThread, startNote } = useThreadNavigation({ panes, current, painted: currentPainted, show });
  useNoteLink({ state, panes, goToThread });
  const actions = useNoteActions({ data, panes, current, commit, accept });

  // ---- words for screen readers ----
  const [announcement, setAnnouncement] = useState("");
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

  const postFirst = usePostFirst({ data, state, current, commit, announce });

  const annotatedBlocks = useCallback(
    (paneId: string) => {
      const byBlock = new Map<string, string[]>();
      for (const { key, ranges } of painted.get(paneId) ?? []) {
        const block = ranges[0]?.startContainer.parentElement?.closest("[data-block-id]")?.getAttribute("data-block-id");
        if (!block) continue;
        byBlock.set(block, [...(byBlock.get(block) ?? []), key]);
      }
      return [...byBlock].map(([blockId, ids]) => ({ blockId, ids }));
    },
    [painted],
  );

  const value = useMemo<NotesContextValue>(
    () => ({
      data,
      pending,
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
      ...actions,
      moreNotes,
      loadMoreNotes,
      anchorLiveNotes,
      accept,
      announce,
      errorMessage,
      annotatedBlocks,
      postFirst,
    }),
    [
      data,
      pending,
      signInHref,
      panes,
      state,
      seminar,
      ui,
      setOpen,
      show,
      goToThread,
      startNote,
      actions,
      moreNotes,
      loadMoreNotes,
      anchorLiveNotes,
      accept,
      announce,
      errorMessage,
      annotatedBlocks,
      postFirst,
    ],
  );

  // A tag's wash never darkens the passage below AA contrast for its text, and never looks like a selection:
  // the reader's own selection is solid (components/reader/reader.css), not a pale wash.
  const css = (seminar?.tags ?? [])
    .map((tag, i) => `::highlight(${tagHighlight(i)}){background-color:${readableWash(tag.color, TEXT_COLOUR, PAGE_COLOUR, 0.26)}}`)
    .join("\n");

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
