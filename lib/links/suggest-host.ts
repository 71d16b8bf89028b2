/**
 * The request thread's side of the suggestion worker (./suggest-worker): starts it on first use, connects
 * every new indexing worker (lib/workers/pool) to it with a MessageChannel — the indexing worker's end goes to
 * this module's build tasks (./worker-tasks) — and sends it queries. Framework-free.
 */
import { MessageChannel, type Worker } from "node:worker_threads";
import { onWorkerStart, sendPort } from "@/lib/workers/pool";
import { sourceWorker, workerEntry } from "@/lib/workers/spawn";
import type { PassageRef, Suggestion, SuggestOptions } from "./suggest";
import type { IndexAnswers, IndexQuery } from "./suggest-queries";
import { workerTasks } from "./worker-tasks";

type Answer<T = unknown> = { missing: true } | { missing?: false; result: T; stale: boolean };
type Pending = { resolve: (a: Answer) => void; reject: (e: Error) => void };

let worker: Worker | null = null;
let broken = false;
let nextId = 1;
const pending = new Map<number, Pending>();
const installWaiters = new Map<string, Array<() => void>>();
/** Documents (slug@version) staged in the current indexing worker; a new worker starts empty. */
export const stagedInIndexer = new Set<string>();

function start(): Worker {
  const w = sourceWorker(workerEntry("lib/links/suggest-worker.ts"));
  w.on(
    "message",
    (msg: {
      type?: "installed";
      seminarId?: string;
      key?: string;
      id?: number;
      ok?: boolean;
      error?: string;
      missing?: boolean;
      result?: unknown;
      stale?: boolean;
    }) => {
      if (msg.type === "installed") {
        const k = `${msg.seminarId}|${msg.key}`;
        for (const done of installWaiters.get(k) ?? []) done();
        installWaiters.delete(k);
        return;
      }
      const p = pending.get(msg.id!);
      if (!p) return;
      pending.delete(msg.id!);
      if (!msg.ok) p.reject(new Error(msg.error));
      else p.resolve(msg.missing ? { missing: true } : { result: msg.result, stale: !!msg.stale });
      if (!pending.size) w.unref();
    },
  );
  w.on("error", (e) => {
    broken = true;
    console.error("[workers] the suggestion worker failed; suggestions are computed in-process from now on:", e.message);
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  });
  w.on("exit", () => {
    if (worker === w) worker = null;
  });
  w.unref();
  return w;
}

function suggestWorker(): Worker {
  worker ??= start();
  return worker;
}

onWorkerStart((indexer) => {
  stagedInIndexer.clear();
  if (broken) return;
  const { port1, port2 } = new MessageChannel();
  sendPort(indexer, workerTasks, port1);
  suggestWorker().postMessage({ type: "build-port", port: port2 }, [port2]);
});

/** Whether suggestions run in the suggestion worker (false: it failed, or SYNOPSE_WORKERS=off). */
export function suggestWorkerAvailable(): boolean {
  return !broken && process.env.SYNOPSE_WORKERS !== "off";
}

/** Resolves when the suggestion worker has installed the index `key` of the seminar. Register before building. */
export function whenInstalled(seminarId: string, key: string): Promise<void> {
  return new Promise((resolve) => {
    const k = `${seminarId}|${key}`;
    installWaiters.set(k, [...(installWaiters.get(k) ?? []), resolve]);
  });
}

/**
 * Ask the suggestion worker about the seminar's index (suggest-queries.ts); `missing` when it holds no index
 * of the seminar with these documents at these versions.
 */
export function askIndex<Q extends IndexQuery>(q: {
  seminarId: string;
  key: string;
  query: Q;
  docs: Array<{ slug: string; version: string }>;
}): Promise<Answer<IndexAnswers[Q["op"]]>> {
  const w = suggestWorker();
  const id = nextId++;
  w.ref();
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve: resolve as (a: Answer) => void, reject });
    w.postMessage({ id, type: "query", ...q });
  });
}

/** Suggestions for a passage from the suggestion worker (see askIndex). */
export function queryIndex(q: {
  seminarId: string;
  key: string;
  passage: PassageRef;
  options: SuggestOptions;
  doc: { slug: string; version: string };
}): Promise<Answer<Suggestion[]>> {
  return askIndex({ seminarId: q.seminarId, key: q.key, query: { op: "suggest", passage: q.passage, options: q.options }, docs: [q.doc] });
}

/** Drop every index (tests). */
export function forgetIndexes(): void {
  worker?.postMessage({ type: "forget" });
}

export async function stopSuggestWorker(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await w.terminate();
}
