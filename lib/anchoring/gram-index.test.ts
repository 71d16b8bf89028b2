import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GramIndex } from "./gram-index";

function naive(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) found.push(at);
  return found;
}

describe("GramIndex.occurrences", () => {
  it("finds exactly what a full scan finds, overlapping occurrences included", () => {
    const text = "Molotov met Ribbentrop; Molotov met Ribbentrop again. aaaaaaaaaaaa. Молотов и Риббентроп.";
    const index = new GramIndex(text);
    for (const needle of ["Molotov met Ribbentrop", "aaaaaaaaa", "Молотов и", "met", "Ribbentrop.", "absent text", "Риббентроп."]) {
      expect(index.occurrences(needle)).toEqual(naive(text, needle));
    }
  });

  it("agrees with a full scan on random texts and substrings (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("a", "b", " ", "é", "\n"), minLength: 0, maxLength: 400 }),
        fc.nat(),
        fc.integer({ min: 1, max: 30 }),
        (text, at, length) => {
          const index = new GramIndex(text);
          const start = text.length === 0 ? 0 : at % text.length;
          const needle = text.slice(start, start + length) || "ab";
          expect(index.occurrences(needle)).toEqual(naive(text, needle));
        },
      ),
      { numRuns: 300 },
    );
  });
});
