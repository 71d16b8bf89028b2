/**
 * Server-side entry for the API route (POST /api/links/suggest): validates a request, reads the corpus from
 * the content store, keeps one index per corpus version and glossary (getIndex), and answers with ranked
 * suggestions. No framework imports; the route handler only parses JSON, checks the session, loads the
 * seminar's glossary and dismissals, and calls `suggestionsFor`.
 */
import { z } from "zod";
import { getDocument, listDocuments } from "@/lib/content/store";
import type { SynopseDocument } from "@/lib/content/types";
import { STARTER_GLOSSARY, type GlossaryEntry } from "@/lib/links/glossary";
import type { SeminarName } from "@/lib/links/names/types";
import { getIndex, suggest, type PassageRef, type Suggestion, type SuggestOptions } from "./index";

export const suggestRequestSchema = z.object({
  passage: z.union([
    z
      .object({ slug: z.string().min(1), blockId: z.string().min(1), start: z.number().int().min(0), end: z.number().int().min(0) })
      .refine((p) => p.end > p.start, { message: "end must be after start" }),
    z.object({ slug: z.string().min(1), exact: z.string().min(1).max(4000) }),
  ]),
  limit: z.number().int().min(1).max(20).optional(),
  excludeSlugs: z.array(z.string()).max(100).optional(),
});

export type SuggestRequest = z.infer<typeof suggestRequestSchema>;

function corpusDocuments(): SynopseDocument[] {
  return listDocuments()
    .map((m) => getDocument(m.slug))
    .filter((d): d is SynopseDocument => d !== null);
}

/**
 * Suggestions for one passage over the library texts. `glossary` and `names`: a seminar's glossary and name
 * list; `dismissed`: target blocks this user dismissed for this passage (from the dismissal store). The app
 * itself answers per seminar (lib/links/suggest-service, lib/links/seminar-index).
 */
export function suggestionsFor(
  passage: PassageRef,
  options: Omit<SuggestOptions, "minScore"> = {},
  glossary: GlossaryEntry[] = STARTER_GLOSSARY,
  names: SeminarName[] = [],
): Suggestion[] {
  return suggest(getIndex(corpusDocuments(), glossary, names), passage, options);
}
