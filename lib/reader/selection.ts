/**
 * DOM selection ⇄ passage (block id + character offsets into Block.text).
 *
 * The reader renders each block as one element carrying `data-block-id`, whose text nodes, read in
 * document order, spell exactly Block.text. Footnote markers are the only foreign text inside a block;
 * they sit in elements marked `data-fn-marker` and are skipped when counting. Offsets are UTF-16 code
 * units, like Block.text and Mark offsets.
 *
 * Framework-free and typed against the few Node members it reads, so real DOM nodes work in the browser
 * and hand-built trees work in unit tests. Used by the reader (deep links, "copy link to this passage")
 * and by annotations (describe a selection, paint a highlight).
 */

export const BLOCK_ATTRIBUTE = "data-block-id";
export const SKIP_ATTRIBUTE = "data-fn-marker";

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/** The parts of DOM's Node this module reads. */
export interface NodeLike {
  nodeType: number;
  nodeValue: string | null;
  parentNode: NodeLike | null;
  childNodes: ArrayLike<NodeLike>;
}

interface ElementLike extends NodeLike {
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
}

/** The parts of DOM's Range (or a Selection's range) this module reads. */
export interface RangeLike {
  startContainer: NodeLike;
  startOffset: number;
  endContainer: NodeLike;
  endOffset: number;
}

export interface BlockPoint {
  blockId: string;
  offset: number;
}

/**
 * A passage: characters [blockStart, blockEnd) of one block's text (UTF-16 offsets, as targets' blockStart and
 * blockEnd; `start`/`end` elsewhere are offsets in the whole document's text). What deep links and annotations
 * point at.
 */
export interface Passage {
  blockId: string;
  blockStart: number;
  blockEnd: number;
}

export interface Boundaries {
  startNode: NodeLike;
  startOffset: number;
  endNode: NodeLike;
  endOffset: number;
}

function isElement(node: NodeLike): node is ElementLike {
  return node.nodeType === ELEMENT_NODE;
}

/** The nearest element (the node itself or an ancestor) carrying data-block-id. */
export function findBlockElement(node: NodeLike | null): ElementLike | null {
  for (let n = node; n; n = n.parentNode) {
    if (isElement(n) && n.hasAttribute(BLOCK_ATTRIBUTE)) return n;
  }
  return null;
}

/** Elements inside a block whose text is not the block's own: footnote markers and nested blocks. */
function isForeign(node: NodeLike, block: NodeLike): boolean {
  return node !== block && isElement(node) && (node.hasAttribute(SKIP_ATTRIBUTE) || node.hasAttribute(BLOCK_ATTRIBUTE));
}

/** The block's own text nodes in document order. */
export function blockTextNodes(block: NodeLike): NodeLike[] {
  const out: NodeLike[] = [];
  const visit = (n: NodeLike) => {
    if (n.nodeType === TEXT_NODE) {
      out.push(n);
      return;
    }
    if (isForeign(n, block)) return;
    for (let i = 0; i < n.childNodes.length; i++) visit(n.childNodes[i]);
  };
  visit(block);
  return out;
}

/** The block's text as the reader shows it (equals Block.text when rendered correctly). */
export function blockText(block: NodeLike): string {
  return blockTextNodes(block)
    .map((t) => t.nodeValue ?? "")
    .join("");
}

function ownTextLength(node: NodeLike, block: NodeLike): number {
  if (node.nodeType === TEXT_NODE) return (node.nodeValue ?? "").length;
  if (isForeign(node, block)) return 0;
  let sum = 0;
  for (let i = 0; i < node.childNodes.length; i++) sum += ownTextLength(node.childNodes[i], block);
  return sum;
}

/**
 * The character offset in `block` of a DOM boundary point (node, offset), as a Range reports it.
 * A point inside a footnote marker counts as the marker's position. Null if the point is outside the block.
 */
export function offsetInBlock(block: NodeLike, node: NodeLike, offset: number): number | null {
  let count = 0;
  let found = false;
  const visit = (n: NodeLike, foreign: boolean) => {
    if (found) return;
    if (n === node) {
      found = true;
      if (foreign) return;
      if (n.nodeType === TEXT_NODE) count += Math.min(offset, (n.nodeValue ?? "").length);
      else for (let i = 0; i < Math.min(offset, n.childNodes.length); i++) count += ownTextLength(n.childNodes[i], block);
      return;
    }
    if (n.nodeType === TEXT_NODE) {
      if (!foreign) count += (n.nodeValue ?? "").length;
      return;
    }
    const childForeign = foreign || isForeign(n, block);
    for (let i = 0; i < n.childNodes.length && !found; i++) visit(n.childNodes[i], childForeign);
  };
  visit(block, false);
  return found ? count : null;
}

interface LocatedPoint {
  block: ElementLike;
  offset: number;
}

function locatePoint(node: NodeLike, offset: number): LocatedPoint | null {
  // A point between blocks (its container is the blocks' parent) belongs to the block after it.
  if (isElement(node) && !findBlockElement(node)) {
    const next = offset < node.childNodes.length ? firstBlockIn(node.childNodes[offset]) : null;
    return next ? { block: next, offset: 0 } : null;
  }
  const block = findBlockElement(node);
  if (!block) return null;
  const at = offsetInBlock(block, node, offset);
  return at === null ? null : { block, offset: at };
}

function firstBlockIn(node: NodeLike): ElementLike | null {
  if (isElement(node) && node.hasAttribute(BLOCK_ATTRIBUTE)) return node;
  for (let i = 0; i < node.childNodes.length; i++) {
    const hit = firstBlockIn(node.childNodes[i]);
    if (hit) return hit;
  }
  return null;
}

const idOf = (block: ElementLike) => block.getAttribute(BLOCK_ATTRIBUTE) ?? "";

/** Where a DOM boundary point falls in the document's blocks, or null if it is outside every block. */
export function pointInBlocks(node: NodeLike, offset: number): BlockPoint | null {
  const p = locatePoint(node, offset);
  return p ? { blockId: idOf(p.block), offset: p.offset } : null;
}

/** Both ends of a range as block points (they may lie in different blocks). */
export function describeRange(range: RangeLike): { start: BlockPoint; end: BlockPoint } | null {
  const start = pointInBlocks(range.startContainer, range.startOffset);
  const end = pointInBlocks(range.endContainer, range.endOffset);
  return start && end ? { start, end } : null;
}

/**
 * The passage a selection range names, for a deep link: a range inside one block maps exactly; a range
 * running on into later blocks is cut at the end of its first block (a triple-click selects a paragraph
 * and ends at offset 0 of the next one). Null for an empty range or one outside the blocks.
 */
export function passageFromRange(range: RangeLike): Passage | null {
  const start = locatePoint(range.startContainer, range.startOffset);
  if (!start) return null;
  const end = locatePoint(range.endContainer, range.endOffset);
  const endOffset = end && end.block === start.block ? end.offset : ownTextLength(start.block, start.block);
  if (endOffset <= start.offset) return null;
  return { blockId: idOf(start.block), blockStart: start.offset, blockEnd: endOffset };
}

/**
 * The DOM boundary points for characters [start, end) of a block: the inverse of offsetInBlock.
 * Offsets are clamped to the block's text. Null if the block has no text.
 */
export function boundariesForPassage(block: NodeLike, start: number, end: number): Boundaries | null {
  const nodes = blockTextNodes(block);
  if (nodes.length === 0) return null;
  const total = nodes.reduce((n, t) => n + (t.nodeValue ?? "").length, 0);
  const s = Math.max(0, Math.min(start, total));
  const e = Math.max(s, Math.min(end, total));
  // A start on a node boundary goes to the start of the next node, an end to the end of the previous one,
  // so the range never begins or ends just outside its text (e.g. before a footnote marker).
  const locate = (offset: number, preferNext: boolean): { node: NodeLike; offset: number } => {
    let pos = 0;
    for (let i = 0; i < nodes.length; i++) {
      const len = (nodes[i].nodeValue ?? "").length;
      const last = i === nodes.length - 1;
      if (offset < pos + len || (offset === pos + len && (!preferNext || last))) return { node: nodes[i], offset: offset - pos };
      pos += len;
    }
    const lastNode = nodes[nodes.length - 1];
    return { node: lastNode, offset: (lastNode.nodeValue ?? "").length };
  };
  const a = locate(s, true);
  const b = locate(e, false);
  return { startNode: a.node, startOffset: a.offset, endNode: b.node, endOffset: b.offset };
}
