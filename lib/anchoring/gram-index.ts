/**
 * An index of every Q-character substring (q-gram) of a document's text, built once per document in one
 * linear pass (rolling hash + counting sort into typed arrays, ~1 ms for Mastný's 78k characters).
 * It answers "where does this string occur exactly?" by checking only the positions that share the
 * string's rarest q-gram, instead of scanning the whole text once per note.
 *
 * Hand-written because the job is small and specific (exact occurrences of arbitrary substrings of one
 * immutable text); a suffix array library would be heavier to build than the scans it saves.
 */
export const Q = 8;
const BASE = 0x01000193; // FNV prime: a well-mixing multiplier for the polynomial hash
let scratch = new Int32Array(0);

export class GramIndex {
  private readonly bits: number;
  /** bucket b holds positions[starts[b] .. starts[b + 1]), ascending. */
  private readonly starts: Int32Array;
  private readonly positions: Int32Array;

  constructor(private readonly text: string) {
    const n = Math.max(0, text.length - Q + 1);
    // One or two positions per bucket: small to allocate per document; collisions are verified anyway.
    this.bits = Math.max(4, Math.min(20, Math.ceil(Math.log2(n + 1)) - 1));
    const size = 1 << this.bits;
    const shift = 32 - this.bits;
    if (scratch.length < n) scratch = new Int32Array(n);
    const buckets = scratch; // bucket of every position; only needed while building
    let power = 1; // BASE^(Q-1)
    for (let i = 1; i < Q; i++) power = Math.imul(power, BASE);
    let h = 0;
    for (let i = 0; i < text.length; i++) {
      if (i >= Q) h = (h - Math.imul(text.charCodeAt(i - Q), power)) | 0;
      h = (Math.imul(h, BASE) + text.charCodeAt(i)) | 0;
      if (i >= Q - 1) buckets[i - Q + 1] = (h >>> 0) >>> shift;
    }
    // Counting sort: count, prefix-sum to bucket ends, then fill backwards so each bucket ends up ascending
    // and `starts[b]` is left at the bucket's first slot.
    const starts = new Int32Array(size + 1);
    for (let p = 0; p < n; p++) starts[buckets[p] + 1]++;
    for (let b = 0; b < size; b++) starts[b + 1] += starts[b];
    const ends = starts.subarray(1);
    const positions = new Int32Array(n);
    for (let p = n - 1; p >= 0; p--) positions[--ends[buckets[p]]] = p;
    // Now ends[b] (= starts[b + 1]) holds the start of bucket b; shift back so starts[b] does.
    starts.copyWithin(0, 1);
    starts[size] = n;
    this.starts = starts;
    this.positions = positions;
  }

  private bucketOf(s: string, offset: number): number {
    let h = 0;
    for (let i = 0; i < Q; i++) h = (Math.imul(h, BASE) + s.charCodeAt(offset + i)) | 0;
    return (h >>> 0) >>> (32 - this.bits);
  }

  /** All start offsets of `needle` in the text, ascending. */
  occurrences(needle: string): number[] {
    const found: number[] = [];
    if (needle.length === 0) return found;
    if (needle.length < Q) {
      // Too short for a q-gram: a plain scan.
      for (let at = this.text.indexOf(needle); at !== -1; at = this.text.indexOf(needle, at + 1)) found.push(at);
      return found;
    }
    // Use the needle's rarest q-gram among a few evenly spaced ones.
    let bestOffset = 0;
    let bestBucket = this.bucketOf(needle, 0);
    let bestSize = this.starts[bestBucket + 1] - this.starts[bestBucket];
    for (let offset = Q; offset + Q <= needle.length && bestSize > 1; offset += Q) {
      const b = this.bucketOf(needle, offset);
      const size = this.starts[b + 1] - this.starts[b];
      if (size < bestSize) {
        bestOffset = offset;
        bestBucket = b;
        bestSize = size;
      }
    }
    for (let k = this.starts[bestBucket]; k < this.starts[bestBucket + 1]; k++) {
      const start = this.positions[k] - bestOffset;
      if (start >= 0 && this.text.startsWith(needle, start)) found.push(start);
    }
    return found;
  }
}
