/**
 * Approximate search with exactly the results of approx-string-match's `search` (Myers' bit-parallel
 * algorithm: the matches with the fewest errors, each with the start that makes it longest), reworked for
 * how anchoring calls it: the same quote against several windows of one document text.
 *
 * Hand-written — a port of approx-string-match 2.0's algorithm (MIT, Robert Knight), which stays the
 * reference (myers.test.ts compares the two on random inputs) and the baseline's engine — because the
 * library, called per window, spends most of its time around the search rather than in it: it rebuilds
 * the pattern's bit tables on every call, takes the window out of the text as a new string, and finds
 * each match's start with a second search for which it reverses both strings (split/reverse/join) and
 * builds the tables again. Here a quote's tables (forwards and backwards) are built once, windows are
 * ranges of the text, and the backward search reads the text backwards in place.
 */

export interface Match {
  start: number;
  end: number;
  errors: number;
}

const W = 32;

/** The bit tables of one pattern read in one direction. */
interface Tables {
  length: number;
  blocks: number;
  /** char code < 256 → bit vector per block; `empty` for characters not in the pattern. */
  ascii: Uint32Array[];
  other: Map<number, Uint32Array>;
  empty: Uint32Array;
  lastRowMask: Uint32Array;
}

function tables(pattern: string, backwards: boolean): Tables {
  const length = pattern.length;
  const blocks = Math.ceil(length / W);
  const empty = new Uint32Array(blocks);
  const ascii: Uint32Array[] = new Array(256).fill(empty);
  const other = new Map<number, Uint32Array>();
  for (let i = 0; i < length; i++) {
    const c = pattern.charCodeAt(backwards ? length - 1 - i : i);
    let peq = c < 256 ? (ascii[c] === empty ? undefined : ascii[c]) : other.get(c);
    if (!peq) {
      peq = new Uint32Array(blocks);
      if (c < 256) ascii[c] = peq;
      else other.set(c, peq);
    }
    peq[(i / W) | 0] |= 1 << (i % W);
  }
  const lastRowMask = new Uint32Array(blocks).fill(1 << 31);
  lastRowMask[blocks - 1] = 1 << ((length - 1) % W);
  return { length, blocks, ascii, other, empty, lastRowMask };
}

// Scratch state of one search (P, M: vertical deltas per block; score: error count at each block's last row).
let P = new Uint32Array(8);
let M = new Uint32Array(8);
let score = new Uint32Array(8);

/**
 * Ends (and error counts) of the fewest-error matches of the pattern in text[from, to), read forwards
 * (ends are offsets after the match) or backwards (then an "end" is the offset where a match, read
 * backwards, stops: its start). Same algorithm and ratcheting as approx-string-match's findMatchEnds.
 */
function matchEnds(t: Tables, text: string, from: number, to: number, maxErrors: number, backwards: boolean, out: Match[]): void {
  out.length = 0;
  if (t.length === 0) return;
  maxErrors = Math.min(maxErrors, t.length);
  const bMax = t.blocks - 1;
  if (P.length < t.blocks) {
    P = new Uint32Array(t.blocks);
    M = new Uint32Array(t.blocks);
    score = new Uint32Array(t.blocks);
  }
  const lastRowMask = t.lastRowMask;
  let y = Math.max(0, Math.ceil(maxErrors / W) - 1);
  for (let b = 0; b <= y; b++) score[b] = (b + 1) * W;
  score[bMax] = t.length;
  for (let b = 0; b <= y; b++) {
    P[b] = ~0;
    M[b] = 0;
  }
  const n = to - from;
  for (let step = 0; step < n; step++) {
    const j = backwards ? to - 1 - step : from + step;
    const c = text.charCodeAt(j);
    const peq = c < 256 ? t.ascii[c] : (t.other.get(c) ?? t.empty);
    let carry = 0;
    for (let b = 0; b <= y; b++) {
      carry = advanceBlock(peq, b, carry, lastRowMask[b]);
      score[b] += carry;
    }
    if (score[y] - carry <= maxErrors && y < bMax && (peq[y + 1] & 1 || carry < 0)) {
      y += 1;
      P[y] = ~0;
      M[y] = 0;
      let maxBlockScore: number;
      if (y === bMax) {
        const remainder = t.length % W;
        maxBlockScore = remainder === 0 ? W : remainder;
      } else {
        maxBlockScore = W;
      }
      score[y] = score[y - 1] + maxBlockScore - carry + advanceBlock(peq, y, carry, lastRowMask[y]);
    } else {
      while (y > 0 && score[y] >= maxErrors + W) y -= 1;
    }
    if (y === bMax && score[y] <= maxErrors) {
      if (score[y] < maxErrors) out.length = 0;
      out.push({ start: -1, end: step + 1, errors: score[y] });
      maxErrors = score[y];
    }
  }
}

/** One block step of Myers' algorithm (Fig. 8 of Myers 1999, branch-free as in approx-string-match). */
function advanceBlock(peq: Uint32Array, b: number, hIn: number, lastRowMask: number): number {
  let pV = P[b];
  let mV = M[b];
  const hInIsNegative = hIn >>> 31;
  const eq = peq[b] | hInIsNegative;
  const xV = eq | mV;
  const xH = (((eq & pV) + pV) ^ pV) | eq;
  let pH = mV | ~(xH | pV);
  let mH = pV & xH;
  const hOut = oneIfNotZero(pH & lastRowMask) - oneIfNotZero(mH & lastRowMask);
  pH <<= 1;
  mH <<= 1;
  mH |= hInIsNegative;
  pH |= oneIfNotZero(hIn) - hInIsNegative;
  pV = mH | ~(xV | pH);
  mV = pH & xV;
  P[b] = pV;
  M[b] = mV;
  return hOut;
}

function oneIfNotZero(n: number): number {
  return ((n | -n) >> 31) & 1;
}

/** A quote prepared for searching several windows of a text. */
export class MyersPattern {
  private readonly forwards: Tables;
  private backwardsTables: Tables | null = null;
  private readonly ends: Match[] = [];
  private readonly starts: Match[] = [];

  constructor(readonly pattern: string) {
    this.forwards = tables(pattern, false);
  }

  private get backwards(): Tables {
    if (!this.backwardsTables) this.backwardsTables = tables(this.pattern, true);
    return this.backwardsTables;
  }

  /**
   * approx-string-match's `search(text.slice(from, to), pattern, maxErrors)`, with offsets in `text`:
   * the fewest-error matches ending in the window, each starting where the match is longest.
   */
  search(text: string, from: number, to: number, maxErrors: number): Match[] {
    if (this.pattern.length === 0) return [];
    matchEnds(this.forwards, text, from, to, maxErrors, false, this.ends);
    const found: Match[] = [];
    for (const m of this.ends) {
      // The start: search backwards from the end, within the reach the error count allows.
      const minStart = Math.max(0, m.end - this.pattern.length - m.errors);
      matchEnds(this.backwards, text, from + minStart, from + m.end, m.errors, true, this.starts);
      let start = m.end;
      for (const r of this.starts) if (m.end - r.end < start) start = m.end - r.end;
      found.push({ start: from + start, end: from + m.end, errors: m.errors });
    }
    return found;
  }
}
