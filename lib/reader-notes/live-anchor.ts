/**
 * Server side of re-anchoring live notes (a note made on another version of a document than the one the
 * reader shows: rare, the text was re-imported while the page was open). The reader's server action
 * (app/[locale]/read/actions.ts) passes the signed-in user and what the browser sent.
 *
 * The selectors come from notes the browser already holds, so the answer — positions in the document —
 * reveals nothing new, provided the viewer may read that document (canReadDocument: uploaded texts belong to
 * their seminars) and is signed in (only members receive live notes). The caps are the annotation API's: a
 * note has at most a target and a body target, a quote at most 50,000 characters; and one call anchors at most
 * MAX_NOTES notes and MAX_QUOTE_TOTAL characters of quotes, since fuzzy anchoring costs time per character.
 */
import { z } from "zod";
import type { AnnotationDto } from "@/lib/annotations/types";
import { getDocumentAsync, isLibraryDocument } from "@/lib/content/store";
import { canReadDocument } from "@/lib/seminars";
import { MAX_NOTES, MAX_QUOTE_TOTAL, type LiveAnchorResult } from "@/lib/annotations-ui/live-anchor-contract";
import { anchorIn } from "./load";

const input = z
  .object({
    slug: z.string().min(1).max(200),
    notes: z
      .array(
        z.object({
          id: z.string().min(1).max(100),
          targets: z
            .array(
              z.object({
                role: z.enum(["target", "body"]),
                documentSlug: z.string().max(200),
                documentVersion: z.string().max(64),
                lang: z.string().max(10),
                blockId: z.string().max(100),
                blockStart: z.number().int(),
                blockEnd: z.number().int(),
                start: z.number().int(),
                end: z.number().int(),
                exact: z.string().max(50_000),
                prefix: z.string().max(1000),
                suffix: z.string().max(1000),
              }),
            )
            .max(2),
        }),
      )
      .max(MAX_NOTES),
  })
  .refine((v) => v.notes.reduce((sum, n) => sum + n.targets.reduce((s, t) => s + t.exact.length, 0), 0) <= MAX_QUOTE_TOTAL);

export async function anchorLiveNotesFor(userId: string | null, slug: unknown, notes: unknown): Promise<LiveAnchorResult> {
  if (!userId) return { ok: false, code: "unauthenticated" };
  const parsed = input.safeParse({ slug, notes });
  if (!parsed.success) return { ok: false, code: "invalid-request" };
  // An unknown text and one the viewer may not read answer alike.
  const readable = await canReadDocument(userId, parsed.data.slug, isLibraryDocument);
  const doc = readable ? await getDocumentAsync(parsed.data.slug) : null;
  if (!doc) return { ok: false, code: "unknown-document" };
  return { ok: true, anchors: anchorIn(doc, parsed.data.notes as unknown as AnnotationDto[]) };
}
