"use server";

import { z } from "zod";
import type { AnnotationDto } from "@/lib/annotations/types";
import { anchorIn } from "@/lib/annotations-ui/load";
import type { PassageAnchor } from "@/lib/annotations-ui/state";
import { getDocument } from "@/lib/content/store";

const input = z.object({
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
          .max(4),
      }),
    )
    .max(200),
});

/**
 * Anchor live notes that were made on another version of a document than the one the reader shows
 * (rare: the text was re-imported while the page was open). The anchoring code and the document stay
 * on the server; the selectors come from the notes the client already may see, so nothing new leaks.
 */
export async function anchorLiveNotes(slug: string, notes: Array<Pick<AnnotationDto, "id" | "targets">>): Promise<Record<string, PassageAnchor>> {
  const parsed = input.parse({ slug, notes });
  const doc = getDocument(parsed.slug);
  if (!doc) return Object.fromEntries(parsed.notes.map((n) => [n.id, { status: "orphan" } as PassageAnchor]));
  return anchorIn(doc, parsed.notes as unknown as AnnotationDto[]);
}
