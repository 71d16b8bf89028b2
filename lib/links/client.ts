/**
 * The link routes as the reader calls them: links of a seminar, creating a link (an annotation with
 * motivation "linking"), suggestions and dismissals. Failures come back as the server's error code (a key
 * of the "Errors" messages) or "network". Browser-side, framework-free.
 */
import type { z } from "zod";
import type { AnnotationDto, Relation, targetInput } from "@/lib/annotations/types";
import type { CorrespondenceAnswer, SuggestAnswer } from "./suggest-service";
import type { LinkView } from "./views";

import { callApi as call, type ApiFailure as Failure, type ApiResult as Result } from "@/lib/http-client";

export type { Failure, Result };

/** One end of a new link as the reader knows it: block offsets plus the quote it showed (the server's target schema). */
export type EndInput = z.input<typeof targetInput>;

export interface NewLink {
  relation: Relation;
  target: EndInput;
  bodyTarget: EndInput;
  body?: string;
  tags?: string[];
  visibility?: "seminar" | "private" | "instructors";
}

export const linksApi = {
  list: (seminarId: string) => call<{ links: LinkView[] }>("GET", `/api/seminars/${encodeURIComponent(seminarId)}/links`),
  create: (seminarId: string, link: NewLink) =>
    call<AnnotationDto>("POST", `/api/seminars/${encodeURIComponent(seminarId)}/annotations`, { motivation: "linking", ...link }),
  remove: (id: string, revision: number) => call<void>("DELETE", `/api/annotations/${encodeURIComponent(id)}?revision=${revision}`),
  suggest: (seminarId: string, document: string, blockId: string, start: number, end: number) =>
    call<SuggestAnswer>("POST", "/api/links/suggest", { seminar: seminarId, document, blockId, start, end, limit: 8 }),
  dismiss: (seminarId: string, from: { document: string; blockId: string }, to: { document: string; blockId: string }) =>
    call<void>("POST", "/api/links/dismissals", { seminar: seminarId, from, to }),
  correspondences: (seminarId: string, from: string, to: string) =>
    call<CorrespondenceAnswer>("POST", "/api/links/correspondences", { seminar: seminarId, from, to, limit: 20 }),
};
