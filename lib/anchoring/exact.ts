/** Exact occurrences of a quote, memoised per quote: a pane often holds many notes on the same words. */
import { GramIndex } from "./gram-index";

export class OccurrenceCache {
  private readonly cache = new Map<string, number[]>();
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
