/**
 * Link suggestions per seminar, over every text of the seminar — library texts and texts uploaded into it —
 * with the seminar's glossary and name list. Nothing heavy runs on the request thread:
 *  - the index is built in the indexing worker (lib/workers/pool: seconds of CPU for a 5 MB volume), from
 *    documents sent to it in slices and kept there for the next builds;
 *  - it is installed in the suggestion worker (./suggest-worker) straight from the indexing worker,
 *    and queries go there (a few milliseconds each).
 * While a newer index is being built (a text was just published, the glossary or name list changed), queries
 * are answered from the seminar's previous index; only a query that needs the new one (a passage of the new
 * text, the seminar's first query) waits, and only that request: the event loop stays free.
 * Without worker threads (none can be started, or SYNOPSE_WORKERS=off) the same runs in-process. Framework-free.
 */
import { createHash } from "node:crypto";
import { getDocumentAsync } from "@/lib/content/store";
import type { SynopseDocument } from "@/lib/content/types";
import { db } from "@/lib/db/client";
import { buildIndex, suggest, type PassageRef, type SeminarName, type Suggestion, type SuggestIndex, type SuggestOptions } from "@/lib/links/suggest";
import { loadLexicon } from "@/lib/links/suggest/lexicon";
import type { GlossaryEntry } from "./glossary";
import { getSeminarGlossary } from "./glossary-store";
import { getSeminarNames } from "./names/store";
import { runTask, workersAvailable } from "@/lib/workers/pool";
import { queryIndex, stagedInIndexer, suggestWorkerAvailable, whenInstalled } from "./suggest-host";
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
  return createHash("sha256").update(docs.map(docKey).join(",")).update("\0").update(JSON.stringify(glossary)).update("\0").update(JSON.stringify(names)).digest("hex");
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
    await runTask(workerTasks, "build-suggest-index", { seminarId, key: inputs.key, docKeys: inputs.docs.map(docKey), glossary: inputs.glossary, names: inputs.names });
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

function localIndex(seminarId: string, inputs: IndexInputs): SuggestIndex {
  const held = local.get(seminarId);
  if (held?.key === inputs.key) return held.index;
  const index = buildIndex(inputs.docs, inputs.glossary, inputs.names, { lexicon: loadLexicon() });
  local.set(seminarId, { key: inputs.key, index });
  while (local.size > 16) local.delete(local.keys().next().value!);
  return index;
}

/**
 * The seminar's index in this thread, for what needs the index itself rather than a query's answer: learning
 * from new links and dismissals, and the correspondences between two open texts. Built once per state of the
 * seminar (its texts, glossary and name list) and kept.
 */
export async function seminarIndexInProcess(seminarId: string): Promise<SuggestIndex> {
  return localIndex(seminarId, await inputsFor(seminarId));
}

const workersUsable = () => workersAvailable() && suggestWorkerAvailable();

/** Ranked suggestions for a passage of `doc`, from the seminar's other texts. */
export async function suggestInSeminar(seminarId: string, doc: SynopseDocument, passage: PassageRef, options: SuggestOptions): Promise<Suggestion[]> {
  const inputs = await inputsFor(seminarId);
  if (!workersUsable()) return suggest(localIndex(seminarId, inputs), passage, options);
  const built = ensureSeminarIndex(seminarId, inputs);
  built.catch((e) => console.error(`[suggest] building the index of seminar ${seminarId} failed`, e));
  const ask = () => queryIndex({ seminarId, key: inputs.key, passage, options, doc: { slug: doc.meta.slug, version: doc.version } });
  let answer;
  try {
    answer = await ask();
    if (answer.missing) {
      await built;
      answer = await ask();
    }
  } catch (e) {
    // A worker could not be started or failed (logged by lib/workers): answer in-process, as without workers.
    if (!workersUsable()) return suggest(localIndex(seminarId, inputs), passage, options);
    throw e;
  }
  if (answer.missing) throw new Error(`no suggestion index for seminar ${seminarId}`);
  return answer.result;
}

/** Build the seminar's index now, in the background (a text was published; the name list or glossary changed). */
export function refreshSeminarIndex(seminarId: string): void {
  if (!workersUsable()) return; // in-process, the next query builds it
  inputsFor(seminarId)
    .then((inputs) => ensureSeminarIndex(seminarId, inputs))
    .catch((e) => console.error(`[suggest] refreshing the index of seminar ${seminarId} failed`, e));
}
