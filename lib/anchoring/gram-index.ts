/**
 * An index of every Q-character substring (q-gram) of a document's text, built once per document in one
 * linear pass (rolling hash, each position chained into its hash bucket: ~0.7 ms for an essay of 78k
 * characters). It answers "where does this string occur exactly?" by checking only the positions that
 * share the string's rarest q-gram, instead of scanning the whole text once per note.
 *
 * Hand-written because the job is small and specific (exact occurrences of arbitrary substrings of one
 * immutable text); a suffix array library would be heavier to build than the scans it saves. Chained
 * buckets rather than a counting sort: one pass instead of four, and a pane asks only a few hundred
 * questions, so building cheaply matters more than answering a little faster.
 */
import { occursAt } from "./occurs";

export const Q = 8;
const BASE = 0x01000193; // FNV prime: a well-mixing multiplier for the polynomial hash
const NONE = -1;

export class GramIndex {
  private readonly bits: number;
  /** The last (highest) position of each bucket, or NONE. */
  private readonly head: Int32Array;
  /** The previous position in the same bucket, or NONE: each chain runs from the end of the text backwards. */
  private readonly next: Int32Array;

  constructor(private readonly text: string) {
    const n = Math.max(0, text.length - Q + 1);
    // One or two positions per bucket: small to allocate per document; collisions are verified anyway.
    this.bits = Math.max(4, Math.min(20, Math.ceil(Math.log2(n + 1)) - 1));
    const shift = 32 - this.bits;
    const head = new Int32Array(1 << this.bits).fill(NONE);
    const next = new Int32Array(n);
    let power = 1; // BASE^(Q-1)
    for (let i = 1; i < Q; i++) power = Math.imul(power, BASE);
    let h = 0;
    for (let i = 0; i < Q - 1 && i < text.length; i++) h = (Math.imul(h, BASE) + text.charCodeAt(i)) | 0;
    for (let p = 0; p < n; p++) {
      h = (Math.imul(h, BASE) + text.charCodeAt(p + Q - 1)) | 0; // hash of text[p, p + Q)
      const bucket = (h >>> 0) >>> shift;
      next[p] = head[bucket];
      head[bucket] = p;
      h = (h - Math.imul(text.charCodeAt(p), power)) | 0; // drop text[p]
    }
    this.head = head;
    this.next = next;
  }

  private bucketOf(s: string, offset: number): number {
    let h = 0;
    for (let i = 0; i < Q; i++) h = (Math.imul(h, BASE) + s.charCodeAt(offset + i)) | 0;
    return (h >>> 0) >>> (32 - this.bits);
  }

  /** Positions in a bucket, stopping early once there are more than `enough`. */
  private bucketSize(bucket: number, enough: number): number {
    let size = 0;
    for (let p = this.head[bucket]; p !== NONE && size <= enough; p = this.next[p]) size++;
    return size;
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
    let bestSize = this.bucketSize(bestBucket, Infinity);
    for (let offset = Q; offset + Q <= needle.length && bestSize > 1; offset += Q) {
      const b = this.bucketOf(needle, offset);
      const size = this.bucketSize(b, bestSize);
      if (size < bestSize) {
        bestOffset = offset;
        bestBucket = b;
        bestSize = size;
      }
    }
    for (let p = this.head[bestBucket]; p !== NONE; p = this.next[p]) {
      const start = p - bestOffset;
      if (start >= 0 && occursAt(this.text, needle, start)) found.push(start);
    }
    return found.reverse();
  }
}
