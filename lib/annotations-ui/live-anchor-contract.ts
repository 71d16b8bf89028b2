/**
 * What the browser and the reader's live-anchoring server action (lib/reader-notes/live-anchor) agree on: how
 * much one call may ask for, what it sends and what it gets back.
 */
import type { AnnotationDto } from "@/lib/annotations/types";
import type { PassageAnchor } from "./state";

export const MAX_NOTES = 20;
export const MAX_QUOTE_TOTAL = 100_000;

export type LiveNotes = Array<Pick<AnnotationDto, "id" | "targets">>;
export type LiveAnchorResult =
  { ok: true; anchors: Record<string, PassageAnchor> } | { ok: false; code: "unauthenticated" | "invalid-request" | "unknown-document" };
