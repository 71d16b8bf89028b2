"use client";

import { useCallback, useMemo } from "react";
import type { AnnotationDto } from "@/lib/annotations/types";
import { annotationsApi, type ApiFailure, type CreateRequest, type UpdateRequest } from "@/lib/annotations-ui/api";
import type { ReaderNotes } from "@/lib/annotations-ui/reader-notes";
import { remove, type NotesState } from "@/lib/annotations-ui/state";
import { blockText, type Passage } from "@/lib/reader/selection";
import { blockElement } from "@/components/reader/paneDom";
import type { NotesPane } from "./notesContext";

/** The notes' writes: each goes to the API and, when it succeeds, into the local state at once. */
export function useNoteActions({
  data,
  panes,
  current,
  commit,
  accept,
}: {
  data: ReaderNotes | null;
  panes: NotesPane[];
  current: () => NotesState;
  commit: (next: NotesState) => void;
  accept: (a: AnnotationDto) => void;
}) {
  const seminar = data?.seminar ?? null;

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
      const doc = data?.documents.find((d) => d.slug === pane?.slug);
      const block = pane ? blockElement(pane.paneId, passage.blockId) : null;
      return create(pane?.paneId ?? "", {
        motivation: "highlighting",
        visibility: "seminar",
        target: {
          documentSlug: pane?.slug ?? "",
          documentVersion: doc?.version,
          blockId: passage.blockId,
          blockStart: passage.blockStart,
          blockEnd: passage.blockEnd,
          exact: block ? blockText(block).slice(passage.blockStart, passage.blockEnd) : undefined,
        },
      });
    },
    [panes, data, create],
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
      if (r.ok) commit(remove(current(), a.id));
      return r;
    },
    [commit, current],
  );

  const hide = useCallback(
    async (a: AnnotationDto, hidden: boolean) => {
      const r = await annotationsApi.hide(a.id, hidden);
      if (r.ok) accept(r.data);
      return r;
    },
    [accept],
  );

  return useMemo(() => ({ create, highlight, update, remove: removeNote, hide }), [create, highlight, update, removeNote, hide]);
}
