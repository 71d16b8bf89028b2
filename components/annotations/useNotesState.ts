"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { AnnotationDto } from "@/lib/annotations/types";
import type { ReaderNotes } from "@/lib/annotations-ui/load";
import { applyEvent, emptyState, setAnchors, upsert, type Change, type NotesState, type PassageAnchor } from "@/lib/annotations-ui/state";
import { useSeminarEvents } from "@/components/live/SeminarEvents";
import { anchorLiveNotes } from "./anchorAction";

/**
 * The reader's notes (lib/annotations-ui/state): handed over by the page, kept current by the seminar's
 * live events, changed at once by the member's own saves; notes made on another version of a document are
 * anchored by the server. `current()` is the latest state for callbacks that run after a render.
 */
export function useNotesState(data: ReaderNotes | null) {
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
  useEffect(() => {
    if (lastKey.current === dataKey) return;
    lastKey.current = dataKey;
    commit(data?.state ?? emptyState());
  }, [dataKey, data, commit]);

  const anchorPending = useCallback(
    (toAnchor: Change["toAnchor"]) => {
      const bySlug = new Map<string, AnnotationDto[]>();
      for (const { slug, annotation } of toAnchor) bySlug.set(slug, [...(bySlug.get(slug) ?? []), annotation]);
      for (const [slug, notes] of bySlug) {
        anchorLiveNotes(slug, notes.map((n) => ({ id: n.id, targets: n.targets })))
          .then((found) => commit(setAnchors(latest.current, slug, found)))
          .catch(() => commit(setAnchors(latest.current, slug, Object.fromEntries(notes.map((n) => [n.id, { status: "orphan" } as PassageAnchor])))));
      }
    },
    [commit],
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

  return { state, current, commit, accept, documents };
}
