/**
 * Where seminars and annotations look documents up. The corpus store (lib/content/store) is the
 * production source; tests and scripts inject their own. Kept behind this small interface so the
 * annotation store never depends on how documents are loaded.
 */
import type { DocumentMeta, SynopseDocument } from "@/lib/content/types";

export interface DocumentCatalog {
  list(): Promise<DocumentMeta[]>;
  get(slug: string): Promise<SynopseDocument | null>;
}

let current: DocumentCatalog | null = null;
let loadDefault: (() => Promise<DocumentCatalog>) | null = null;

/** Replace the catalogue (tests, scripts). */
export function setDocumentCatalog(catalog: DocumentCatalog): void {
  current = catalog;
}

/** Register how to load the production catalogue lazily (done by lib/seminars/corpus.ts). */
export function setDefaultCatalogLoader(loader: () => Promise<DocumentCatalog>): void {
  loadDefault = loader;
}

export async function documentCatalog(): Promise<DocumentCatalog> {
  if (current) return current;
  if (loadDefault) {
    current = await loadDefault();
    return current;
  }
  return { list: async () => [], get: async () => null };
}

/** An in-memory catalogue over given documents (tests, seeds). */
export function staticCatalog(docs: SynopseDocument[]): DocumentCatalog {
  const bySlug = new Map(docs.map((d) => [d.meta.slug, d]));
  return {
    list: async () => docs.map((d) => d.meta),
    get: async (slug) => bySlug.get(slug) ?? null,
  };
}
