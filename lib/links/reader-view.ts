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

/**
 * The connector between two link ends in two panes: from the inner edge of one passage to the inner edge of
 * the other, as an SVG cubic path. Null when either end is scrolled out of its pane (both must be visible).
 */
export function connectorPath(a: Box, paneA: Box, b: Box, paneB: Box): string | null {
  const visible = (r: Box, pane: Box) => r.bottom > pane.top && r.top < pane.bottom && r.right > pane.left && r.left < pane.right;
  if (!visible(a, paneA) || !visible(b, paneB)) return null;
  const leftToRight = paneA.left <= paneB.left;
  const [from, fromPane, to, toPane] = leftToRight ? [a, paneA, b, paneB] : [b, paneB, a, paneA];
  // Leave each pane at its inner edge, level with the passage, so the line never crosses the text.
  const x1 = Math.min(fromPane.right, Math.max(from.right, fromPane.left));
  const y1 = clamp((from.top + from.bottom) / 2, fromPane.top, fromPane.bottom);
  const x2 = Math.max(toPane.left, Math.min(to.left, toPane.right));
  const y2 = clamp((to.top + to.bottom) / 2, toPane.top, toPane.bottom);
  const bend = Math.max(24, (x2 - x1) / 2);
  return `M${r(x1)},${r(y1)} C${r(x1 + bend)},${r(y1)} ${r(x2 - bend)},${r(y2)} ${r(x2)},${r(y2)}`;
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
