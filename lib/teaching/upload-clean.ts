/**
 * The CPU- and memory-heavy half of an upload, with no database and no framework, so it can run in a
 * worker thread (upload-worker.ts): clean the file through the corpus pipeline, describe the result for
 * the preview, and pack what publishing needs (deflated JSON). Everything it returns is plain data.
 */
import zlib from "node:zlib";
import { buildMemorySource, type BuiltDocument } from "@/lib/content/pipeline";
import type { DocumentKind, Language, BlockType } from "@/lib/content/types";

export interface UploadPreview {
  token: string;
  slug: string;
  title: string | null;
  author: string | null;
  lang: string;
  date: string | null;
  kind: string;
  /** Where the text comes from (the form's field, the file's front matter or TEI header), shown before publishing. */
  source: string | null;
  blocks: number;
  blockCounts: Partial<Record<BlockType, number>>;
  words: number;
  outline: Array<{ level: number; text: string }>;
  firstParagraphs: string[];
  footnotes: { total: number; linked: number; unreferenced: number };
  removals: number;
  mends: number;
  /** TEI: elements the cleaner does not know, kept as text in the nearest block, most frequent first. */
  generic: Array<{ element: string; count: number }>;
  /** The licence the file states (TEI header), shown so the instructor can check it may be used. */
  licence: string | null;
}

export interface CleanRequest {
  fileName: string;
  bytes: Uint8Array;
  slug: string;
  meta: { kind: DocumentKind; lang?: Language; title?: string; author?: string; source: string };
}

export interface CleanedUpload {
  slug: string;
  preview: Omit<UploadPreview, "token">;
  /** The draft as stored until publishing: deflated JSON of `{ doc, markdown }`. */
  draft: Uint8Array;
}

/** Clean, describe and pack one upload. Throws ContentError for input the pipeline refuses. */
export function cleanUpload(req: CleanRequest): CleanedUpload {
  const built = buildMemorySource({
    fileName: req.fileName,
    bytes: Buffer.from(req.bytes.buffer, req.bytes.byteOffset, req.bytes.byteLength),
    slug: req.slug,
    meta: req.meta,
  });
  const draft = new Uint8Array(zlib.deflateSync(Buffer.from(JSON.stringify({ doc: built.doc, markdown: built.markdown }), "utf8")));
  return { slug: built.doc.meta.slug, preview: describePreview(built), draft };
}

function describePreview(built: BuiltDocument): Omit<UploadPreview, "token"> {
  const { doc } = built;
  const blockCounts: Partial<Record<BlockType, number>> = {};
  let words = 0;
  for (const b of doc.blocks) {
    blockCounts[b.type] = (blockCounts[b.type] ?? 0) + 1;
    words += b.text.split(/\s+/).filter(Boolean).length;
  }
  const notes = doc.blocks.filter((b) => b.type === "footnote");
  return {
    slug: doc.meta.slug,
    title: doc.meta.title,
    author: doc.meta.author,
    lang: doc.meta.lang,
    date: doc.meta.date,
    kind: doc.meta.kind,
    source: doc.meta.source?.trim() || null,
    blocks: doc.blocks.length,
    blockCounts,
    words,
    outline: doc.blocks
      .filter((b) => b.type === "heading")
      .slice(0, 200)
      .map((b) => ({ level: b.level ?? 2, text: b.text })),
    firstParagraphs: doc.blocks
      .filter((b) => b.type === "paragraph")
      .slice(0, 3)
      .map((b) => (b.text.length > 400 ? `${b.text.slice(0, 399)}…` : b.text)),
    footnotes: {
      total: notes.length,
      linked: notes.filter((n) => (n.footnote?.refs.length ?? 0) > 0).length,
      unreferenced: notes.filter((n) => (n.footnote?.refs.length ?? 0) === 0).length,
    },
    removals: built.result.removals.length,
    mends: built.result.mends.length,
    generic: Object.entries(built.result.generic ?? {})
      .map(([element, count]) => ({ element, count }))
      .sort((a, b) => b.count - a.count || a.element.localeCompare(b.element))
      .slice(0, 100),
    licence: doc.meta.licence ?? null,
  };
}
