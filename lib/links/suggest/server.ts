/**
 * Server-side entry for suggestions: reads the corpus from the content store and the bilingual lexicon
 * from disk (once per process), keeps one index per corpus version and seminar lists (getIndex), and
 * answers with ranked suggestions. No framework imports; suggest-service.ts adds authorization.
 */
import { z } from "zod";
import { getDocument, listDocuments } from "@/lib/content/store";
import type { SynopseDocument } from "@/lib/content/types";
import type { GlossaryEntry } from "@/lib/links/glossary";
import { correspondences, getIndex, suggest, type LearnedWeights, type PassageRef, type SeminarName, type Suggestion, type SuggestIndex, type SuggestOptions } from "./index";
import { loadLexicon } from "./lexicon";

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

/** The seminar lists the engine takes as input (seminar data; both optional). */
export interface SeminarLists {
  glossary?: GlossaryEntry[];
  names?: SeminarName[];
}

/** The index of the whole corpus with these lists and this machine's lexicon (null: no dictionary). */
export function corpusIndex(lists: SeminarLists = {}): SuggestIndex {
  return getIndex(corpusDocuments(), lists.glossary ?? [], lists.names ?? [], { lexicon: loadLexicon() });
}

/** Is the bilingual dictionary there? (The suggestions panel says so when it is not.) */
export function dictionaryAvailable(): boolean {
  return loadLexicon() !== null;
}

/** Suggestions for one passage with the seminar's lists and learned weights. */
export function suggestionsFor(passage: PassageRef, options: Omit<SuggestOptions, "minScore"> = {}, lists: SeminarLists = {}): Suggestion[] {
  return suggest(corpusIndex(lists), passage, options);
}

/** The best passage pairs between two documents. */
export function correspondencesFor(a: string, b: string, options: { limit?: number; learned?: LearnedWeights } = {}, lists: SeminarLists = {}) {
  return correspondences(corpusIndex(lists), a, b, options);
}
