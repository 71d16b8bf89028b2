/**
 * Approximate occurrences of a quote (Myers' bit-parallel algorithm, approx-string-match's results via
 * myers.ts): in a window around the expected place, and in the whole text behind an exact-piece filter.
 */
import type { GramIndex } from "./gram-index";
import { MyersPattern } from "./myers";
import { Q } from "./gram-index";
import type { Candidate } from "./score";
import { MIN_QUOTE } from "./score";

/** The quote last searched, prepared: one anchoring searches the same quote in several windows. */
let last: MyersPattern | null = null;
function patternFor(quote: string): MyersPattern {
  if (last?.pattern !== quote) last = new MyersPattern(quote);
  return last;
}

/**
 * Most edit errors worth searching for near the expected place: a candidate needs quote similarity
 * ≥ MIN_QUOTE to be accepted, so looking further only costs time (Myers is O(errors/32 · window)).
 */
export function maxErrorsFor(quote: string): number {
  return Math.floor(quote.length * (1 - MIN_QUOTE));
}

/**
 * The stretch text[lo, hi) that fuzzyCandidates searches for matches starting in [from, to), and the
 * bounds a match must stay strictly inside: a match touching a cut edge of the window may be the real
 * passage with its end cut off (it then looks like a worse match of a shorter stretch), so it is
 * dropped; the caller's next stage sees it whole.
 */
export function searchedSpan(textLength: number, quoteLength: number, from: number, to: number, maxErrors: number) {
  const lo = Math.max(0, from);
  const hi = Math.min(textLength, to + quoteLength + maxErrors);
  return { lo, hi, cutLeft: lo > 0 ? lo + maxErrors : -1, cutRight: hi < textLength ? hi - maxErrors : Infinity };
}

/**
 * Lowest-error approximate matches of `quote` starting inside text[from, to) (the window is widened by
 * the quote length so that a match may end after `to`). The search reports only the matches
 * with the fewest errors in the window, which is why callers search a narrow window first.
 */
export function fuzzyCandidates(text: string, quote: string, from: number, to: number, maxErrors = maxErrorsFor(quote)): Candidate[] {
  const { lo, hi, cutLeft, cutRight } = searchedSpan(text.length, quote.length, from, to, maxErrors);
  if (hi <= lo || quote.length === 0) return [];
  return patternFor(quote)
    .search(text, lo, hi, maxErrors)
    .filter((m) => m.start > cutLeft && m.end < cutRight);
}

/**
 * Approximate matches anywhere in the text, found by "filter, then verify": cut the quote into
 * p ≥ 2 pieces of at least Q characters. A match with at most p − s errors keeps at least s pieces
 * unchanged (pigeonhole), so only regions where s pieces occur exactly at consistent offsets (from the
 * document's q-gram index) are searched with Myers' algorithm. s = 2 once there are 4 pieces (fewer
 * spurious regions), else 1. The error budget is therefore about 1 per Q characters (~12 %): a place
 * far from where the passage was expected needs a closer match than a nearby one anyway.
 */
export function filteredFuzzyCandidates(text: string, grams: GramIndex, quote: string): Candidate[] {
  const pieces = Math.floor(quote.length / Q);
  if (pieces < 2) return [];
  const support = pieces >= 4 ? 2 : 1;
  const maxErrors = Math.min(pieces - support, maxErrorsFor(quote));
  const pieceLength = Math.floor(quote.length / pieces);
  // Implied match starts, one per exact piece occurrence.
  const starts: number[] = [];
  for (let i = 0; i < pieces; i++) {
    const offset = i * pieceLength;
    const piece = quote.slice(offset, i === pieces - 1 ? quote.length : offset + pieceLength);
    for (const at of grams.occurrences(piece)) starts.push(at - offset);
  }
  if (starts.length < support) return [];
  starts.sort((a, b) => a - b);
  // Group implied starts that agree within the error budget; keep groups with enough pieces.
  const regions: Array<[number, number]> = [];
  for (let i = 0; i < starts.length;) {
    let j = i + 1;
    while (j < starts.length && starts[j] - starts[j - 1] <= maxErrors) j++;
    if (j - i >= support) {
      const from = starts[i] - maxErrors;
      const to = starts[j - 1] + quote.length + maxErrors;
      const last = regions[regions.length - 1];
      if (last && from <= last[1]) last[1] = Math.max(last[1], to);
      else regions.push([from, to]);
    }
    i = j;
  }
  const found: Candidate[] = [];
  for (const [from, to] of regions) {
    const lo = Math.max(0, from);
    const hi = Math.min(text.length, to);
    found.push(...patternFor(quote).search(text, lo, hi, maxErrors));
  }
  return found;
}
