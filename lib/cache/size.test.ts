import { LRUCache } from "lru-cache";
import { describe, expect, it } from "vitest";
import { approxBytes } from "./size";

describe("approxBytes", () => {
  it("grows with the text and the number of entries a value holds", () => {
    expect(approxBytes("x".repeat(50_000))).toBeGreaterThan(100 * approxBytes("x".repeat(400)));
    const small = { rows: Array.from({ length: 10 }, (_, i) => ({ id: `n${i}`, count: i })) };
    const large = { rows: Array.from({ length: 10_000 }, (_, i) => ({ id: `n${i}`, count: i })) };
    expect(approxBytes(large)).toBeGreaterThan(500 * approxBytes(small));
    expect(approxBytes(new Map([["a", "x".repeat(1000)]]))).toBeGreaterThan(2000);
  });

  it("counts a shared or cyclic object once and ends", () => {
    const shared = { text: "y".repeat(1000) };
    const once = approxBytes([shared]);
    expect(approxBytes([shared, shared, shared])).toBeLessThan(once + 100);
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic.self = cyclic;
    expect(approxBytes(cyclic)).toBeGreaterThan(0);
  });

  it("bounds an lru-cache by bytes: a few large entries push out the small ones", () => {
    const cache = new LRUCache<string, string[]>({ maxSize: 200_000, sizeCalculation: (v) => approxBytes(v) });
    for (let i = 0; i < 100; i++) cache.set(`small${i}`, ["word"]);
    expect(cache.size).toBe(100);
    for (let i = 0; i < 5; i++) cache.set(`large${i}`, ["z".repeat(30_000)]);
    expect(cache.calculatedSize).toBeLessThanOrEqual(200_000);
    expect(cache.has("large4")).toBe(true);
    expect(cache.has("small0")).toBe(false);
  });
});
