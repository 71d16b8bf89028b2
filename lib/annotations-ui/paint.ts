/**
 * Where notes' and links' passages are in a pane: DOM ranges over the server-rendered text, for the one
 * highlight painter (lib/reader/highlights.ts, the CSS Custom Highlight API) and for hit-testing clicks.
 * Nothing in the text is wrapped or changed, so React's tree and lib/reader/selection's offsets stay
 * exactly as rendered. Browser-only (DOM Range).
 */
import { BLOCK_ATTRIBUTE, blockText, boundariesForPassage } from "@/lib/reader/selection";
import { segmentsFor, type PassageAnchor } from "./state";



/** The document's blocks in a pane, in reading order, with their text lengths. */
export function blockLayout(docRoot: Element): Array<{ id: string; length: number; el: Element }> {
  return [...docRoot.querySelectorAll(`[${BLOCK_ATTRIBUTE}]`)].map((el) => ({
    id: el.getAttribute(BLOCK_ATTRIBUTE) ?? "",
    length: blockText(el as unknown as Parameters<typeof blockText>[0]).length,
    el,
  }));
}

/** DOM ranges (one per block) for an anchored passage in a pane's document; empty if it cannot be placed. */
export function passageRanges(layout: ReturnType<typeof blockLayout>, anchor: PassageAnchor): Range[] {
  if (anchor.status !== "anchored") return [];
  const byId = new Map(layout.map((b) => [b.id, b.el]));
  const ranges: Range[] = [];
  for (const seg of segmentsFor(layout, anchor)) {
    const el = byId.get(seg.blockId);
    const b = el ? boundariesForPassage(el as unknown as Parameters<typeof boundariesForPassage>[0], seg.start, seg.end) : null;
    if (!el || !b) continue;
    const range = el.ownerDocument.createRange();
    range.setStart(b.startNode as unknown as Node, b.startOffset);
    range.setEnd(b.endNode as unknown as Node, b.endOffset);
    if (!range.collapsed) ranges.push(range);
  }
  return ranges;
}

/** The text position under a viewport point (both the standard and WebKit's older API). */
export function caretAt(x: number, y: number): { node: Node; offset: number } | null {
  const d = document as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
    caretRangeFromPoint?: (x: number, y: number) => Range | null;
  };
  if (d.caretPositionFromPoint) {
    const p = d.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  const r = d.caretRangeFromPoint?.(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : null;
}

/**
 * Which painted passage a click at (x, y) hit: the shortest range containing the point (nested notes
 * open innermost first). The click must land on the text itself, not beside it at a line's end.
 */
export function hitTest<T>(x: number, y: number, painted: ReadonlyArray<{ key: T; ranges: Range[] }>): T | null {
  const caret = caretAt(x, y);
  if (!caret) return null;
  let best: { key: T; length: number } | null = null;
  for (const p of painted) {
    for (const range of p.ranges) {
      let inside = false;
      try {
        inside = range.isPointInRange(caret.node, caret.offset);
      } catch {
        inside = false;
      }
      if (!inside) continue;
      const rects = [...range.getClientRects()];
      if (!rects.some((rc) => x >= rc.left - 1 && x <= rc.right + 1 && y >= rc.top - 1 && y <= rc.bottom + 1)) continue;
      const length = range.toString().length;
      if (!best || length < best.length) best = { key: p.key, length };
    }
  }
  return best?.key ?? null;
}

/** "#b3261e" → "rgb(179 38 30 / 0.24)": a translucent wash of an instructor's tag colour. */
export function wash(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return `rgb(250 204 21 / ${alpha})`;
  return `rgb(${parseInt(m[1], 16)} ${parseInt(m[2], 16)} ${parseInt(m[3], 16)} / ${alpha})`;
}
