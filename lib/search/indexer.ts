/**
 * Keeping the search index current. Annotations are (un)indexed inside the annotation store's own write
 * transaction (./annotation-index subscribes to its writes), so a note is findable the moment it is saved and
 * gone the moment it is deleted. The corpus is indexed when its version (a hash of every document's version) differs from the
 * marker stored in SearchIndexState: on the first search after a start, and by the seed script.
 */
import { createHash } from "node:crypto";
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import type { AnnotationDto } from "@/lib/annotations/types";
import type { SynopseDocument } from "@/lib/content/types";
import { databaseProvider } from "@/lib/db/adapter";
import { db } from "@/lib/db/client";
import { getDocumentAsync } from "@/lib/content/store";
import { documentCatalog } from "@/lib/seminars/catalog";
import { runTask } from "@/lib/workers/pool";
import { ANALYZER_VERSION, normalizeForIndex } from "./analyze";
import { searchRowsOf, workerTasks } from "./worker-tasks";

type Tx = Prisma.TransactionClient | PrismaClient;

export type EntryKind = "text" | "note" | "link";
export const ENTRY_KINDS: readonly EntryKind[] = ["text", "note", "link"];

const CORPUS_MARKER = "corpus-version";

/** What is searchable in an annotation: its text and its tags. */
function annotationText(a: Pick<AnnotationDto, "bodyText" | "tags">): string {
  return [a.bodyText, ...a.tags].filter(Boolean).join("\n");
}

/** The index rows of an annotation at the given passages (pure; empty when it has no text). */
export function annotationEntries(
  a: Pick<AnnotationDto, "id" | "seminarId" | "motivation" | "bodyText" | "tags">,
  passages: Array<{ documentSlug: string; blockId: string; lang: string }>,
): Prisma.SearchEntryCreateManyInput[] {
  const text = annotationText(a);
  if (!text.trim() || !passages.length) return [];
  const columns = normalizeForIndex(text);
  const kind: EntryKind = a.motivation === "linking" ? "link" : "note";
  return passages.map((t) => ({
    kind,
    seminarId: a.seminarId,
    annotationId: a.id,
    documentSlug: t.documentSlug,
    blockId: t.blockId,
    lang: t.lang,
    ...columns,
  }));
}

/**
 * (Re)index one annotation: one entry per passage it sits on (a link sits on two; a reply on its thread
 * root's). Call inside the transaction that wrote the annotation. Highlights without tags have no text
 * and get no entry.
 */
export async function indexAnnotation(tx: Tx, a: AnnotationDto): Promise<void> {
  await tx.searchEntry.deleteMany({ where: { annotationId: a.id } });
  if (!annotationText(a).trim()) return;
  let passages = a.targets.map((t) => ({ documentSlug: t.documentSlug, blockId: t.blockId, lang: t.lang }));
  if (!passages.length && a.rootId) {
    passages = await tx.target.findMany({ where: { annotationId: a.rootId }, select: { documentSlug: true, blockId: true, lang: true } });
  }
  const rows = annotationEntries(a, passages);
  if (rows.length) await tx.searchEntry.createMany({ data: rows });
}

/**
 * Index annotations created in the current transaction (nothing indexed under their ids yet): what
 * indexAnnotation does for each, with one query for the thread roots' passages and one multi-row INSERT
 * (raw SQL: Prisma's createMany costs a fraction of a millisecond of CPU per row).
 */
export async function indexNewAnnotations(tx: Prisma.TransactionClient, list: readonly AnnotationDto[]): Promise<void> {
  const searchable = list.filter((a) => annotationText(a).trim());
  const rootIds = [...new Set(searchable.filter((a) => !a.targets.length && a.rootId).map((a) => a.rootId!))];
  const rootPassages = new Map<string, Array<{ documentSlug: string; blockId: string; lang: string }>>();
  if (rootIds.length) {
    const found = await tx.target.findMany({
      where: { annotationId: { in: rootIds } },
      select: { annotationId: true, documentSlug: true, blockId: true, lang: true },
    });
    for (const t of found) rootPassages.set(t.annotationId, [...(rootPassages.get(t.annotationId) ?? []), t]);
  }
  const rows = searchable.flatMap((a) =>
    annotationEntries(a, a.targets.length ? a.targets : a.rootId ? (rootPassages.get(a.rootId) ?? []) : []).map(
      (r) =>
        Prisma.sql`(${r.kind}, ${r.seminarId ?? null}, ${r.annotationId ?? null}, ${r.documentSlug}, ${r.blockId}, ${r.lang}, ${r.w}, ${r.de}, ${r.en}, ${r.nk})`,
    ),
  );
  if (rows.length) {
    await tx.$executeRaw`INSERT INTO "SearchEntry" ("kind", "seminarId", "annotationId", "documentSlug", "blockId", "lang", "w", "de", "en", "nk") VALUES ${Prisma.join(rows)}`;
  }
}

/**
 * Index a text that belongs to one seminar (uploaded in the app): its blocks become text entries that
 * only the seminar's members find. Call inside the transaction that publishes the text.
 */
export async function indexDocumentText(tx: Tx, doc: SynopseDocument, seminarId: string): Promise<void> {
  await tx.searchEntry.deleteMany({ where: { kind: "text", seminarId, documentSlug: doc.meta.slug } });
  const rows = doc.blocks
    .filter((b) => b.text.trim())
    .map((b) => ({
      kind: "text",
      seminarId,
      annotationId: null,
      documentSlug: doc.meta.slug,
      blockId: b.id,
      lang: doc.meta.lang,
      ...normalizeForIndex(b.text),
    }));
  for (let i = 0; i < rows.length; i += 500) await tx.searchEntry.createMany({ data: rows.slice(i, i + 500) });
}

// ---- texts uploaded into a seminar: indexed when published, off the request thread ----

const TEXT_MARKER = (slug: string) => `text:${slug}`;
/** What a finished text marker holds: the analysis it was indexed with and the text's version. */
const textMarkerValue = (docVersion: string) => `${ANALYZER_VERSION}:${docVersion}`;
/** Rows per INSERT: small enough that other requests get the database between two of them. */
const TEXT_CHUNK = 250;
const textJobs = new Map<string, { seminarId: string; done: Promise<void> }>();

async function runTextJob(seminarId: string, slug: string): Promise<void> {
  const doc = await getDocumentAsync(slug);
  if (!doc) return;
  // The words are analysed (Snowball stemming of every word: seconds for a volume) in the worker thread.
  const rows = await searchRowsOf(doc, (input) => runTask(workerTasks, "search-rows", input));
  const lang = doc.meta.lang;
  await db().searchEntry.deleteMany({ where: { kind: "text", seminarId, documentSlug: slug } });
  // Inserted in small batches, each its own statement, so members' requests interleave with them; the marker
  // is written last, so a text whose indexing was cut short (a restart) is indexed again (ensureTextsIndexed).
  for (let i = 0; i < rows.length; i += TEXT_CHUNK) {
    // SQLite writes run on this thread: leave room for members' requests between two batches.
    if (i > 0) await new Promise((r) => setTimeout(r, 20));
    await db().searchEntry.createMany({
      data: rows
        .slice(i, i + TEXT_CHUNK)
        .map((r) => ({ kind: "text", seminarId, annotationId: null, documentSlug: slug, blockId: r.blockId, lang, w: r.w, de: r.de, en: r.en, nk: r.nk })),
    });
  }
  await db().searchIndexState.upsert({
    where: { key: TEXT_MARKER(slug) },
    create: { key: TEXT_MARKER(slug), value: textMarkerValue(doc.version) },
    update: { value: textMarkerValue(doc.version) },
  });
}

/**
 * Index a text uploaded into a seminar (call after the publishing transaction committed). Returns at once;
 * the work runs in the background, one text after another. Only the seminar's members find the text
 * (text entries carry the seminar, lib/search/sql matchEntries).
 */
export function indexUploadedText(seminarId: string, slug: string): Promise<void> {
  const running = textJobs.get(slug);
  if (running) return running.done;
  const previous = [...textJobs.values()].map((j) => j.done.catch(() => undefined));
  const done = Promise.all(previous)
    .then(() => runTextJob(seminarId, slug))
    .catch((e) => console.error(`[search] indexing ${slug} failed`, e))
    .finally(() => textJobs.delete(slug));
  textJobs.set(slug, { seminarId, done });
  return done;
}

let uploadsChecked: Promise<void> | null = null;

/**
 * Queue every uploaded text without a finished index under the current analysis (published before indexing
 * existed, cut short by a restart, or indexed by an older analysis).
 */
async function queueUnindexedUploads(): Promise<void> {
  const [uploads, markers] = await Promise.all([
    db().uploadedDocument.findMany({ select: { slug: true, seminarId: true } }),
    db().searchIndexState.findMany({ where: { key: { startsWith: "text:" } }, select: { key: true, value: true } }),
  ]);
  const done = new Set(markers.filter((m) => m.value.startsWith(`${ANALYZER_VERSION}:`)).map((m) => m.key.slice("text:".length)));
  for (const u of uploads) if (!done.has(u.slug)) void indexUploadedText(u.seminarId, u.slug);
}

/**
 * Once per process, queue the uploaded texts whose index is missing; then wait for the texts of `waitFor`'s
 * seminars being indexed right now (at most `maxWaitMs`), so a member who searches just after publishing
 * finds the text. Members of other seminars are not held up. An uploaded text does not change after
 * publishing, so its marker says all.
 */
export async function ensureUploadsIndexed(waitFor: string[] = [], maxWaitMs = 10_000): Promise<void> {
  uploadsChecked ??= queueUnindexedUploads().catch((e) => {
    uploadsChecked = null;
    throw e;
  });
  await uploadsChecked;
  const wanted = [...textJobs.values()].filter((j) => waitFor.includes(j.seminarId)).map((j) => j.done);
  if (wanted.length) await Promise.race([Promise.all(wanted), new Promise((r) => setTimeout(r, maxWaitMs).unref())]);
}

/** Remove an annotation from the index (deleted). */
export async function unindexAnnotation(tx: Tx, annotationId: string): Promise<void> {
  await tx.searchEntry.deleteMany({ where: { annotationId } });
}

interface CorpusSnapshot {
  version: string;
  slugs: string[];
}

async function corpusSnapshot(): Promise<CorpusSnapshot> {
  const catalog = await documentCatalog();
  const metas = await catalog.list();
  const docs = await Promise.all(metas.map((m) => catalog.get(m.slug)));
  const parts = docs
    .filter((d) => d !== null)
    .map((d) => `${d.meta.slug}@${d.version}`)
    .sort();
  // The analyzer's version is part of the marker: a change in analysis re-indexes the corpus.
  const version = createHash("sha256")
    .update(`${ANALYZER_VERSION}\n${parts.join("\n")}`)
    .digest("hex")
    .slice(0, 16);
  return { version, slugs: metas.map((m) => m.slug) };
}

let indexed: { version: string; done: Promise<void> } | null = null;

/**
 * Make sure the corpus text in the index is the current corpus. Cheap when it is (one hash of the
 * document versions, memoized per process); otherwise replaces every corpus entry in one transaction.
 */
export async function ensureCorpusIndexed(): Promise<{ reindexed: boolean }> {
  const snapshot = await corpusSnapshot();
  if (indexed?.version === snapshot.version) {
    await indexed.done;
    return { reindexed: false };
  }
  let reindexed = false;
  const done = (async () => {
    const marker = await db().searchIndexState.findUnique({ where: { key: CORPUS_MARKER } });
    if (marker?.value === snapshot.version) return;
    await reindexCorpus(snapshot);
    reindexed = true;
  })();
  indexed = { version: snapshot.version, done };
  try {
    await done;
  } catch (e) {
    indexed = null;
    throw e;
  }
  return { reindexed };
}

async function reindexCorpus(snapshot: CorpusSnapshot): Promise<void> {
  const catalog = await documentCatalog();
  const rows: Prisma.SearchEntryCreateManyInput[] = [];
  for (const slug of snapshot.slugs) {
    const doc = await catalog.get(slug);
    if (!doc) continue;
    for (const block of doc.blocks) {
      if (!block.text.trim()) continue;
      rows.push({
        kind: "text",
        seminarId: null,
        annotationId: null,
        documentSlug: slug,
        blockId: block.id,
        lang: doc.meta.lang,
        ...normalizeForIndex(block.text),
      });
    }
  }
  await db().$transaction(
    async (tx) => {
      // Two servers starting at once on PostgreSQL must not both insert the corpus.
      if (databaseProvider() === "postgresql") await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(715517)");
      const marker = await tx.searchIndexState.findUnique({ where: { key: CORPUS_MARKER } });
      if (marker?.value === snapshot.version) return;
      await tx.searchEntry.deleteMany({ where: { kind: "text", seminarId: null } });
      for (let i = 0; i < rows.length; i += 500) await tx.searchEntry.createMany({ data: rows.slice(i, i + 500) });
      await tx.searchIndexState.upsert({
        where: { key: CORPUS_MARKER },
        create: { key: CORPUS_MARKER, value: snapshot.version },
        update: { value: snapshot.version },
      });
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

// ---- notes and links indexed by an older analysis ----

const NOTES_MARKER = "notes-analyzer";
const NOTES_BATCH = 200;
let notesAnalyzed: Promise<void> | null = null;

/**
 * Once per analysis: give the entries of notes and links written under an older analysis the current tokens,
 * from their annotation's text, a batch of annotations at a time. An entry whose annotation was edited since it
 * was read here keeps what the edit wrote (the update only touches rows whose folded words are the ones read).
 */
export async function ensureNotesAnalyzed(): Promise<void> {
  notesAnalyzed ??= reanalyzeNotes().catch((e) => {
    notesAnalyzed = null;
    throw e;
  });
  await notesAnalyzed;
}

async function reanalyzeNotes(): Promise<void> {
  const marker = await db().searchIndexState.findUnique({ where: { key: NOTES_MARKER } });
  if (marker?.value === ANALYZER_VERSION) return;
  let after = "";
  for (;;) {
    const ids = await db().searchEntry.findMany({
      where: { annotationId: { gt: after } },
      distinct: ["annotationId"],
      orderBy: { annotationId: "asc" },
      take: NOTES_BATCH,
      select: { annotationId: true },
    });
    if (!ids.length) break;
    after = ids[ids.length - 1].annotationId!;
    const notes = await db().annotation.findMany({
      where: { id: { in: ids.map((r) => r.annotationId!) } },
      select: { id: true, bodyText: true, tags: { select: { tag: true } } },
    });
    for (const n of notes) {
      const columns = normalizeForIndex(annotationText({ bodyText: n.bodyText, tags: n.tags.map((t) => t.tag) }));
      await db().searchEntry.updateMany({ where: { annotationId: n.id, w: columns.w }, data: columns });
    }
  }
  await db().searchIndexState.upsert({
    where: { key: NOTES_MARKER },
    create: { key: NOTES_MARKER, value: ANALYZER_VERSION },
    update: { value: ANALYZER_VERSION },
  });
}

/** Forget the in-process memo (tests that swap the document catalogue). */
export function resetCorpusIndexMemo(): void {
  indexed = null;
  uploadsChecked = null;
  notesAnalyzed = null;
}
