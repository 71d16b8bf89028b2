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
  const [r, g, b] = rgbOf(hex) ?? DEFAULT_WASH;
  return `rgb(${r} ${g} ${b} / ${alpha})`;
}

type Rgb = [number, number, number];
const DEFAULT_WASH: Rgb = [250, 204, 21];

function rgbOf(hex: string): Rgb | null {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  return m ? [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)] : null;
}
const toHex = (c: Rgb) => `#${c.map((v) => Math.round(v).toString(16).padStart(2, "0")).join("")}`;

/*
 * WCAG 2 contrast (relative luminance of sRGB, ratio (L1 + 0.05) / (L2 + 0.05)): the formula is a few lines of
 * the specification, so it is written out here rather than taken from a colour library the app does not have.
 */
function luminance([r, g, b]: Rgb): number {
  const lin = (v: number) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
function ratio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
const over = (top: Rgb, alpha: number, under: Rgb): Rgb => [0, 1, 2].map((i) => top[i] * alpha + under[i] * (1 - alpha)) as Rgb;

/** The WCAG contrast ratio of two #rrggbb colours (1..21). */
export function contrast(a: string, b: string): number {
  return ratio(rgbOf(a) ?? [0, 0, 0], rgbOf(b) ?? [255, 255, 255]);
}

/**
 * An instructor's tag colour made fit to read: darkened toward black just enough to reach `min` contrast
 * against `on` (4.5 for text such as a tag chip's name, 3 for a mark). Any colour an instructor picks works.
 */
export function readableColour(hex: string, on: string, min: number): string {
  const base = rgbOf(hex) ?? DEFAULT_WASH;
  const ground = rgbOf(on) ?? [255, 255, 255];
  for (let k = 0; k <= 20; k++) {
    const c = base.map((v) => v * (1 - k / 20)) as Rgb;
    if (ratio(c, ground) >= min) return toHex(c);
  }
  return "#000000";
}

/**
 * The wash a tag paints over a passage: as strong as it can be (up to `alpha`) while the text on it keeps
 * `min` contrast (WCAG AA for body text: 4.5), so a dark tag colour never makes the passage hard to read.
 */
export function readableWash(hex: string, text: string, page: string, alpha: number, min = 4.5): string {
  const base = rgbOf(hex) ?? DEFAULT_WASH;
  const ink = rgbOf(text) ?? [0, 0, 0];
  const ground = rgbOf(page) ?? [255, 255, 255];
  let a = alpha;
  while (a > 0.06 && ratio(ink, over(base, a, ground)) < min) a = Math.round((a - 0.02) * 100) / 100;
  return wash(hex, a);
}
