/** Approximate occurrences of a quote inside a window of the text, via approx-string-match (Myers' algorithm). */
import approxSearch from "approx-string-match";
import type { Candidate } from "./score";
import { MIN_QUOTE } from "./score";

/**
 * Most edit errors worth searching for: a candidate needs quote similarity ≥ MIN_QUOTE to be accepted,
 * so looking further only costs time (Myers' search is O(errors/32 · window)).
 */
export function maxErrorsFor(quote: string): number {
  return Math.floor(quote.length * (1 - MIN_QUOTE));
}

/**
 * Lowest-error approximate matches of `quote` starting inside text[from, to) (the window is widened by
 * the quote length so that a match may end after `to`). approx-string-match only reports the matches
 * with the fewest errors in the window, which is why callers search a narrow window first.
 */
export function fuzzyCandidates(text: string, quote: string, from: number, to: number): Candidate[] {
  const lo = Math.max(0, from);
  const hi = Math.min(text.length, to + quote.length + maxErrorsFor(quote));
  if (hi <= lo || quote.length === 0) return [];
  const maxErrors = maxErrorsFor(quote);
  const window = lo === 0 && hi === text.length ? text : text.slice(lo, hi);
  // A match touching a cut edge of the window may be the real passage with its end cut off (it then
  // looks like a worse match of a shorter stretch). Drop those; the next, wider window sees it whole.
  const cutLeft = lo > 0 ? lo + maxErrors : -1;
  const cutRight = hi < text.length ? hi - maxErrors : Infinity;
  return approxSearch(window, quote, maxErrors)
    .map((m) => ({ start: m.start + lo, end: m.end + lo, errors: m.errors }))
    .filter((m) => m.start > cutLeft && m.end < cutRight);
}
