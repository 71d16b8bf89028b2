/**
 * The annotation API's shapes: zod schemas for what clients send, and the JSON the server returns.
 * Notes, highlights, replies and links are one model (W3C-shaped); see access.ts for who sees what.
 */
import "./zod-in-browser";
import { z } from "zod";
import { MOTIVATIONS, VISIBILITIES, type Motivation, type Visibility } from "./access";
import type { PassageSelectors } from "@/lib/anchoring/types";

export const RELATIONS = ["supports", "contradicts", "cites", "same-event", "paraphrase", "context"] as const;
export type Relation = (typeof RELATIONS)[number];

export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 40;
export const MAX_CANONICAL_LENGTH = 2048;

/**
 * One passage: either block-relative offsets (what the reader knows) or document offsets
 * (TextPositionSelector). The server computes the selectors itself; `exact`, when sent, must match
 * the document's text there (otherwise "quote-mismatch": the client saw another version).
 */
export const targetInput = z
  .object({
    documentSlug: z.string().min(1).max(200),
    documentVersion: z.string().max(64).optional(),
    blockId: z.string().min(1).max(100).optional(),
    blockStart: z.number().int().min(0).optional(),
    blockEnd: z.number().int().min(0).optional(),
    start: z.number().int().min(0).optional(),
    end: z.number().int().min(0).optional(),
    exact: z.string().max(50_000).optional(),
    prefix: z.string().max(1000).optional(),
    suffix: z.string().max(1000).optional(),
  })
  .refine((t) => (t.blockId !== undefined && t.blockStart !== undefined && t.blockEnd !== undefined) || (t.start !== undefined && t.end !== undefined), {
    message: "a target needs blockId+blockStart+blockEnd or start+end",
  });
export type TargetInput = z.infer<typeof targetInput>;

const tiptapJson = z.object({ type: z.string() }).passthrough();
export const bodyInput = z.union([z.string(), tiptapJson]).nullable().optional();

export const createInput = z.object({
  motivation: z.enum(MOTIVATIONS as unknown as [Motivation, ...Motivation[]]).optional(),
  visibility: z.enum(VISIBILITIES as unknown as [Visibility, ...Visibility[]]).optional(),
  recipientId: z.string().min(1).max(100).nullable().optional(),
  /** Replies: the annotation answered (the thread's root is derived). */
  parentId: z.string().min(1).max(100).optional(),
  /** The passage annotated; for links, passage A. */
  target: targetInput.optional(),
  /** Links only: passage B. */
  bodyTarget: targetInput.optional(),
  relation: z.enum(RELATIONS).nullable().optional(),
  body: bodyInput,
  tags: z.array(z.string().max(200)).max(100).optional(),
  /** W3C `canonical`: an absolute IRI (scheme, then no whitespace) naming the annotation wherever it is published. */
  canonical: z
    .string()
    .max(MAX_CANONICAL_LENGTH)
    .regex(/^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/, "canonical must be an absolute IRI")
    .optional(),
});
export type CreateInput = z.infer<typeof createInput>;

export const updateInput = z.object({
  /** The revision the client edited; a different current revision is a conflict. */
  revision: z.number().int().min(1),
  body: bodyInput,
  tags: z.array(z.string().max(200)).max(100).optional(),
  visibility: z.enum(VISIBILITIES as unknown as [Visibility, ...Visibility[]]).optional(),
  recipientId: z.string().min(1).max(100).nullable().optional(),
  relation: z.enum(RELATIONS).nullable().optional(),
});
export type UpdateInput = z.infer<typeof updateInput>;

export interface TargetDto {
  role: "target" | "body";
  documentSlug: string;
  documentVersion: string;
  lang: string;
  blockId: string;
  blockStart: number;
  blockEnd: number;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
}

/** The passage columns every read of a "Target" row selects. */
export type TargetPassage = Pick<TargetDto, "documentSlug" | "blockId" | "blockStart" | "blockEnd" | "start" | "end" | "exact" | "prefix" | "suffix">;

/** A "Target" row read with plain SQL (lib/db/read): its passage columns as typed values, whatever the driver returned. */
export function targetPassageFromRow(r: Record<string, unknown>): TargetPassage {
  return {
    documentSlug: String(r.documentSlug),
    blockId: String(r.blockId),
    blockStart: Number(r.blockStart),
    blockEnd: Number(r.blockEnd),
    start: Number(r.start),
    end: Number(r.end),
    exact: String(r.exact),
    prefix: String(r.prefix),
    suffix: String(r.suffix),
  };
}

/** The selectors lib/anchoring needs, from a stored (or imported) target. */
export function selectorsOf(t: TargetDto): PassageSelectors {
  return {
    blockId: t.blockId,
    blockStart: t.blockStart,
    blockEnd: t.blockEnd,
    position: { type: "TextPositionSelector", start: t.start, end: t.end },
    quote: { type: "TextQuoteSelector", exact: t.exact, prefix: t.prefix, suffix: t.suffix },
    version: t.documentVersion,
  };
}

export interface AnnotationDto {
  id: string;
  seminarId: string;
  author: { id: string; name: string };
  motivation: Motivation;
  visibility: Visibility;
  recipientId: string | null;
  parentId: string | null;
  rootId: string | null;
  relation: Relation | null;
  /** The W3C `canonical` IRI given at creation (Protocol POST or import); absent when none was given. */
  canonical?: string;
  bodyHtml: string;
  bodyText: string;
  tags: string[];
  hidden: boolean;
  revision: number;
  createdAt: string;
  updatedAt: string;
  targets: TargetDto[];
}

/**
 * An annotation's live event as the reader receives it: the events route's row (lib/live/stream's LiveEvent)
 * with its data read back, as the notes and the links of an open reader apply it.
 */
export type AnnotationLiveEvent =
  | { type: "annotation.created" | "annotation.updated" | "annotation.hidden" | "annotation.unhidden"; data: AnnotationDto }
  | { type: "annotation.deleted" | "annotation.removed"; data: { id: string } };
