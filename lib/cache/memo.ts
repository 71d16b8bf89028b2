/**
 * The one policy for the per-word memos (folding, name keys, stems, word analysis): least recently used
 * dropped first (lru-cache), and only words are kept (at most `maxInput` characters), so a memo of 100,000
 * entries stays a few MB even when someone folds a whole passage through it.
 */
import { LRUCache } from "lru-cache";

export interface WordMemoOptions {
  /** entries kept (default 100,000) */
  max?: number;
  /** longer inputs are computed every time (default 64 characters) */
  maxInput?: number;
}

export function memoizeWord<V extends NonNullable<unknown>>(compute: (word: string) => V, options: WordMemoOptions = {}): (word: string) => V {
  const maxInput = options.maxInput ?? 64;
  const memo = new LRUCache<string, V>({ max: options.max ?? 100_000 });
  return (word) => {
    const hit = memo.get(word);
    if (hit !== undefined) return hit;
    const value = compute(word);
    if (word.length <= maxInput) memo.set(word, value);
    return value;
  };
}
