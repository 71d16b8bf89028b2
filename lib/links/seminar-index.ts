/**
 * One suggestion index per seminar, over every text of the seminar — library texts and texts uploaded into
 * it — with the seminar's glossary and name list. Built in the worker thread (lib/workers), never on the
 * request thread: a published 5 MB volume costs seconds of CPU, and members' requests must not wait for it.
 *
 * While a newer index is being built (a text was just published, the glossary changed), requests are
 * answered from the seminar's previous index; only a seminar's very first request waits for its build (and
 * then only that request: the event loop stays free). Framework-free.
 */
import { createHash } from "node:crypto";
import { getDocumentAsync } from "@/lib/content/store";
import type { SynopseDocument } from "@/lib/content/types";
import { db } from "@/lib/db/client";
import type { SuggestIndex } from "@/lib/links/suggest";
import { runTask } from "@/lib/workers/pool";
import { getSeminarGlossary } from "./glossary-store";
import { getSeminarNames } from "./names/store";

interface Entry {
  key: string;
  index: SuggestIndex | null;
  building: Promise<SuggestIndex> | null;
  buildingKey: string | null;
}

const bySeminar = new Map<string, Entry>();
/** A seminar's index stays in memory; the oldest used one leaves when there are more (bounded memory). */
const MAX_SEMINARS = 16;

async function inputsFor(seminarId: string) {
  const slugs = (await db().seminarDocument.findMany({ where: { seminarId }, select: { slug: true }, orderBy: { slug: "asc" } })).map((d) => d.slug);
  const docs: SynopseDocument[] = [];
  for (const slug of slugs) {
    const doc = await getDocumentAsync(slug);
    if (doc) docs.push(doc);
  }
  const glossary = await getSeminarGlossary(seminarId);
  const names = await getSeminarNames(seminarId);
  const key = createHash("sha256")
    .update(docs.map((d) => `${d.meta.slug}@${d.version}`).join(","))
    .update("\0")
    .update(JSON.stringify(glossary))
    .update("\0")
    .update(JSON.stringify(names))
    .digest("hex");
  return { docs, glossary, names, key };
}

function remember(seminarId: string, entry: Entry) {
  bySeminar.delete(seminarId);
  bySeminar.set(seminarId, entry);
  while (bySeminar.size > MAX_SEMINARS) bySeminar.delete(bySeminar.keys().next().value!);
}

/** Start (or join) the build of the seminar's current index. */
async function build(seminarId: string): Promise<{ entry: Entry; fresh: boolean }> {
  const inputs = await inputsFor(seminarId);
  const entry = bySeminar.get(seminarId) ?? { key: "", index: null, building: null, buildingKey: null };
  remember(seminarId, entry);
  if (entry.index && entry.key === inputs.key) return { entry, fresh: true };
  if (entry.buildingKey !== inputs.key) {
    const building = runTask("suggest-index", { docs: inputs.docs, glossary: inputs.glossary, names: inputs.names });
    entry.building = building;
    entry.buildingKey = inputs.key;
    building
      .then((index) => {
        if (entry.buildingKey !== inputs.key) return; // a newer build started meanwhile
        entry.index = index;
        entry.key = inputs.key;
        entry.building = null;
        entry.buildingKey = null;
      })
      .catch((e) => {
        if (entry.buildingKey === inputs.key) {
          entry.building = null;
          entry.buildingKey = null;
        }
        console.error(`[suggest] building the index of seminar ${seminarId} failed`, e);
      });
  }
  return { entry, fresh: false };
}

/**
 * The seminar's index for a request: the current one, else the previous one while the current one is being
 * built, else (first request) wait for the build.
 */
export async function seminarIndex(seminarId: string): Promise<SuggestIndex> {
  const { entry, fresh } = await build(seminarId);
  if (fresh && entry.index) return entry.index;
  if (entry.index) return entry.index;
  return entry.building!;
}

/** Build the seminar's index now, in the background (after a text is published, the list or glossary changed). */
export function refreshSeminarIndex(seminarId: string): void {
  build(seminarId).catch((e) => console.error(`[suggest] refreshing the index of seminar ${seminarId} failed`, e));
}

/** Wait until the seminar's index covers everything it has now (tests, the bench). */
export async function currentSeminarIndex(seminarId: string): Promise<SuggestIndex> {
  const { entry, fresh } = await build(seminarId);
  return fresh && entry.index ? entry.index : entry.building!;
}

/** Forget every seminar's index (tests). */
export function resetSeminarIndexes(): void {
  bySeminar.clear();
}
