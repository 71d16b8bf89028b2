/** Exact occurrences of a quote, memoised per quote: a pane often holds many notes on the same words. */
import { GramIndex } from "./gram-index";

export class OccurrenceCache {
  private readonly cache = new Map<string, number[]>();
  readonly grams: GramIndex;

  constructor(text: string) {
    this.grams = new GramIndex(text);
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
