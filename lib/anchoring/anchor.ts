/**
 * anchor(): find a stored passage in the current document, cheapest evidence first:
 *   1. position  – same document version: the stored offsets, quote verified;
 *   2. block     – the block still exists and holds the exact quote at the stored block offsets;
 *      (anchorMany: the exact quote and context where the pane's other passages moved, reported as exact;)
 *   3. exact     – every exact occurrence of the quote (q-gram index), scored on context and distance;
 *   4. fuzzy     – approximate matches (./myers: approx-string-match's algorithm, ported): between the
 *                  passage's surviving context, then around the expected places with the full error
 *                  budget, then anywhere in the text behind an exact-piece filter with a tighter budget.
 * Every candidate off the first rung must pass score.judge(): context has to vouch for it, so the same
 * words elsewhere never win; two places fitting equally well are not guessed between. Otherwise the
 * annotation is an orphan, with a reason.
 */
import { documentText, locate, type DocumentText } from "@/lib/content/text";
import type { SynopseDocument } from "@/lib/content/types";
import { OccurrenceCache } from "./exact";
import { filteredFuzzyCandidates, fuzzyCandidates, maxErrorsFor, searchedSpan } from "./fuzzy";
import { Q } from "./gram-index";
import { distanceWithin } from "./distance";
import { refineBoundaries } from "./refine";
import { AMBIGUITY_MARGIN, best, judge, scoreCandidate, type Candidate, type ScoredCandidate, type ScoringContext, type Verdict } from "./score";
import type { AnchorMethod, AnchorResult, Anchored, Orphan, PassageSelectors } from "./types";
import { occursAt } from "./occurs";

/** Half-width of the window around an expected place searched with the full fuzzy error budget. */
const NEAR_WINDOW = 512;
/** Extra reach around a context hint beyond the error budget. */
const CONTEXT_HINT_SLACK = 16;
/** Expected places closer than this to one already searched add nothing. */
const HINT_SPACING = 128;
/** A stored context found more often than this says nothing about where the passage is. */
const MAX_CONTEXT_HITS = 2;

interface ContextHits {
  /** Where the passage would start: right after each unchanged occurrence of its stored prefix. */
  starts: number[];
  /** Where the passage would end: right before each unchanged occurrence of its stored suffix. */
  ends: number[];
}

function contextHits(index: AnchoringIndex, prefix: string, suffix: string): ContextHits {
  const hits: ContextHits = { starts: [], ends: [] };
  if (prefix.length >= Q) {
    const found = index.occurrences.all(prefix);
    if (found.length <= MAX_CONTEXT_HITS) hits.starts = found.map((at) => at + prefix.length);
  }
  if (suffix.length >= Q) {
    const found = index.occurrences.all(suffix);
    if (found.length <= MAX_CONTEXT_HITS) hits.ends = found;
  }
  return hits;
}

/** Per-document state shared by all anchorings against one document object. */
export class AnchoringIndex {
  readonly text: string;
  readonly dt: DocumentText;
  readonly occurrences: OccurrenceCache;

  constructor(readonly doc: SynopseDocument) {
    this.dt = documentText(doc);
    this.text = this.dt.text;
    this.occurrences = new OccurrenceCache(this.text);
  }

  /** Block coordinates of a document range; a start inside a separator moves to the next block. */
  blockRange(start: number, end: number): { start: number; blockId: string; blockStart: number; blockEnd: number } {
    let at = locate(this.dt, start);
    if (at.offset > this.doc.blocks[at.index].text.length && at.index + 1 < this.doc.blocks.length) {
      at = { index: at.index + 1, offset: 0 };
      start = this.dt.starts[at.index];
    }
    const blockDocStart = this.dt.starts[at.index];
    return { start, blockId: this.doc.blocks[at.index].id, blockStart: start - blockDocStart, blockEnd: end - blockDocStart };
  }
}

const indexes = new WeakMap<SynopseDocument, AnchoringIndex>();

/** The (cached) index of a document object. Documents are treated as immutable values. */
export function indexFor(doc: SynopseDocument): AnchoringIndex {
  let index = indexes.get(doc);
  if (!index) {
    index = new AnchoringIndex(doc);
    indexes.set(doc, index);
  }
  return index;
}

export function anchor(doc: SynopseDocument, selectors: PassageSelectors): AnchorResult {
  return anchorIn(indexFor(doc), selectors);
}

/** How many recent displacements anchorMany remembers (a revision rarely makes more distinct ones). */
const MAX_DISPLACEMENTS = 16;

/**
 * The displacements (new start − stored start) of the passages anchored so far in one pane, most recently
 * confirmed first. Text between two edits moves as one piece, so most of a pane's passages share one of a
 * few displacements: trying those first finds a moved passage with a few string comparisons instead of a
 * search of the whole text.
 */
export class Displacements {
  private readonly recent: number[] = [];

  /** Most recently confirmed first. */
  get list(): readonly number[] {
    return this.recent;
  }

  confirm(displacement: number): void {
    const at = this.recent.indexOf(displacement);
    if (at === 0) return;
    if (at > 0) this.recent.splice(at, 1);
    else if (this.recent.length >= MAX_DISPLACEMENTS) this.recent.pop();
    this.recent.unshift(displacement);
  }
}

/**
 * Anchor a whole pane's notes against one document: one shared index, cheap rungs first for each, and the
 * displacements of the notes already anchored tried before any search (see Displacements). The result for
 * each selector is what anchor() gives, except in one case anchor() cannot decide alone: a passage whose
 * text and full stored context recur word for word elsewhere is placed where its neighbours moved.
 */
export function anchorMany(doc: SynopseDocument, selectorsList: readonly PassageSelectors[]): AnchorResult[] {
  const index = indexFor(doc);
  const displacements = new Displacements();
  return selectorsList.map((s) => {
    const result = anchorIn(index, s, displacements);
    if (result.status === "anchored" && result.method !== "fuzzy" && Number.isFinite(s.position?.start)) {
      displacements.confirm(result.start - s.position.start);
    }
    return result;
  });
}

function anchored(index: AnchoringIndex, method: AnchorMethod, score: number, start: number, end: number): Anchored {
  const where = index.blockRange(start, end);
  return {
    status: "anchored",
    method,
    score,
    start: where.start,
    end,
    blockId: where.blockId,
    blockStart: where.blockStart,
    blockEnd: where.blockEnd,
    exact: index.text.slice(where.start, end),
  };
}

function wellFormed(s: PassageSelectors | null | undefined): boolean {
  return (
    !!s &&
    !!s.quote &&
    typeof s.quote.exact === "string" &&
    s.quote.exact.length > 0 &&
    typeof s.quote.prefix === "string" &&
    typeof s.quote.suffix === "string"
  );
}

/** One anchoring attempt: the evidence gathered so far and the best rejected candidate (for the orphan's reason). */
class Attempt {
  readonly ctx: ScoringContext;
  readonly length: number;
  readonly budget: number;
  rejected: ScoredCandidate | null = null;
  rejectedVerdict: Verdict = "low-score";
  ambiguous = false;

  constructor(
    readonly index: AnchoringIndex,
    readonly selectors: PassageSelectors,
    hints: number[],
  ) {
    const { exact, prefix, suffix } = selectors.quote;
    this.ctx = { text: index.text, exact, prefix, suffix, hints };
    this.length = exact.length;
    this.budget = maxErrorsFor(exact);
  }

  score(c: Candidate): ScoredCandidate {
    return scoreCandidate(this.ctx, c);
  }

  /** Score an approximate match after moving its ends to where the stored context says they are. */
  scoreRefined(c: Candidate): ScoredCandidate {
    return this.score(c.errors > 0 ? refineBoundaries(this.ctx.text, this.selectors.quote, c, this.budget) : c);
  }

  /** The best acceptable candidate, or null (remembering the best rejected one and any ambiguity). */
  consider(candidates: ScoredCandidate[]): ScoredCandidate | null {
    let top: ScoredCandidate | null = null;
    for (const c of candidates)
      if (judge(c, this.length) === "accept" && (!top || c.score > top.score || (c.score === top.score && c.start < top.start))) top = c;
    if (top) {
      // Two different places fitting (almost) equally well: picking one would be a guess.
      let rival = false;
      for (const c of candidates) {
        if (c !== top && (c.end <= top.start || c.start >= top.end) && top.score - c.score < AMBIGUITY_MARGIN && judge(c, this.length) === "accept")
          rival = true;
      }
      if (!rival) return top;
      this.ambiguous = true;
    }
    const closest = best(candidates);
    if (closest && (!this.rejected || closest.score > this.rejected.score)) {
      this.rejected = closest;
      this.rejectedVerdict = judge(closest, this.length);
    }
    return null;
  }

  orphan(): Orphan {
    if (this.ambiguous) return { status: "orphan", reason: "ambiguous", bestScore: this.rejected ? this.rejected.score : 0 };
    if (!this.rejected) return { status: "orphan", reason: "quote-not-found", bestScore: 0 };
    return { status: "orphan", reason: this.rejectedVerdict === "context-mismatch" ? "context-mismatch" : "low-score", bestScore: this.rejected.score };
  }
}

export function anchorIn(index: AnchoringIndex, selectors: PassageSelectors, displacements?: Displacements): AnchorResult {
  if (!wellFormed(selectors)) return { status: "orphan", reason: "invalid-selectors", bestScore: 0 };
  const { text, dt } = index;
  const { exact } = selectors.quote;
  const length = exact.length;

  // 1. Same version: the document text is byte-identical, the stored offsets are the answer.
  const pos = selectors.position;
  if (selectors.version === index.doc.version && pos && occursAt(text, exact, pos.start) && pos.end - pos.start === length) {
    return anchored(index, "position", 1, pos.start, pos.end);
  }

  const hints: number[] = [];
  const blockIndex = dt.indexById.get(selectors.blockId);
  if (blockIndex !== undefined) hints.push(dt.starts[blockIndex] + selectors.blockStart);
  if (pos && Number.isFinite(pos.start) && !hints.includes(pos.start)) hints.push(pos.start);
  const attempt = new Attempt(index, selectors, hints);

  // 2. The block still holds the quote at the stored offsets (typical after edits elsewhere).
  //    Kept aside if one whole context still stands beside it but the other was rewritten (an edit right at
  //    the passage's edge): too little context for a short quote to be accepted on its own, yet better
  //    evidence than approximate words anywhere else (see 4).
  let inPlace: ScoredCandidate | null = null;
  if (blockIndex !== undefined && occursAt(text, exact, hints[0])) {
    const here = attempt.score({ start: hints[0], end: hints[0] + length, errors: 0 });
    const hit = attempt.consider([here]);
    if (hit) return anchored(index, "block", hit.score, hit.start, hit.end);
    if (here.prefix === 1 || here.suffix === 1) inPlace = here;
  }
  /** A fuzzy winner never displaces the exact words still standing at their stored place. */
  const orInPlace = (hit: ScoredCandidate): AnchorResult =>
    hit.errors > 0 && inPlace
      ? anchored(index, "block", inPlace.score, inPlace.start, inPlace.end)
      : anchored(index, hit.errors === 0 ? "exact" : "fuzzy", hit.score, hit.start, hit.end);

  // 2b. Moved as far as other passages of the same pane (anchorMany): the quote and both of its stored
  //     contexts, unchanged, at the stored offset plus one of their displacements. What rung 3 would
  //     return for it, found with a few comparisons (rung 3 could only tell otherwise for a passage whose
  //     text and context recur elsewhere word for word).
  if (displacements && pos && Number.isFinite(pos.start)) {
    for (const shift of displacements.list) {
      const at = pos.start + shift;
      if (at === hints[0] || !occursAt(text, exact, at)) continue;
      const moved = attempt.score({ start: at, end: at + length, errors: 0 });
      if (moved.prefix === 1 && moved.suffix === 1 && judge(moved, length) === "accept") return anchored(index, "exact", moved.score, moved.start, moved.end);
    }
  }

  // 3. Every exact occurrence (from the document's q-gram index), scored on context and distance.
  //    With both contexts intact nothing can beat it. Otherwise it may be a look-alike in half-matching
  //    context while the real passage was edited, so the nearby fuzzy candidates get a say (4a).
  const everywhere = index.occurrences.all(exact);
  let exactHit: ScoredCandidate | null = null;
  if (everywhere.length > 0) {
    const scored: ScoredCandidate[] = [];
    for (const at of everywhere) scored.push(attempt.score({ start: at, end: at + length, errors: 0 }));
    exactHit = attempt.consider(scored);
  }
  if (exactHit && exactHit.prefix === 1 && exactHit.suffix === 1) return anchored(index, "exact", exactHit.score, exactHit.start, exactHit.end);

  // 4a. Approximate matches near where the passage should be (see nearFuzzy).
  const nearHit = nearFuzzy(attempt, exactHit, everywhere);
  // The fuzzy candidate wins only from a different place: where both overlap (an edit right at the
  // passage's edge, inside or outside it is a matter of reading), the unchanged words are kept.
  const overlapping = exactHit && nearHit && nearHit.start < exactHit.end && exactHit.start < nearHit.end;
  const winner = exactHit && (!nearHit || overlapping || exactHit.score >= nearHit.score) ? exactHit : nearHit;
  if (winner) return orInPlace(winner);

  // 4b. Approximate matches anywhere, with a tighter error budget (see filteredFuzzyCandidates).
  const far: ScoredCandidate[] = [];
  for (const c of filteredFuzzyCandidates(text, index.occurrences.grams, exact)) far.push(attempt.scoreRefined(c));
  const farHit = attempt.consider(far);
  if (farHit) return orInPlace(farHit);

  return attempt.orphan();
}

/**
 * Approximate matches near where the passage should be: first the stretch between its surviving
 * context, then windows around each expected place. Searched before the whole text because a
 * look-alike elsewhere with fewer errors would hide the edited passage. Windows at context hints are
 * precise (the passage starts right after its surviving prefix), so they only need to cover the error
 * budget; the wide windows around the old offsets are skipped when an exact hit is already in hand
 * (they would mostly find that same hit again, at the price of a Myers search).
 */
function nearFuzzy(attempt: Attempt, exactHit: ScoredCandidate | null, everywhere: readonly number[]): ScoredCandidate | null {
  const { index, length, budget } = attempt;
  const { text, exact, prefix, suffix, hints } = attempt.ctx;
  // Both contexts still standing a passage-sized stretch apart: the passage is what lies between them
  // (a typo fixed or a word changed inside). One bounded edit distance, no search.
  const around = contextHits(index, prefix, suffix);
  let pair: [number, number] | null = null;
  let pairs = 0;
  for (const start of around.starts) {
    for (const end of around.ends) {
      if (end > start && Math.abs(end - start - length) <= budget) {
        pair = [start, end];
        pairs++;
      }
    }
  }
  if (pair && pairs === 1) {
    const [start, end] = pair;
    const hit = attempt.consider([attempt.score({ start, end, errors: distanceWithin(exact, text, start, end, budget) })]);
    if (hit) return hit;
  }
  const contextStarts = around.starts.slice();
  for (const e of around.ends) contextStarts.push(Math.max(0, e - length));
  const windows: Array<[number, number]> = [];
  for (const h of contextStarts) {
    let fresh = true;
    for (const [at] of windows) if (Math.abs(at - h) <= HINT_SPACING) fresh = false;
    if (fresh) windows.push([h, budget + CONTEXT_HINT_SLACK]);
  }
  if (!exactHit) {
    // The block's and the document's old offset often differ by a few characters only: one window
    // spanning both instead of two that overlap almost entirely.
    const spans: Array<[number, number]> = [];
    for (const h of hints) {
      const near = spans.find(([lo, hi]) => h >= lo - HINT_SPACING && h <= hi + HINT_SPACING);
      if (near) {
        near[0] = Math.min(near[0], h);
        near[1] = Math.max(near[1], h);
      } else spans.push([h, h]);
    }
    for (const [lo, hi] of spans) windows.push([Math.floor((lo + hi) / 2), NEAR_WINDOW + Math.ceil((hi - lo) / 2)]);
  }
  // From here on, nearness to where the surviving context points also counts as position evidence.
  hints.push(...contextStarts);
  for (const [at, reach] of windows) {
    // A window holding the exact hit, whole and as the only exact occurrence, would return just that hit
    // (the search reports only the matches with the fewest errors, here 0) and the caller would keep it.
    if (exactHit && windowHoldsOnly(exactHit, everywhere, length, text.length, at - reach, at + reach, budget)) return exactHit;
    const scored: ScoredCandidate[] = [];
    for (const c of fuzzyCandidates(text, exact, at - reach, at + reach)) scored.push(attempt.scoreRefined(c));
    const hit = attempt.consider(scored);
    if (hit) return hit;
  }
  return null;
}

/** Whether fuzzyCandidates(text, quote, from, to) would see `hit` uncut and no other exact occurrence. */
function windowHoldsOnly(
  hit: Candidate,
  everywhere: readonly number[],
  length: number,
  textLength: number,
  from: number,
  to: number,
  maxErrors: number,
): boolean {
  const { lo, hi, cutLeft, cutRight } = searchedSpan(textLength, length, from, to, maxErrors);
  if (hit.start < lo || hit.end > hi || hit.start <= cutLeft || hit.end >= cutRight) return false;
  for (const at of everywhere) if (at !== hit.start && at < hi && at + length > lo) return false;
  return true;
}
