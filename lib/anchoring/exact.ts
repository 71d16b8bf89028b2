/** Exact occurrences of a quote: near an expected place first, then the whole text (cached per quote). */

/** All start offsets of `needle` in `text` within [from, to) (occurrence start range), in order. */
export function occurrencesBetween(text: string, needle: string, from: number, to: number): number[] {
  const found: number[] = [];
  if (needle.length === 0) return found;
  let at = text.indexOf(needle, Math.max(0, from));
  while (at !== -1 && at < to) {
    found.push(at);
    at = text.indexOf(needle, at + 1);
  }
  return found;
}

/** Whole-text occurrences, memoised: a pane often holds many notes on the same words. */
export class OccurrenceCache {
  private readonly cache = new Map<string, number[]>();

  constructor(private readonly text: string) {}

  all(needle: string): number[] {
    let hit = this.cache.get(needle);
    if (!hit) {
      hit = occurrencesBetween(this.text, needle, 0, this.text.length);
      this.cache.set(needle, hit);
    }
    return hit;
  }
}
