/**
 * Boundary refinement for approximate matches. Myers' search reports the alignment with the fewest
 * errors, which can stop short of (or run past) the true passage when the edit sits near its edge:
 * for "…inauguration of th" after "indeed " was inserted before "th", ending at "of in" costs 2 errors,
 * the true end 7. The stored context decides: the true end is where the stored suffix starts again
 * (and the true start where the stored prefix ends).
 */
import { prefixSimilarity, suffixSimilarity } from "./context";
import { distanceWithin } from "./distance";
import type { Candidate } from "./score";

/** Characters of context that must reappear exactly for a boundary position to be considered. */
const PROBE = 8;

// Both scan at most 2·reach + 1 positions with startsWith (an indexOf would run on to the document's end).
function endPositions(text: string, suffix: string, from: number, to: number): number[] {
  const probe = suffix.slice(0, PROBE); // a suffix cut short by the document's end is used whole
  const found: number[] = [];
  for (let at = from; at <= to; at++) if (text.startsWith(probe, at)) found.push(at);
  return found;
}

function startPositions(text: string, prefix: string, from: number, to: number): number[] {
  const probe = prefix.slice(-PROBE);
  const found: number[] = [];
  for (let at = Math.max(probe.length, from); at <= to; at++) if (text.startsWith(probe, at - probe.length)) found.push(at);
  return found;
}

/**
 * Move the candidate's ends (by at most `reach` characters) to where the stored context fits best,
 * and recount its errors (exactly up to `reach`; beyond it the candidate is rejected anyway).
 * Returns the candidate unchanged when the context does not point elsewhere.
 */
export function refineBoundaries(text: string, quote: { exact: string; prefix: string; suffix: string }, c: Candidate, reach: number): Candidate {
  let { start, end } = c;
  // End first: where does the stored suffix resume? (An empty suffix, at the document's end, probes every
  // position and finds the end itself.)
  {
    let bestSim = suffixSimilarity(quote.suffix, text, end);
    for (const e of endPositions(text, quote.suffix, Math.max(start + 1, end - reach), Math.min(text.length, end + reach))) {
      const sim = suffixSimilarity(quote.suffix, text, e);
      if (sim > bestSim || (sim === bestSim && Math.abs(e - c.end) < Math.abs(end - c.end))) {
        bestSim = sim;
        end = e;
      }
    }
  }
  // Then the start: where does the stored prefix end? Searched twice as far back as forward: an insertion
  // just inside the passage's start makes the fewest-errors alignment substitute its way past the inserted
  // characters ("LincoDarwinln and…" aligns from near the insertion's end), leaving the true start up to the whole
  // insertion behind, while the fewer-errors end is never more than `reach` ahead.
  const refinedStart = (back: number): number => {
    let at = start;
    let bestSim = prefixSimilarity(quote.prefix, text, start);
    for (const s of startPositions(text, quote.prefix, Math.max(0, start - back), Math.min(end - 1, start + reach))) {
      const sim = prefixSimilarity(quote.prefix, text, s);
      if (sim > bestSim || (sim === bestSim && Math.abs(s - c.start) < Math.abs(at - c.start))) {
        bestSim = sim;
        at = s;
      }
    }
    return at;
  };
  const wide = refinedStart(2 * reach);
  if (wide === c.start && end === c.end) return c;
  const errors = distanceWithin(quote.exact, text, wide, end, reach);
  // A start the context prefers but that costs more errors than the budget would lose the candidate: keep
  // the nearer start instead.
  if (errors <= reach || wide >= start - reach) return { start: wide, end, errors };
  start = refinedStart(reach);
  if (start === c.start && end === c.end) return c;
  return { start, end, errors: distanceWithin(quote.exact, text, start, end, reach) };
}
