/**
 * The CPU-heavy work that runs off the request thread, in the indexing worker (worker.ts): turning a
 * published text into search-index rows, and building a seminar's suggestion index. Functions of plain data,
 * so "search-rows" also runs in-process when no worker can be started (see pool.ts).
 *
 * A suggestion index is big (tens of MB for a volume): copying it back to the request thread would stall it
 * for a second or more. So the indexing worker hands it straight to the suggestion worker (suggest-worker.ts)
 * over a MessagePort, and the request thread only asks that worker for suggestions. Documents reach the
 * indexing worker in slices ("stage-doc") and stay there for the next build (library texts are shared by
 * every seminar).
 */
import type { MessagePort } from "node:worker_threads";
import type { Block, SynopseDocument } from "@/lib/content/types";
import type { GlossaryEntry } from "@/lib/links/glossary";
import type { SeminarName } from "@/lib/links/names/types";
import { buildIndex, packIndex, type SuggestIndex } from "@/lib/links/suggest";
import { loadLexicon } from "@/lib/links/suggest/lexicon";
import { normalizeForIndex, type IndexColumns } from "@/lib/search/analyze";

export interface SearchRow extends IndexColumns {
  blockId: string;
}

/** One slice of a document on its way to the worker: the first slice carries the rest of the document. */
export interface DocSlice {
  key: string;
  head?: Omit<SynopseDocument, "blocks">;
  blocks: Block[];
  last: boolean;
}

export interface Tasks {
  /** Search columns (lib/search/analyze) for every block that has words (callers send a volume in slices). */
  "search-rows": (input: { blocks: Array<{ id: string; text: string }> }) => SearchRow[];
  /** Keep (part of) a document in the worker for the next builds. */
  "stage-doc": (input: DocSlice) => { staged: number };
  /** Build a seminar's suggestion index from staged documents and install it in the suggestion worker. */
  "build-suggest-index": (input: { seminarId: string; key: string; docKeys: string[]; glossary: GlossaryEntry[]; names: SeminarName[] }) => { blocks: number; ms: number };
}

export type TaskName = keyof Tasks;

/** Documents staged in this thread, by `slug@version`; the least recently used leave first. */
const staged = new Map<string, SynopseDocument>();
const partial = new Map<string, SynopseDocument>();
const MAX_STAGED = 64;
let suggestPort: MessagePort | null = null;

/** The port to the suggestion worker (set once per indexing worker by worker.ts). */
export function setSuggestPort(port: MessagePort): void {
  suggestPort = port;
}

export const TASKS: Tasks = {
  "search-rows": ({ blocks }) => blocks.filter((b) => b.text.trim()).map((b) => ({ blockId: b.id, ...normalizeForIndex(b.text) })),
  "stage-doc": ({ key, head, blocks, last }) => {
    const doc = partial.get(key) ?? ({ ...(head as Omit<SynopseDocument, "blocks">), blocks: [] } as SynopseDocument);
    for (const b of blocks) doc.blocks.push(b);
    if (!last) {
      partial.set(key, doc);
      return { staged: doc.blocks.length };
    }
    partial.delete(key);
    staged.delete(key);
    staged.set(key, doc);
    while (staged.size > MAX_STAGED) staged.delete(staged.keys().next().value!);
    return { staged: doc.blocks.length };
  },
  "build-suggest-index": ({ seminarId, key, docKeys, glossary, names }) => {
    if (!suggestPort) throw new Error("no suggestion worker connected");
    const started = performance.now();
    const docs = docKeys.map((k) => {
      const doc = staged.get(k);
      if (!doc) throw new Error(`document ${k} is not staged`);
      staged.delete(k); // most recently used
      staged.set(k, doc);
      return doc;
    });
    // The lexicon is read once per worker from the file set-up built (.cache under the project root). It is
    // not sent with the index (hundreds of thousands of entries, the same in every thread): the suggestion
    // worker reads the same file and attaches it (suggest-worker.ts).
    // It travels packed (packIndex): copying the index object by object cost more than building it.
    const built = buildIndex(docs, glossary, names, { lexicon: loadLexicon() });
    suggestPort.postMessage({ type: "install", seminarId, key, index: packIndex(built, names), lexicon: built.lexicon !== null });
    return { blocks: built.blocks.length, ms: performance.now() - started };
  },
};

/** Blocks per message: each copy is small, so the request thread never stalls long on one. */
export const SLICE_BLOCKS = 1000;

/** Search rows for a whole text, slice by slice in the worker. */
export async function searchRowsOf(doc: SynopseDocument, run: (input: { blocks: Array<{ id: string; text: string }> }) => Promise<SearchRow[]>): Promise<SearchRow[]> {
  const out: SearchRow[] = [];
  for (let i = 0; i < doc.blocks.length; i += SLICE_BLOCKS) {
    out.push(...(await run({ blocks: doc.blocks.slice(i, i + SLICE_BLOCKS).map((b) => ({ id: b.id, text: b.text })) })));
  }
  return out;
}

/** A document as slices for "stage-doc". */
export function docSlices(doc: SynopseDocument, key: string): DocSlice[] {
  const { blocks, ...head } = doc;
  const out: DocSlice[] = [];
  for (let i = 0; i < Math.max(1, blocks.length); i += SLICE_BLOCKS) {
    out.push({ key, ...(i === 0 ? { head } : {}), blocks: blocks.slice(i, i + SLICE_BLOCKS), last: i + SLICE_BLOCKS >= blocks.length });
  }
  return out;
}

export type { SuggestIndex };
