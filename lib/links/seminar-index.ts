/**
 * Link suggestions per seminar, over every text of the seminar — library texts and texts uploaded into it —
 * with the seminar's glossary and name list. Nothing heavy runs on the request thread:
 *  - the index is built in the indexing worker (lib/workers/pool: seconds of CPU for a 5 MB volume), from
 *    documents sent to it in slices and kept there for the next builds;
 *  - it is installed in the suggestion worker (./suggest-worker) straight from the indexing worker,
 *    and every question to the index goes there (a few milliseconds each): suggestions, the correspondences
 *    between two open texts, and the evidence that links and dismissals teach (lib/links/suggest-learning).
 * While a newer index is being built (a text was just published, the glossary or name list changed), queries
 * are answered from the seminar's previous index; only a query that needs the new one (a passage of the new
 * text, the seminar's first query) waits, and only that request: the event loop stays free.
 * Without worker threads (none can be started, or SYNOPSE_WORKERS=off) the same runs in-process. Framework-free.
 */
import { createHash } from "node:crypto";
import { getDocumentAsync } from "@/lib/content/store";
import type { SynopseDocument } from "@/lib/content/types";
import { db } from "@/lib/db/client";
import {
  buildIndex,
  type LearnedWeights,
  type PassageRef,
  type SeminarName,
  type Suggestion,
  type SuggestIndex,
  type SuggestOptions,
} from "@/lib/links/suggest";
import { loadLexicon } from "@/lib/links/suggest/lexicon";
import type { GlossaryEntry } from "./glossary";
import { getSeminarGlossary } from "./glossary-store";
import { getSeminarNames } from "./names/store";
import { runTask, workersAvailable } from "@/lib/workers/pool";
import { askIndex, stagedInIndexer, suggestWorkerAvailable, whenInstalled } from "./suggest-host";
import { answerFromIndex, type Correspondence, type EvidenceSide, type IndexAnswers, type IndexQuery } from "./suggest-queries";
import { docSlices, workerTasks } from "./worker-tasks";

export interface IndexInputs {
  docs: SynopseDocument[];
  glossary: GlossaryEntry[];
  names: SeminarName[];
  /** what the index is of: every document version, the glossary and the name list */
  key: string;
}

const docKey = (d: SynopseDocument) => `${d.meta.slug}@${d.version}`;

export function indexKey(docs: SynopseDocument[], glossary: GlossaryEntry[], names: SeminarName[]): string {
  return createHash("sha256")
    .update(docs.map(docKey).join(","))
    .update("\0")
    .update(JSON.stringify(glossary))
    .update("\0")
    .update(JSON.stringify(names))
    .digest("hex");
}

async function inputsFor(seminarId: string): Promise<IndexInputs> {
  const slugs = (await db().seminarDocument.findMany({ where: { seminarId }, select: { slug: true }, orderBy: { slug: "asc" } })).map((d) => d.slug);
  const docs: SynopseDocument[] = [];
  for (const slug of slugs) {
    const doc = await getDocumentAsync(slug);
    if (doc) docs.push(doc);
  }
  const glossary = await getSeminarGlossary(seminarId);
  const names = await getSeminarNames(seminarId);
  return { docs, glossary, names, key: indexKey(docs, glossary, names) };
}

// ---- in the workers ----

const installed = new Map<string, string>();
const building = new Map<string, { key: string; done: Promise<void> }>();

async function stageAndBuild(seminarId: string, inputs: IndexInputs, retry = true): Promise<void> {
  for (const doc of inputs.docs) {
    const key = docKey(doc);
    if (stagedInIndexer.has(key)) continue;
    for (const slice of docSlices(doc, key)) await runTask(workerTasks, "stage-doc", slice);
    stagedInIndexer.add(key);
  }
  const isInstalled = whenInstalled(seminarId, inputs.key);
  try {
    await runTask(workerTasks, "build-suggest-index", {
      seminarId,
      key: inputs.key,
      docKeys: inputs.docs.map(docKey),
      glossary: inputs.glossary,
      names: inputs.names,
    });
  } catch (e) {
    // The indexing worker was replaced between staging and building (it stops when idle): stage again.
    if (retry && /not staged|no suggestion worker/.test((e as Error).message)) {
      stagedInIndexer.clear();
      return stageAndBuild(seminarId, inputs, false);
    }
    throw e;
  }
  await isInstalled;
}

/** Build the seminar's index for these inputs unless it is installed or being built already. */
export function ensureSeminarIndex(seminarId: string, inputs: IndexInputs): Promise<void> {
  if (installed.get(seminarId) === inputs.key) return Promise.resolve();
  const running = building.get(seminarId);
  if (running?.key === inputs.key) return running.done;
  // One build at a time per seminar: a newer one starts after the running one (whose result it replaces).
  const done = (running?.done.catch(() => undefined) ?? Promise.resolve())
    .then(() => (installed.get(seminarId) === inputs.key ? undefined : stageAndBuild(seminarId, inputs)))
    .then(() => {
      installed.set(seminarId, inputs.key);
    })
    .finally(() => {
      if (building.get(seminarId)?.done === done) building.delete(seminarId);
    });
  building.set(seminarId, { key: inputs.key, done });
  return done;
}

// ---- in-process (no worker threads) ----

const local = new Map<string, { key: string; index: SuggestIndex }>();
let localBuilds = 0;

function localIndex(seminarId: string, inputs: IndexInputs): SuggestIndex {
  const held = local.get(seminarId);
  if (held?.key === inputs.key) return held.index;
  localBuilds++;
  const index = buildIndex(inputs.docs, inputs.glossary, inputs.names, { lexicon: loadLexicon() });
  local.set(seminarId, { key: inputs.key, index });
  while (local.size > 16) local.delete(local.keys().next().value!);
  return index;
}

/** How many suggestion indexes this thread has built itself (tests: with workers, none). */
export function indexesBuiltInProcess(): number {
  return localBuilds;
}

const workersUsable = () => workersAvailable() && suggestWorkerAvailable();

/**
 * Ask the seminar's index (suggestions, correspondences, the evidence learning needs): in the suggestion
 * worker, which holds the index the indexing worker built; in this thread only when no worker can run.
 * `docs`: the documents the question is about (the index must have them as they are now).
 */
async function askSeminar<Q extends IndexQuery>(seminarId: string, query: Q, docs: SynopseDocument[]): Promise<IndexAnswers[Q["op"]]> {
  const inputs = await inputsFor(seminarId);
  if (!workersUsable()) return answerFromIndex(localIndex(seminarId, inputs), query);
  const built = ensureSeminarIndex(seminarId, inputs);
  built.catch((e) => console.error(`[suggest] building the index of seminar ${seminarId} failed`, e));
  const ask = () => askIndex({ seminarId, key: inputs.key, query, docs: docs.map((d) => ({ slug: d.meta.slug, version: d.version })) });
  let answer;
  try {
    answer = await ask();
    if (answer.missing) {
      await built;
      answer = await ask();
    }
  } catch (e) {
    // A worker could not be started or failed (logged by lib/workers): answer in-process, as without workers.
    if (!workersUsable()) return answerFromIndex(localIndex(seminarId, inputs), query);
    throw e;
  }
  if (answer.missing) throw new Error(`no suggestion index for seminar ${seminarId}`);
  return answer.result;
}

/** Ranked suggestions for a passage of `doc`, from the seminar's other texts. */
export function suggestInSeminar(seminarId: string, doc: SynopseDocument, passage: PassageRef, options: SuggestOptions): Promise<Suggestion[]> {
  return askSeminar(seminarId, { op: "suggest", passage, options }, [doc]);
}

/** The best passage pairs between two texts of the seminar (see correspondences in lib/links/suggest). */
export function correspondencesInSeminar(
  seminarId: string,
  from: SynopseDocument,
  to: SynopseDocument,
  options: { limit?: number; learned?: LearnedWeights },
): Promise<Correspondence[]> {
  return askSeminar(seminarId, { op: "correspondences", from: from.meta.slug, to: to.meta.slug, options }, [from, to]);
}

/** The learnable evidence between each pair of passages of the seminar's texts (lib/links/suggest-learning). */
export async function evidenceInSeminar(seminarId: string, pairs: Array<{ from: EvidenceSide; to: { slug: string; blockId: string } }>): Promise<string[][]> {
  if (!pairs.length) return [];
  // Only the texts the pairs are about must be current; a pair on a text the seminar no longer has teaches nothing.
  const docs: SynopseDocument[] = [];
  for (const slug of new Set(pairs.flatMap((p) => [p.from.slug, p.to.slug]))) {
    const doc = await getDocumentAsync(slug);
    if (doc) docs.push(doc);
  }
  return askSeminar(seminarId, { op: "evidence", pairs }, docs);
}

/** Build the seminar's index now, in the background (a text was published; the name list or glossary changed). */
export function refreshSeminarIndex(seminarId: string): void {
  if (!workersUsable()) return; // in-process, the next query builds it
  inputsFor(seminarId)
    .then((inputs) => ensureSeminarIndex(seminarId, inputs))
    .catch((e) => console.error(`[suggest] refreshing the index of seminar ${seminarId} failed`, e));
}
