"use client";

import { useCallback, useEffect, useMemo, useReducer } from "react";
import { useTranslations } from "next-intl";
import type { AnnotationDto, Relation } from "@/lib/annotations/types";
import type { ReaderNotes } from "@/lib/annotations-ui/reader-notes";
import { linksApi, type EndInput, type Failure, type NewLink } from "@/lib/links/client";
import { initialMaking, making, type DraftEnd } from "@/lib/links/making";
import type { SuggestedPassage } from "@/lib/links/suggest-service";
import { blockText, type Passage } from "@/lib/reader/selection";
import { blockElement } from "@/components/reader/paneDom";
import type { LinkPane } from "./linksContext";

/**
 * Making links (lib/links/making runs the state): "Link…" on a first passage, the second passage, the
 * composer, saving; and the suggestions for a passage, accepted or dismissed one by one. A saved link is
 * handed to `accepted` (the notes' and the links' state) at once.
 */
export function useLinkMaking({
  data,
  panes,
  accepted,
  announce,
  errorMessage,
}: {
  data: ReaderNotes | null;
  panes: LinkPane[];
  accepted: (a: AnnotationDto) => void;
  announce: (message: string) => void;
  errorMessage: (f: Failure) => string;
}) {
  const t = useTranslations("Links");
  const seminar = data?.seminar ?? null;
  const [state, dispatch] = useReducer(making, initialMaking);
  const { linking, composer, suggestions } = state;

  const draftEnd = useCallback(
    (paneIndex: number, passage: Passage): DraftEnd | null => {
      const pane = panes[paneIndex];
      if (!pane) return null;
      const block = blockElement(pane.paneId, passage.blockId);
      return { paneIndex, slug: pane.slug, passage, quote: block ? blockText(block).slice(passage.blockStart, passage.blockEnd) : "", lang: pane.docLang };
    },
    [panes],
  );

  const endInput = useCallback(
    (d: DraftEnd): EndInput => ({
      documentSlug: d.slug,
      documentVersion: data?.documents.find((x) => x.slug === d.slug)?.version,
      blockId: d.passage.blockId,
      blockStart: d.passage.blockStart,
      blockEnd: d.passage.blockEnd,
      exact: d.quote || undefined,
    }),
    [data],
  );

  const startLinking = useCallback(
    (paneIndex: number, passage: Passage) => {
      const from = draftEnd(paneIndex, passage);
      if (!from) return;
      dispatch({ type: "start", from });
      window.getSelection()?.removeAllRanges();
    },
    [draftEnd],
  );
  const cancelLinking = useCallback(() => dispatch({ type: "cancel" }), []);
  const finishLinking = useCallback(
    (paneIndex: number, passage: Passage) => {
      const to = draftEnd(paneIndex, passage);
      if (to) dispatch({ type: "finish", to });
    },
    [draftEnd],
  );
  const closeComposer = useCallback(() => dispatch({ type: "closeComposer" }), []);

  const saveLink = useCallback(
    async (input: { relation: Relation; body?: string; tags?: string[]; visibility: NewLink["visibility"] }) => {
      if (!seminar || !composer) return null;
      const r = await linksApi.create(seminar.id, { ...input, target: endInput(composer.from), bodyTarget: endInput(composer.to) });
      if (!r.ok) return r;
      accepted(r.data);
      dispatch({ type: "saved" });
      window.getSelection()?.removeAllRanges();
      announce(t("saved"));
      return null;
    },
    [seminar, composer, endInput, announce, t, accepted],
  );

  const suggestFor = useCallback(
    (paneIndex: number, passage: Passage) => {
      const from = draftEnd(paneIndex, passage);
      if (!seminar || !from) return;
      dispatch({ type: "suggest", from });
      void linksApi
        .suggest(seminar.id, from.slug, passage.blockId, passage.blockStart, passage.blockEnd)
        .then((r) => dispatch(r.ok ? { type: "suggested", from, answer: r.data } : { type: "suggestFailed", from, error: errorMessage(r) }));
    },
    [seminar, draftEnd, errorMessage],
  );
  const closeSuggestions = useCallback(() => dispatch({ type: "closeSuggestions" }), []);

  const acceptSuggestion = useCallback(
    async (c: SuggestedPassage, relation: Relation) => {
      if (!seminar || !suggestions) return null;
      const r = await linksApi.create(seminar.id, {
        relation,
        target: endInput(suggestions.from),
        bodyTarget: { documentSlug: c.document.slug, blockId: c.blockId, blockStart: c.blockStart, blockEnd: c.blockEnd, exact: c.selector[0].exact },
      });
      if (!r.ok) return r;
      accepted(r.data);
      dispatch({ type: "dropCandidate", candidate: c });
      announce(t("accepted"));
      return null;
    },
    [seminar, suggestions, endInput, announce, t, accepted],
  );

  const dismissSuggestion = useCallback(
    async (c: SuggestedPassage) => {
      if (!seminar || !suggestions?.answer) return null;
      const r = await linksApi.dismiss(
        seminar.id,
        { document: suggestions.answer.passage.document, blockId: suggestions.answer.passage.blockId },
        { document: c.document.slug, blockId: c.blockId },
      );
      if (!r.ok) return r;
      dispatch({ type: "dropCandidate", candidate: c });
      announce(t("dismissed"));
      return null;
    },
    [seminar, suggestions, announce, t],
  );

  // Escape leaves linking mode (the composer, a dialog, handles its own Escape).
  useEffect(() => {
    if (!linking || composer) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") dispatch({ type: "cancel" });
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [linking, composer]);

  return useMemo(
    () => ({
      linking,
      composer,
      suggestions,
      startLinking,
      cancelLinking,
      finishLinking,
      closeComposer,
      saveLink,
      suggestFor,
      closeSuggestions,
      acceptSuggestion,
      dismissSuggestion,
    }),
    [
      linking,
      composer,
      suggestions,
      startLinking,
      cancelLinking,
      finishLinking,
      closeComposer,
      saveLink,
      suggestFor,
      closeSuggestions,
      acceptSuggestion,
      dismissSuggestion,
    ],
  );
}
