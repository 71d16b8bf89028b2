import type { Block, SynopseDocument } from "./types";

/** Blocks are separated by this in the document's plain text (what TextPositionSelectors count in). */
export const BLOCK_SEPARATOR = "\n\n";

export interface DocumentText {
  /** All block texts (body, then footnotes) joined by BLOCK_SEPARATOR. */
  text: string;
  /** start offset of each block in `text`, same order as doc.blocks */
  starts: number[];
  /** block id -> index in doc.blocks */
  indexById: Map<string, number>;
}

const cache = new WeakMap<SynopseDocument, DocumentText>();

/** The document's plain text and block offsets. Cached per document object. */
export function documentText(doc: SynopseDocument): DocumentText {
  const hit = cache.get(doc);
  if (hit) return hit;
  const starts: number[] = [];
  const indexById = new Map<string, number>();
  let pos = 0;
  doc.blocks.forEach((b: Block, i: number) => {
    starts.push(pos);
    indexById.set(b.id, i);
    pos += b.text.length + BLOCK_SEPARATOR.length;
  });
  const text = doc.blocks.map((b) => b.text).join(BLOCK_SEPARATOR);
  const result = { text, starts, indexById };
  cache.set(doc, result);
  return result;
}

/** Map a document-level offset to (block index, offset within block). Offsets in separators snap to the next block. */
export function locate(dt: DocumentText, offset: number): { index: number; offset: number } {
  let lo = 0;
  let hi = dt.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (dt.starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { index: lo, offset: offset - dt.starts[lo] };
}
