/**
 * Scoring of candidate places for a quote, and the acceptance rule that keeps look-alikes out.
 *
 * Calibration (an English essay of the seed corpus, 5,000 random pairs of unrelated places): the stored 32-character context
 * of one place agrees with another place's context at 0.22 on average, 0.50 at the 99.9th percentile;
 * the mean of prefix and suffix agreement stays below 0.42 at the 99.9th percentile. A genuine passage
 * keeps ≥ 0.6 even when one side is entirely replaced (the other side stays ~1). Hence the gate
 * MIN_CONTEXT = 0.55: the quote's words alone never decide; the surroundings must vouch for the place.
 * Short quotes (a surname, a footnote number) need more (minContextFor), because formulaic surroundings
 * (citations, dates) resemble each other far more than random text does.
 */
import { prefixSimilarity, suffixSimilarity } from "./context";

export const WEIGHTS = { quote: 0.5, prefix: 0.225, suffix: 0.225, position: 0.05 } as const;
/** Mean prefix/suffix agreement a candidate needs, whatever its quote similarity. */
export const MIN_CONTEXT = 0.55;
/** Quote similarity a fuzzy candidate needs (1 - errors / quote length). */
export const MIN_QUOTE = 0.75;
/** Overall score a candidate needs. */
export const MIN_SCORE = 0.7;
/** Distance (characters) from the expected place at which the position evidence has decayed to 1/e. */
export const POSITION_SCALE = 5000;

export interface Candidate {
  start: number;
  end: number;
  /** Edit errors between the quote and text[start, end). */
  errors: number;
}

export interface ScoredCandidate extends Candidate {
  score: number;
  quote: number;
  prefix: number;
  suffix: number;
  position: number;
}

export interface ScoringContext {
  text: string;
  exact: string;
  prefix: string;
  suffix: string;
  /** Where the passage is expected to start (one or more estimates); the nearest counts. */
  hints: number[];
}

export function distanceToHints(start: number, hints: number[]): number {
  let best = Infinity;
  for (const h of hints) {
    const d = Math.abs(start - h);
    if (d < best) best = d;
  }
  return best;
}

export function scoreCandidate(ctx: ScoringContext, c: Candidate): ScoredCandidate {
  const quote = Math.max(0, 1 - c.errors / Math.max(1, ctx.exact.length));
  const prefix = prefixSimilarity(ctx.prefix, ctx.text, c.start);
  const suffix = suffixSimilarity(ctx.suffix, ctx.text, c.end);
  const distance = ctx.hints.length > 0 ? distanceToHints(c.start, ctx.hints) : 0;
  const position = Math.exp(-distance / POSITION_SCALE);
  const score = WEIGHTS.quote * quote + WEIGHTS.prefix * prefix + WEIGHTS.suffix * suffix + WEIGHTS.position * position;
  return { start: c.start, end: c.end, errors: c.errors, score, quote, prefix, suffix, position };
}

/** Quotes shorter than this carry little evidence of their own; their context must say more. */
export const SHORT_QUOTE = 32;
/** Extra context agreement demanded from the shortest quotes (scaled down to 0 at SHORT_QUOTE). */
export const SHORT_QUOTE_EXTRA = 0.2;
/** Accepted candidates at different places closer than this in score: the choice would be a guess. */
export const AMBIGUITY_MARGIN = 0.02;

/** Mean prefix/suffix agreement needed by a quote of this length. */
export function minContextFor(quoteLength: number): number {
  return MIN_CONTEXT + SHORT_QUOTE_EXTRA * Math.max(0, 1 - quoteLength / SHORT_QUOTE);
}

export type Verdict = "accept" | "context-mismatch" | "low-score";

export function judge(c: ScoredCandidate, quoteLength: number): Verdict {
  if ((c.prefix + c.suffix) / 2 < minContextFor(quoteLength)) return "context-mismatch";
  if (c.quote < MIN_QUOTE || c.score < MIN_SCORE) return "low-score";
  return "accept";
}

/** Best candidate by score; on equal scores the one nearer the expected place (already in the score) then the earlier. */
export function best(candidates: ScoredCandidate[]): ScoredCandidate | null {
  let top: ScoredCandidate | null = null;
  for (const c of candidates) {
    if (!top || c.score > top.score || (c.score === top.score && c.start < top.start)) top = c;
  }
  return top;
}
