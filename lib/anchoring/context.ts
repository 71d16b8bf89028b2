/**
 * How well the text around a candidate agrees with the stored prefix/suffix.
 *
 * Hand-written on purpose: approx-string-match finds a pattern *anywhere* in a text, but context must be
 * compared *from the passage boundary outwards* (the prefix has to end where the candidate starts). That
 * is a small boundary-anchored edit distance over at most ~50 × 32 cells, cheaper than a library call.
 */
import { CONTEXT_LENGTH } from "./describe";
import { occursAt } from "./occurs";

/** Extra window beyond the context length, so that an insertion next to the passage costs only its length. */
const SLACK_RATIO = 0.5;
/** Agreement credited for context characters that were never stored (passage at the document's edge). */
const NEUTRAL = 0.5;

let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/**
 * Edit distance between `pattern` and the text read from `boundary` in direction `dir` (-1 = leftwards,
 * the prefix; +1 = rightwards, the suffix), both read from the boundary outwards. With `freeTail` the
 * text may stop anywhere inside the window (unmatched far-away text is free); otherwise all `windowLength`
 * characters must be matched.
 */
function boundaryDistance(pattern: string, text: string, boundary: number, dir: -1 | 1, windowLength: number, freeTail: boolean): number {
  const m = pattern.length;
  const n = windowLength;
  if (rowA.length < n + 1) {
    rowA = new Int32Array(n + 1);
    rowB = new Int32Array(n + 1);
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    const pc = dir < 0 ? pattern.charCodeAt(m - i) : pattern.charCodeAt(i - 1);
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const tc = dir < 0 ? text.charCodeAt(boundary - j) : text.charCodeAt(boundary + j - 1);
      const substitution = prev[j - 1] + (pc === tc ? 0 : 1);
      const deletion = prev[j] + 1;
      const insertion = cur[j - 1] + 1;
      cur[j] = substitution < deletion ? (substitution < insertion ? substitution : insertion) : deletion < insertion ? deletion : insertion;
    }
    const swap = prev;
    prev = cur;
    cur = swap;
  }
  if (!freeTail) return prev[n];
  let best = prev[0];
  for (let j = 1; j <= n; j++) if (prev[j] < best) best = prev[j];
  return best;
}

function contextSimilarity(context: string, text: string, boundary: number, dir: -1 | 1): number {
  const m = context.length;
  const available = dir < 0 ? boundary : text.length - boundary;
  // Unchanged surroundings (by far the commonest case) need no edit distance.
  if (m === CONTEXT_LENGTH || m === available) {
    if (occursAt(text, context, dir < 0 ? boundary - m : boundary)) return 1;
  }
  const slack = Math.ceil(Math.max(m, 4) * SLACK_RATIO);
  if (m < CONTEXT_LENGTH) {
    // A short context means the passage sat at the document's edge. A candidate at the edge too is
    // compared in full. Elsewhere (text was added before the start/after the end) the stored characters
    // are compared as usual and the missing ones count as neutral evidence (NEUTRAL), neither for nor
    // against: the other side's context then has to carry the decision.
    if (available <= m + slack) {
      const cost = boundaryDistance(context, text, boundary, dir, available, false);
      const atEdge = Math.max(0, 1 - cost / Math.max(m, available, 1));
      if (atEdge === 1) return 1;
    }
    const window = Math.min(available, m + slack);
    const known = m === 0 ? 0 : Math.max(0, 1 - boundaryDistance(context, text, boundary, dir, window, true) / m);
    return (m * known + (CONTEXT_LENGTH - m) * NEUTRAL) / CONTEXT_LENGTH;
  }
  const window = Math.min(available, m + slack);
  const cost = boundaryDistance(context, text, boundary, dir, window, true);
  return Math.max(0, 1 - cost / m);
}

/** 0..1: agreement of the stored prefix with the text ending at `start`. */
export function prefixSimilarity(prefix: string, text: string, start: number): number {
  return contextSimilarity(prefix, text, start, -1);
}

/** 0..1: agreement of the stored suffix with the text starting at `end`. */
export function suffixSimilarity(suffix: string, text: string, end: number): number {
  return contextSimilarity(suffix, text, end, 1);
}
