/**
 * Keeping the search index current. Annotations are (un)indexed inside the annotation store's own write
 * transaction (one call per write), so a note is findable the moment it is saved and gone the moment it is
 * deleted. The corpus is indexed when its version (a hash of every document's version) differs from the
 * marker stored in SearchIndexState: on the first search after a start, and by the seed script.
 */
import { createHash } from "node:crypto";
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import type { AnnotationDto } from "@/lib/annotations/types";
import type { SynopseDocument } from "@/lib/content/types";
import { databaseProvider } from "@/lib/db/adapter";
import { db } from "@/lib/db/client";
import { documentCatalog } from "@/lib/seminars/catalog";
import { normalizeForIndex } from "./analyze";

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
  return passages.map((t) => ({ kind, seminarId: a.seminarId, annotationId: a.id, documentSlug: t.documentSlug, blockId: t.blockId, lang: t.lang, ...columns }));
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
    const found = await tx.target.findMany({ where: { annotationId: { in: rootIds } }, select: { annotationId: true, documentSlug: true, blockId: true, lang: true } });
    for (const t of found) rootPassages.set(t.annotationId, [...(rootPassages.get(t.annotationId) ?? []), t]);
  }
  const rows = searchable.flatMap((a) =>
    annotationEntries(a, a.targets.length ? a.targets : a.rootId ? (rootPassages.get(a.rootId) ?? []) : []).map(
      (r) => Prisma.sql`(${r.kind}, ${r.seminarId ?? null}, ${r.annotationId ?? null}, ${r.documentSlug}, ${r.blockId}, ${r.lang}, ${r.w}, ${r.de}, ${r.en}, ${r.nk})`,
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
    .map((b) => ({ kind: "text", seminarId, annotationId: null, documentSlug: doc.meta.slug, blockId: b.id, lang: doc.meta.lang, ...normalizeForIndex(b.text) }));
  for (let i = 0; i < rows.length; i += 500) await tx.searchEntry.createMany({ data: rows.slice(i, i + 500) });
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
  const parts = docs.filter((d) => d !== null).map((d) => `${d.meta.slug}@${d.version}`).sort();
  // The analyzer's version is part of the marker: a change in analysis re-indexes the corpus.
  const version = createHash("sha256").update(`analyze-v1\n${parts.join("\n")}`).digest("hex").slice(0, 16);
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
      rows.push({ kind: "text", seminarId: null, annotationId: null, documentSlug: slug, blockId: block.id, lang: doc.meta.lang, ...normalizeForIndex(block.text) });
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
      await tx.searchIndexState.upsert({ where: { key: CORPUS_MARKER }, create: { key: CORPUS_MARKER, value: snapshot.version }, update: { value: snapshot.version } });
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

/** Forget the in-process memo (tests that swap the document catalogue). */
export function resetCorpusIndexMemo(): void {
  indexed = null;
}
