/**
 * describe(): turn a user's selection into the selectors an annotation stores.
 */
import { documentText, locate, type DocumentText } from "@/lib/content/text";
import type { SynopseDocument } from "@/lib/content/types";
import { AnchoringError } from "./errors";
import type { PassageSelectors } from "./types";

/** Characters of prefix/suffix stored around a quote (the W3C/Hypothesis convention). */
export const CONTEXT_LENGTH = 32;

/** Describe a selection given in offsets relative to one block's text. */
export function describe(doc: SynopseDocument, blockId: string, start: number, end: number): PassageSelectors {
  const dt = documentText(doc);
  const index = dt.indexById.get(blockId);
  if (index === undefined) throw new AnchoringError("unknown-block", `No block "${blockId}" in ${doc.meta.slug}`);
  const length = doc.blocks[index].text.length;
  checkIntegers(start, end);
  if (start < 0 || end > length || start > end) {
    throw new AnchoringError("out-of-range", `Range ${start}..${end} is outside block "${blockId}" (length ${length})`);
  }
  const blockDocStart = dt.starts[index];
  return build(doc, dt, index, blockDocStart + start, blockDocStart + end);
}

/**
 * Describe a selection given in document offsets (documentText(doc).text). It may span several blocks;
 * ends that fall inside a block separator are pulled onto the nearest block text.
 */
export function describeRange(doc: SynopseDocument, start: number, end: number): PassageSelectors {
  const dt = documentText(doc);
  checkIntegers(start, end);
  if (start < 0 || end > dt.text.length || start > end) {
    throw new AnchoringError("out-of-range", `Range ${start}..${end} is outside the document (length ${dt.text.length})`);
  }
  let first = locate(dt, start);
  if (first.offset > doc.blocks[first.index].text.length) {
    // Starts in the separator after a block: the passage really starts at the next block.
    if (first.index + 1 >= doc.blocks.length) throw emptySelection();
    first = { index: first.index + 1, offset: 0 };
  }
  const last = locate(dt, end);
  const clampedEnd = Math.min(end, dt.starts[last.index] + doc.blocks[last.index].text.length);
  return build(doc, dt, first.index, dt.starts[first.index] + first.offset, clampedEnd);
}

function build(doc: SynopseDocument, dt: DocumentText, blockIndex: number, start: number, end: number): PassageSelectors {
  const exact = dt.text.slice(start, end);
  // A selection of nothing but whitespace cannot be found again meaningfully.
  if (exact.trim().length === 0) throw emptySelection();
  const blockDocStart = dt.starts[blockIndex];
  return {
    blockId: doc.blocks[blockIndex].id,
    blockStart: start - blockDocStart,
    blockEnd: end - blockDocStart,
    position: { type: "TextPositionSelector", start, end },
    quote: {
      type: "TextQuoteSelector",
      exact,
      prefix: dt.text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
      suffix: dt.text.slice(end, end + CONTEXT_LENGTH),
    },
    version: doc.version,
  };
}

function checkIntegers(start: number, end: number): void {
  if (!Number.isInteger(start) || !Number.isInteger(end)) {
    throw new AnchoringError("out-of-range", `Offsets must be integers, got ${start}..${end}`);
  }
}

function emptySelection(): AnchoringError {
  return new AnchoringError("empty-selection", "The selection contains no text");
}
