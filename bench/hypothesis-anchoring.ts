/**
 * The Hypothesis client's method, kept only as the benchmark's reference point: one approx-string-match
 * search over the whole text per quote, candidates scored 50 · quote + 20 · prefix + 20 · suffix +
 * 2 · position (normalised), the best candidate taken whatever its score. Re-implemented from the
 * description of hypothesis/client src/annotator/anchoring/match-quote.ts, not copied.
 */
import approxSearch from "approx-string-match";

export interface BaselineQuote {
  exact: string;
  prefix?: string;
  suffix?: string;
  /** Expected start offset (the stored TextPositionSelector start). */
  hint?: number;
}

export interface BaselineOptions {
  /**
   * Hypothesis first looks for exact occurrences with indexOf and runs the approximate search only
   * when there are none (true, the default). false = approximate search for every quote (context is
   * still compared the Hypothesis way).
   */
  exactShortcut?: boolean;
}

export interface BaselineMatch {
  start: number;
  end: number;
  score: number;
}

function candidates(text: string, pattern: string, maxErrors: number, exactShortcut: boolean) {
  if (exactShortcut) {
    const exact: Array<{ start: number; end: number; errors: number }> = [];
    for (let at = text.indexOf(pattern); at !== -1; at = text.indexOf(pattern, at + 1)) {
      exact.push({ start: at, end: at + pattern.length, errors: 0 });
    }
    if (exact.length > 0) return exact;
  }
  return approxSearch(text, pattern, maxErrors);
}

/** Similarity of `pattern` to its best match inside `text` (Hypothesis' context measure). */
function similarity(text: string, pattern: string): number {
  if (pattern.length === 0 || text.length === 0) return 0;
  const found = candidates(text, pattern, pattern.length, true);
  return found.length === 0 ? 0 : 1 - found[0].errors / pattern.length;
}

export function baselineAnchor(text: string, quote: BaselineQuote, options: BaselineOptions = {}): BaselineMatch | null {
  const exactShortcut = options.exactShortcut ?? true;
  if (quote.exact.length === 0) return null;
  const maxErrors = Math.min(256, quote.exact.length / 2);
  const found = candidates(text, quote.exact, maxErrors, exactShortcut);
  let top: BaselineMatch | null = null;
  for (const m of found) {
    const quoteScore = 1 - m.errors / quote.exact.length;
    const prefixScore = quote.prefix ? similarity(text.slice(Math.max(0, m.start - quote.prefix.length), m.start), quote.prefix) : 1;
    const suffixScore = quote.suffix ? similarity(text.slice(m.end, m.end + quote.suffix.length), quote.suffix) : 1;
    const positionScore = quote.hint === undefined ? 1 : 1 - Math.abs(m.start - quote.hint) / text.length;
    const score = (50 * quoteScore + 20 * prefixScore + 20 * suffixScore + 2 * positionScore) / 92;
    if (!top || score > top.score) top = { start: m.start, end: m.end, score };
  }
  return top;
}
