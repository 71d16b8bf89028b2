/**
 * Edit distance between a quote and a stretch of the document, computed only as far as it matters.
 *
 * Hand-written: approx-string-match answers "where does the quote match best", not "how far is this
 * exact stretch from the quote" (both ends fixed), which is what checking a candidate whose ends are
 * already known needs. Ukkonen's band (only cells with |i − j| ≤ limit can stay within the limit) plus
 * doubling the limit from a small start makes the usual case, a few changed characters, cost
 * O(length · few) instead of O(length²).
 */

let previous = new Int32Array(256);
let current = new Int32Array(256);

/** Levenshtein distance of `a` and text[start, end) if it is ≤ limit, otherwise limit + 1. */
function bandedDistance(a: string, text: string, start: number, end: number, limit: number): number {
  const m = a.length;
  const n = end - start;
  if (Math.abs(m - n) > limit) return limit + 1;
  if (previous.length < n + 2) {
    previous = new Int32Array(n + 2);
    current = new Int32Array(n + 2);
  }
  const over = limit + 1;
  let prev = previous;
  let cur = current;
  for (let j = 0; j <= n; j++) prev[j] = j <= limit ? j : over;
  for (let i = 1; i <= m; i++) {
    const lo = Math.max(1, i - limit);
    const hi = Math.min(n, i + limit);
    cur[lo - 1] = lo === 1 ? (i <= limit ? i : over) : over;
    const ac = a.charCodeAt(i - 1);
    let rowMin = cur[lo - 1];
    for (let j = lo; j <= hi; j++) {
      const diagonal = prev[j - 1] + (ac === text.charCodeAt(start + j - 1) ? 0 : 1);
      const up = j <= i - 1 + limit ? prev[j] + 1 : over; // prev[j] outside the previous row's band
      const left = cur[j - 1] + 1;
      let v = diagonal < up ? diagonal : up;
      if (left < v) v = left;
      if (v > over) v = over;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < n) cur[hi + 1] = over;
    if (rowMin > limit) return over;
    const swap = prev;
    prev = cur;
    cur = swap;
  }
  return prev[n] > limit ? over : prev[n];
}

/**
 * Levenshtein distance between `a` and text[start, end), exact whenever it is ≤ maxDistance;
 * otherwise some value > maxDistance.
 */
export function distanceWithin(a: string, text: string, start: number, end: number, maxDistance: number): number {
  let limit = Math.min(maxDistance, Math.abs(a.length - (end - start)) + 4);
  for (;;) {
    const d = bandedDistance(a, text, start, end, limit);
    if (d <= limit || limit >= maxDistance) return d;
    limit = Math.min(maxDistance, limit * 2);
  }
}
