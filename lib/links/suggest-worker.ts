/**
 * The suggestion worker's entry (started by ./suggest-host): holds one suggestion index per seminar
 * (installed by the indexing worker over a MessagePort, never copied through the request thread) and answers
 * from it what needs the index: suggestions for a passage, the correspondences between two texts, and the
 * evidence between linked or dismissed passages that the seminar learns from. Each answer is small and fast
 * (milliseconds); builds never run here.
 */
import { parentPort, type MessagePort } from "node:worker_threads";
import { unpackIndex, type PackedIndex, type SuggestIndex } from "./suggest";
import { loadLexicon } from "./suggest/lexicon";
import { answerFromIndex, type IndexQuery } from "./suggest-queries";

interface Held {
  key: string;
  index: SuggestIndex;
}

const bySeminar = new Map<string, Held>();
const MAX_SEMINARS = 16;

interface Query {
  id: number;
  type: "query";
  seminarId: string;
  key: string;
  query: IndexQuery;
  /** these documents must be in the index at these versions */
  docs: Array<{ slug: string; version: string }>;
}

type Install = { seminarId: string; key: string; index: PackedIndex; lexicon: boolean };

function install(msg: Install) {
  // The index arrives without the lexicon (see ./worker-tasks): this worker reads it once from the same file.
  const index = unpackIndex(msg.index, msg.lexicon ? loadLexicon() : null);
  bySeminar.delete(msg.seminarId);
  bySeminar.set(msg.seminarId, { key: msg.key, index });
  while (bySeminar.size > MAX_SEMINARS) bySeminar.delete(bySeminar.keys().next().value!);
  parentPort!.postMessage({ type: "installed", seminarId: msg.seminarId, key: msg.key });
}

parentPort?.on("message", (msg: Query | { type: "build-port"; port: MessagePort } | { type: "forget" }) => {
  if (msg.type === "build-port") {
    msg.port.on("message", (m: { type: "install" } & Install) => install(m));
    return;
  }
  if (msg.type === "forget") {
    bySeminar.clear();
    return;
  }
  const held = bySeminar.get(msg.seminarId);
  // An index of an older state of the seminar still answers (the newer one is being built), as long as it
  // has the documents asked about as they are now.
  if (!held || msg.docs.some((d) => held.index.docs.get(d.slug)?.version !== d.version)) {
    parentPort!.postMessage({ id: msg.id, ok: true, missing: true });
    return;
  }
  try {
    parentPort!.postMessage({ id: msg.id, ok: true, result: answerFromIndex(held.index, msg.query), stale: held.key !== msg.key });
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
