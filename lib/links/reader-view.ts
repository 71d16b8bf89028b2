/**
 * The reader's arithmetic for links, kept apart from the DOM so it can be tested: which link ends a pane
 * shows, which link lines two panes up for synchronized scrolling, where a connector runs. Framework-free.
 */
import type { LinkEnd, LinkView } from "./views";
import { plainTextToNoteHtml } from "@/lib/text/html";

/** A link end shown in a pane, with the link's other end. */
export interface PaneEnd {
  link: LinkView;
  end: LinkEnd;
  other: LinkEnd;
}

/** The anchored link ends that lie in a document (both ends when a link joins two passages of one document). */
export function endsIn(links: readonly LinkView[], slug: string): PaneEnd[] {
  const out: PaneEnd[] = [];
  for (const link of links) {
    const [a, b] = link.ends;
    if (a.slug === slug && a.anchor.status === "anchored") out.push({ link, end: a, other: b });
    if (b.slug === slug && b.anchor.status === "anchored") out.push({ link, end: b, other: a });
  }
  return out;
}

/** A linked passage's vertical place in both panes, in pixels from the top of each pane's visible area. */
export interface AlignmentCandidate {
  key: string;
  /** offset of the end in the pane being scrolled by the user (the driver) */
  driverOffset: number;
  /** offset of the other end in the pane to be aligned */
  peerOffset: number;
}

/**
 * How far to scroll the other pane so that a link's two ends sit at the same height: of the links whose
 * driver end is in view, the one nearest the middle of the driver pane wins (the passage being read). Null
 * when no link end is in view: the caller falls back to proportional scrolling.
 */
export function alignmentDelta(candidates: readonly AlignmentCandidate[], driverHeight: number): { key: string; delta: number } | null {
  const middle = driverHeight / 2;
  let best: AlignmentCandidate | null = null;
  for (const c of candidates) {
    if (c.driverOffset < 0 || c.driverOffset > driverHeight) continue;
    if (!best || Math.abs(c.driverOffset - middle) < Math.abs(best.driverOffset - middle)) best = c;
  }
  return best ? { key: best.key, delta: best.peerOffset - best.driverOffset } : null;
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** How far a connector may swing out of the gutter into a pane's margin (px): less than the text's padding. */
export const CONNECTOR_SWING = 12;

/**
 * The connector between two link ends in two side-by-side panes: it runs in the gutter between them, from
 * the first pane's inner edge level with its passage to the second pane's inner edge level with the other,
 * as an SVG cubic path that swings at most CONNECTOR_SWING px to either side — over the panes' margins,
 * never across words. Null when either end is scrolled out of its pane (both must be visible).
 */
export function connectorPath(a: Box, paneA: Box, b: Box, paneB: Box): string | null {
  const visible = (r: Box, pane: Box) => r.bottom > pane.top && r.top < pane.bottom && r.right > pane.left && r.left < pane.right;
  if (!visible(a, paneA) || !visible(b, paneB)) return null;
  const leftToRight = paneA.left <= paneB.left;
  const [from, fromPane, to, toPane] = leftToRight ? [a, paneA, b, paneB] : [b, paneB, a, paneA];
  const x1 = fromPane.right;
  const y1 = clamp((from.top + from.bottom) / 2, fromPane.top, fromPane.bottom);
  const x2 = toPane.left;
  const y2 = clamp((to.top + to.bottom) / 2, toPane.top, toPane.bottom);
  const swing = CONNECTOR_SWING / 0.75; // a cubic's control points pull the curve out to 3/4 of their distance
  return `M${r(x1 - CONNECTOR_SWING)},${r(y1)} C${r(x1 + swing)},${r(y1)} ${r(x2 - swing)},${r(y2)} ${r(x2 + CONNECTOR_SWING)},${r(y2)}`;
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
const r = (v: number) => Math.round(v * 10) / 10;

/** A quote cut to a readable length on a word boundary, for labels and banners. */
export function shortQuote(text: string, max = 60): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.4 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** A link's note as plain-text HTML for the API (the server sanitizes anyway; this keeps line breaks). */
export function noteHtml(text: string): string | undefined {
  return plainTextToNoteHtml(text) || undefined;
}
