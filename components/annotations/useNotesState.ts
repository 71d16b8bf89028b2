"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { AnnotationDto } from "@/lib/annotations/types";
import { annotationsApi, type ApiResult } from "@/lib/annotations-ui/api";
import type { ReaderNotes } from "@/lib/annotations-ui/reader-notes";
import { anchorInBatches, type AnchorLiveNotes } from "@/lib/annotations-ui/live-anchor-batches";
import { addPage, applyEvent, emptyState, setAnchors, upsert, type Change, type NotesState } from "@/lib/annotations-ui/state";
import { useSeminarEvents } from "@/components/live/SeminarEvents";

/**
 * The reader's notes (lib/annotations-ui/state): handed over by the page, kept current by the seminar's
 * live events, changed at once by the member's own saves; notes made on another version of a document are
 * anchored by the server (the page's action `anchorLiveNotes`); further pages of notes come on request.
 * `current()` is the latest state for callbacks that run after a render.
 */
export function useNotesState(data: ReaderNotes | null, anchorLiveNotes: AnchorLiveNotes) {
  const [state, setState] = useState<NotesState>(() => data?.state ?? emptyState());
  const latest = useRef(state);
  const documents = useMemo(() => data?.documents ?? [], [data]);

  const commit = useCallback((next: NotesState) => {
    latest.current = next;
    setState(next);
  }, []);
  const current = useCallback(() => latest.current, []);

  // A new server render (another layout, seminar or reload) brings fresh notes.
  const dataKey = data ? `${data.seminar?.id}|${documents.map((d) => `${d.slug}@${d.version}`).join(",")}|${data.lastEventId}` : "";
  const lastKey = useRef(dataKey);
  // Where the next page of notes starts (null: all loaded).
  const [moreNotes, setMoreNotes] = useState<string | null>(data?.moreNotes ?? null);
  useEffect(() => {
    if (lastKey.current === dataKey) return;
    lastKey.current = dataKey;
    commit(data?.state ?? emptyState());
    setMoreNotes(data?.moreNotes ?? null);
  }, [dataKey, data, commit]);

  const loadMoreNotes = useCallback(async (): Promise<ApiResult<unknown>> => {
    const seminar = data?.seminar;
    if (!seminar || !moreNotes) return { ok: true, data: null };
    const r = await annotationsApi.more(
      seminar.id,
      documents.map((d) => d.slug).filter((slug) => seminar.documents.includes(slug)),
      moreNotes,
    );
    if (r.ok) {
      commit(addPage(latest.current, r.data.state));
      setMoreNotes(r.data.moreNotes);
    }
    return r;
  }, [data, documents, moreNotes, commit]);

  const anchorPending = useCallback(
    (toAnchor: Change["toAnchor"]) => {
      const bySlug = new Map<string, AnnotationDto[]>();
      for (const { slug, annotation } of toAnchor) bySlug.set(slug, [...(bySlug.get(slug) ?? []), annotation]);
      for (const [slug, notes] of bySlug) void anchorInBatches(anchorLiveNotes, slug, notes, (found) => commit(setAnchors(latest.current, slug, found)));
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

  useSeminarEvents((event) => apply(applyEvent(latest.current, event, documents)));

  const accept = useCallback((a: AnnotationDto) => apply(upsert(latest.current, a, documents)), [apply, documents]);

  return { state, current, commit, accept, documents, moreNotes: !!moreNotes, loadMoreNotes };
}
