/** The one percentile of every figure in bench/RESULTS.md. */

/**
 * Nearest-rank percentile of an ascending list: the smallest value with at least p % of the values at or below
 * it (p50 of [1, 2, 3, 4] is 2, p95 of 20 values the 19th). NaN for an empty list.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
