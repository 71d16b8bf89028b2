/**
 * An estimate of the memory a cached value holds, for caches bounded by bytes (lru-cache's `maxSize` with
 * `sizeCalculation`): a count of entries bounds nothing when one entry can be a 3-character word or a
 * 50,000-character quote, a note-less seminar's heat strip or a 20,000-note overview.
 *
 * Hand-written because it is small and needs no precision: strings count 2 bytes a character (V8 keeps
 * many in one byte, so this errs high), numbers and booleans 8, every object, array, Map and Set a header
 * plus 8 bytes a slot. An object reached twice is counted once; cycles end.
 */
const HEADER = 16;
const SLOT = 8;

export function approxBytes(value: unknown): number {
  const seen = new Set<object>();
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    switch (typeof v) {
      case "string":
        total += HEADER + 2 * v.length;
        continue;
      case "number":
      case "boolean":
      case "bigint":
        total += SLOT;
        continue;
      case "object":
        break;
      default:
        continue; // undefined, functions, symbols: nothing a cache would hold as data
    }
    if (v === null || seen.has(v)) continue;
    seen.add(v);
    if (v instanceof Date) total += HEADER + SLOT;
    else if (ArrayBuffer.isView(v)) total += HEADER + v.byteLength;
    else if (Array.isArray(v)) {
      total += HEADER + SLOT * v.length;
      for (const x of v) stack.push(x);
    } else if (v instanceof Map) {
      total += HEADER + 2 * SLOT * v.size;
      for (const [k, x] of v) stack.push(k, x);
    } else if (v instanceof Set) {
      total += HEADER + SLOT * v.size;
      for (const x of v) stack.push(x);
    } else {
      const keys = Object.keys(v);
      total += HEADER + SLOT * keys.length;
      for (const k of keys) stack.push((v as Record<string, unknown>)[k]);
    }
  }
  return Math.max(1, total);
}
