/**
 * The app's read API for the corpus: the clean documents in content/documents/*.md (relative to
 * process.cwd(), i.e. the project root for `next start` and the CLI). Server-only: it reads the file system
 * (node:fs), so it can only run on the server. Documents are parsed once, on first use, and kept in memory;
 * the corpus changes only through `npm run content:build` plus a restart.
 */
import { LRUCache } from "lru-cache";
import { approxBytes } from "@/lib/cache/size";
import fs from "node:fs";
import path from "node:path";
import { parseDocumentMarkdown } from "./markdown";
import type { DocumentMeta, SynopseDocument } from "./types";

export const DOCUMENTS_DIR = path.join("content", "documents");

interface Corpus {
  bySlug: Map<string, SynopseDocument>;
  list: DocumentMeta[];
}

let cache: { dir: string; corpus: Corpus } | null = null;

/** Read and parse every clean document in `dir` (absolute or relative to cwd). Throws ContentError on bad files. */
export function loadCorpus(dir: string): Corpus {
  const bySlug = new Map<string, SynopseDocument>();
  const names = fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.endsWith(".md") && !n.endsWith(".removals.md")) : [];
  for (const name of names.sort()) {
    const doc = parseDocumentMarkdown(fs.readFileSync(path.join(dir, name), "utf8"), path.join(dir, name));
    bySlug.set(doc.meta.slug, doc);
  }
  const list = [...bySlug.values()].map((d) => d.meta).sort((a, b) => a.slug.localeCompare(b.slug));
  return { bySlug, list };
}

function corpus(): Corpus {
  const dir = path.resolve(process.cwd(), DOCUMENTS_DIR);
  if (!cache || cache.dir !== dir) cache = { dir, corpus: loadCorpus(dir) };
  return cache.corpus;
}

/** Metadata of every document, sorted by slug. */
export function listDocuments(): DocumentMeta[] {
  return [...corpus().list];
}

/** Whether the text is part of the public library (content/documents), as opposed to one uploaded to a seminar. */
export function isLibraryDocument(slug: string): boolean {
  return corpus().list.some((d) => d.slug === slug);
}

export function getDocument(slug: string): SynopseDocument | null {
  return corpus().bySlug.get(slug) ?? uploaded.get(slug) ?? null;
}

export function hasDocument(slug: string): boolean {
  return corpus().bySlug.has(slug) || uploaded.has(slug);
}

// ---- documents uploaded in the app (table UploadedDocument), next to the corpus ----
// The async lookups below fall back to the database and keep what they found here, so the sync API above
// also knows an uploaded document once anything on the server has loaded it (the reader preloads its panes).

// Bounded by bytes (lru-cache): an uploaded volume is tens of MB in memory, a letter a few KB, so a count of
// documents bounds nothing; one read from the database brings a dropped one back. 160 MB at most.
const uploaded = new LRUCache<string, SynopseDocument>({ max: 256, maxSize: 160_000_000, sizeCalculation: (doc) => approxBytes(doc) });

/** A corpus document, or one uploaded in the app (read from the database once, then cached). */
export async function getDocumentAsync(slug: string): Promise<SynopseDocument | null> {
  const known = getDocument(slug);
  if (known) return known;
  const { db } = await import("@/lib/db/client");
  const row = await db().uploadedDocument.findUnique({ where: { slug }, select: { markdown: true, document: true } });
  if (!row) return null;
  const doc = row.document ? (JSON.parse(row.document) as SynopseDocument) : parseDocumentMarkdown(row.markdown, `uploaded/${slug}.md`);
  uploaded.set(slug, doc);
  return doc;
}

export async function hasDocumentAsync(slug: string): Promise<boolean> {
  return (await getDocumentAsync(slug)) !== null;
}

/** Load these documents so the sync getDocument/hasDocument see uploaded ones too (unknown slugs are ignored). */
export async function preloadDocuments(slugs: readonly string[]): Promise<void> {
  await Promise.all(slugs.map((s) => getDocumentAsync(s)));
}

/** Put a just-published upload into the cache (no database round trip), or forget one (null). */
export function cacheUploadedDocument(slug: string, doc: SynopseDocument | null): void {
  if (doc) uploaded.set(slug, doc);
  else uploaded.delete(slug);
}

/** Forget the cached corpus (tests; after a rebuild in a long-running process). */
export function resetDocumentCache(): void {
  cache = null;
  uploaded.clear();
}
