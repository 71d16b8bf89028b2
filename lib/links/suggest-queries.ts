/**
 * What may be asked of a seminar's suggestion index, and how it is answered: the same function answers in
 * the suggestion worker and, without worker threads, in-process (./seminar-index). Framework-free.
 */
import {
  correspondences,
  evidenceBetween,
  suggest,
  type LearnedWeights,
  type PassageRef,
  type Suggestion,
  type SuggestIndex,
  type SuggestOptions,
} from "./suggest";

/** A block, or a passage of it (no offsets: the whole block). */
export type EvidenceSide = { slug: string; blockId: string; start?: number; end?: number };

export type IndexQuery =
  | { op: "suggest"; passage: PassageRef; options: SuggestOptions }
  | { op: "correspondences"; from: string; to: string; options: { limit?: number; learned?: LearnedWeights } }
  /** the learnable features between each pair (what a link or a dismissal teaches) */
  | { op: "evidence"; pairs: Array<{ from: EvidenceSide; to: { slug: string; blockId: string } }> };

export type Correspondence = ReturnType<typeof correspondences>[number];

export interface IndexAnswers {
  suggest: Suggestion[];
  correspondences: Correspondence[];
  evidence: string[][];
}

export function answerFromIndex<Q extends IndexQuery>(index: SuggestIndex, q: Q): IndexAnswers[Q["op"]];
export function answerFromIndex(index: SuggestIndex, q: IndexQuery): IndexAnswers[keyof IndexAnswers] {
  switch (q.op) {
    case "suggest":
      return suggest(index, q.passage, q.options);
    case "correspondences":
      return correspondences(index, q.from, q.to, q.options);
    case "evidence":
      return q.pairs.map(({ from, to }) => {
        const block = index.byRef.get(`${from.slug}#${from.blockId}`);
        if (!block) return [];
        const passage = { slug: from.slug, blockId: from.blockId, start: from.start ?? 0, end: from.end ?? block.text.length };
        return evidenceBetween(index, passage, to).features;
      });
  }
}
