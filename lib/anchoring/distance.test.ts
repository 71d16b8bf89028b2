import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { distanceWithin } from "./distance";

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

describe("distanceWithin", () => {
  it("counts a fixed typo and an inserted word", () => {
    const text = "xx the inauguration of indeed the League yy";
    const start = 3;
    const end = text.indexOf(" League");
    expect(distanceWithin("the inauguration of the", text, start, end, 10)).toBe(7);
    expect(distanceWithin("the inaoguration of indeed the", text, start, end, 10)).toBe(1);
  });

  it("reports 'more than the limit' instead of the exact value beyond it", () => {
    expect(distanceWithin("completely different", "nothing alike at all", 0, 20, 3)).toBeGreaterThan(3);
  });

  it("equals the textbook Levenshtein distance within the limit (property)", () => {
    const word = fc.string({ unit: fc.constantFrom("a", "b", "c", " "), maxLength: 40 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 45 }), (a, b, limit) => {
        const expected = levenshtein(a, b);
        const got = distanceWithin(a, `>>${b}<<`, 2, 2 + b.length, limit);
        if (expected <= limit) expect(got).toBe(expected);
        else expect(got).toBeGreaterThan(limit);
      }),
      { numRuns: 500 },
    );
  });
});
