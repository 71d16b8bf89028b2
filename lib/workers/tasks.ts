/**
 * The CPU-heavy work that runs off the request thread (in the worker, worker.ts): turning a published text
 * into search-index rows, and building a seminar's suggestion index. Pure functions of plain data, so the
 * same code also runs in-process when no worker can be started (see pool.ts).
 */
import type { SynopseDocument } from "@/lib/content/types";
import type { GlossaryEntry } from "@/lib/links/glossary";
import type { SeminarName } from "@/lib/links/names/types";
import { buildIndex, type SuggestIndex } from "@/lib/links/suggest";
import { normalizeForIndex, type IndexColumns } from "@/lib/search/analyze";

export interface SearchRow extends IndexColumns {
  blockId: string;
}

export interface Tasks {
  /** Search columns (lib/search/analyze) for every block of a text that has words. */
  "search-rows": (input: { doc: SynopseDocument }) => SearchRow[];
  /** A suggestion index (lib/links/suggest) over a seminar's texts, glossary and name list. */
  "suggest-index": (input: { docs: SynopseDocument[]; glossary: GlossaryEntry[]; names: SeminarName[] }) => SuggestIndex;
}

export type TaskName = keyof Tasks;

export const TASKS: Tasks = {
  "search-rows": ({ doc }) => doc.blocks.filter((b) => b.text.trim()).map((b) => ({ blockId: b.id, ...normalizeForIndex(b.text) })),
  "suggest-index": ({ docs, glossary, names }) => buildIndex(docs, glossary, names),
};
