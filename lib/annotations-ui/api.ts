/**
 * The annotation API as the reader calls it (routes in app/api/). Every failure comes back as the
 * server's error code (a key of the "Errors" messages) plus its details — e.g. the current version of a
 * note on "conflict" — or "network" when the server could not be reached.
 */
import type { z } from "zod";
import type { AnnotationDto, createInput, updateInput } from "@/lib/annotations/types";
import type { NotesState } from "./state";

import { callApi as call, type ApiFailure, type ApiResult } from "@/lib/http-client";

export type { ApiFailure, ApiResult };

/** What the reader sends to create a note, highlight or reply: the server's schema's input (lib/annotations/types). */
export type CreateRequest = WithEditorBody<z.input<typeof createInput>>;
/** What the reader sends to change one. */
export type UpdateRequest = WithEditorBody<z.input<typeof updateInput>>;
/** The editor's document goes as it is; the server's schema checks its shape. */
type WithEditorBody<T> = Omit<T, "body"> & { body?: unknown };

export const annotationsApi = {
  create: (seminarId: string, input: CreateRequest) => call<AnnotationDto>("POST", `/api/seminars/${encodeURIComponent(seminarId)}/annotations`, input),
  update: (id: string, input: UpdateRequest) => call<AnnotationDto>("PATCH", `/api/annotations/${encodeURIComponent(id)}`, input),
  remove: (id: string, revision: number) => call<void>("DELETE", `/api/annotations/${encodeURIComponent(id)}?revision=${revision}`),
  hide: (id: string, hidden: boolean) => call<AnnotationDto>("POST", `/api/annotations/${encodeURIComponent(id)}/hide`, { hidden }),
  /** The reader's next page of notes for the open texts (lib/reader-notes/load loadMoreReaderNotes). */
  /** The reader's next page of notes after `after`, or (null) the first page again. */
  more: (seminarId: string, slugs: readonly string[], after: string | null) =>
    call<{ state: NotesState; moreNotes: string | null }>(
      "GET",
      `/api/seminars/${encodeURIComponent(seminarId)}/reader-notes?documents=${encodeURIComponent(slugs.join(","))}${after === null ? "" : `&after=${encodeURIComponent(after)}`}`,
    ),
};

/** The seminar's live stream (Server-Sent Events), resuming after the event the page was rendered at. */
export const eventsUrl = (seminarId: string, after: number) => `/api/seminars/${encodeURIComponent(seminarId)}/events?after=${after}`;

/** The current version a "conflict" answer carries. */
export function conflictCurrent(f: ApiFailure): AnnotationDto | null {
  const current = f.details.current as AnnotationDto | undefined;
  return f.code === "conflict" && current && typeof current.id === "string" ? current : null;
}
