/** Exact occurrences of a quote, memoised per quote: a pane often holds many notes on the same words. */
import { LRUCache } from "lru-cache";
import { GramIndex } from "./gram-index";

/**
 * Quotes remembered per document. The index lives as long as its document (all process long for the
 * corpus), and every new note brings a new quote: without a bound this grew with the seminar's history.
 * Bounded by bytes too: a quote may be 50,000 characters, and a short common word has thousands of offsets.
 */
const QUOTES_PER_DOCUMENT = 5_000;
const BYTES_PER_DOCUMENT = 4_000_000;

export class OccurrenceCache {
  private readonly cache = new LRUCache<string, number[]>({
    max: QUOTES_PER_DOCUMENT,
    maxSize: BYTES_PER_DOCUMENT,
    sizeCalculation: (offsets, quote) => 32 + 2 * quote.length + 8 * offsets.length,
  });
  private index: GramIndex | null = null;

  constructor(private readonly text: string) {}

  /** Built on first use: a pane on an unchanged document never needs it. */
  get grams(): GramIndex {
    if (!this.index) this.index = new GramIndex(this.text);
    return this.index;
  }

  /** All start offsets of `needle`, ascending. */
  all(needle: string): number[] {
    let hit = this.cache.get(needle);
    if (!hit) {
      hit = this.grams.occurrences(needle);
      this.cache.set(needle, hit);
    }
    return hit;
  }
}
