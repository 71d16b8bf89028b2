/**
 * Search's work off the request thread (lib/workers/pool): turning a published text into index rows. A
 * function of plain data, so it also runs in-process when no worker can be started.
 */
import type { SynopseDocument } from "@/lib/content/types";
import { SLICE_BLOCKS, type TaskModule } from "@/lib/workers/pool";
import { normalizeForIndex, type IndexColumns } from "./analyze";

export interface SearchRow extends IndexColumns {
  blockId: string;
}

export type SearchTasks = {
  /** Search columns (./analyze) for every block that has words (callers send a volume in slices). */
  "search-rows": (input: { blocks: Array<{ id: string; text: string }> }) => SearchRow[];
};

export const workerTasks: TaskModule<SearchTasks> = {
  file: "lib/search/worker-tasks.ts",
  tasks: {
    "search-rows": ({ blocks }) => blocks.filter((b) => b.text.trim()).map((b) => ({ blockId: b.id, ...normalizeForIndex(b.text) })),
  },
};

/** Search rows for a whole text, slice by slice in the worker. */
export async function searchRowsOf(
  doc: SynopseDocument,
  run: (input: { blocks: Array<{ id: string; text: string }> }) => Promise<SearchRow[]>,
): Promise<SearchRow[]> {
  const out: SearchRow[] = [];
  for (let i = 0; i < doc.blocks.length; i += SLICE_BLOCKS) {
    out.push(...(await run({ blocks: doc.blocks.slice(i, i + SLICE_BLOCKS).map((b) => ({ id: b.id, text: b.text })) })));
  }
  return out;
}
