/**
 * Where seminars and annotations look documents up. The corpus store (lib/content/store) is the
 * production source; tests and scripts inject their own. Kept behind this small interface so the
 * annotation store never depends on how documents are loaded.
 */
import { getDocumentAsync, listDocuments } from "@/lib/content/store";
import type { DocumentMeta, SynopseDocument } from "@/lib/content/types";

export interface DocumentCatalog {
  list(): Promise<DocumentMeta[]>;
  get(slug: string): Promise<SynopseDocument | null>;
}

/** The built-in corpus (content/documents), plus texts uploaded in the app (found by slug, not listed). */
export const corpusCatalog: DocumentCatalog = {
  list: async () => listDocuments(),
  get: async (slug) => getDocumentAsync(slug),
};

let current: DocumentCatalog | null = null;

/** Replace the catalogue (tests, scripts); `null` restores the corpus. */
export function setDocumentCatalog(catalog: DocumentCatalog | null): void {
  current = catalog;
}

export async function documentCatalog(): Promise<DocumentCatalog> {
  return current ?? corpusCatalog;
}

/** An in-memory catalogue over given documents (tests, seeds). */
export function staticCatalog(docs: SynopseDocument[]): DocumentCatalog {
  const bySlug = new Map(docs.map((d) => [d.meta.slug, d]));
  return {
    list: async () => docs.map((d) => d.meta),
    get: async (slug) => bySlug.get(slug) ?? null,
  };
}
