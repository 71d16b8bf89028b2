/**
 * Building a seminar's suggestion index off the request thread, in the indexing worker (lib/workers/pool).
 *
 * A suggestion index is big (tens of MB for a volume): copying it back to the request thread would stall it
 * for a second or more. So the indexing worker hands it straight to the suggestion worker (./suggest-worker)
 * over a MessagePort (connected by ./suggest-host), and the request thread only asks that worker for
 * suggestions. Documents reach the indexing worker in slices ("stage-doc") and stay there for the next build
 * (library texts are shared by every seminar).
 */
import type { MessagePort } from "node:worker_threads";
import type { Block, SynopseDocument } from "@/lib/content/types";
import { SLICE_BLOCKS, type TaskModule } from "@/lib/workers/pool";
import type { GlossaryEntry } from "./glossary";
import type { SeminarName } from "./names/types";
import { buildIndex, packIndex } from "./suggest";
import { loadLexicon } from "./suggest/lexicon";

/** One slice of a document on its way to the worker: the first slice carries the rest of the document. */
export interface DocSlice {
  key: string;
  head?: Omit<SynopseDocument, "blocks">;
  blocks: Block[];
  last: boolean;
}

export type SuggestTasks = {
  /** Keep (part of) a document in the worker for the next builds. */
  "stage-doc": (input: DocSlice) => { staged: number };
  /** Build a seminar's suggestion index from staged documents and install it in the suggestion worker. */
  "build-suggest-index": (input: { seminarId: string; key: string; docKeys: string[]; glossary: GlossaryEntry[]; names: SeminarName[] }) => {
    blocks: number;
    ms: number;
  };
};

/** Documents staged in this thread, by `slug@version`; the least recently used leave first. */
const staged = new Map<string, SynopseDocument>();
const partial = new Map<string, SynopseDocument>();
const MAX_STAGED = 64;
/** The port to the suggestion worker (sent once per indexing worker by ./suggest-host). */
let suggestPort: MessagePort | null = null;

export const workerTasks: TaskModule<SuggestTasks> = {
  file: "lib/links/worker-tasks.ts",
  connect: (port) => {
    suggestPort = port;
  },
  tasks: {
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
      // worker reads the same file and attaches it (./suggest-worker).
      // It travels packed (packIndex): copying the index object by object cost more than building it.
      const built = buildIndex(docs, glossary, names, { lexicon: loadLexicon() });
      suggestPort.postMessage({ type: "install", seminarId, key, index: packIndex(built, names), lexicon: built.lexicon !== null });
      return { blocks: built.blocks.length, ms: performance.now() - started };
    },
  },
};

/** A document as slices for "stage-doc". */
export function docSlices(doc: SynopseDocument, key: string): DocSlice[] {
  const { blocks, ...head } = doc;
  const out: DocSlice[] = [];
  for (let i = 0; i < Math.max(1, blocks.length); i += SLICE_BLOCKS) {
    out.push({ key, ...(i === 0 ? { head } : {}), blocks: blocks.slice(i, i + SLICE_BLOCKS), last: i + SLICE_BLOCKS >= blocks.length });
  }
  return out;
}
