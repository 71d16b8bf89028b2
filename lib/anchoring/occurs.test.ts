import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { occursAt } from "./occurs";

describe("occursAt", () => {
  it("answers exactly what String.prototype.startsWith answers, positions out of range included (property)", () => {
    const unit = fc.constantFrom("a", "b", " ", "é", "“", "\n");
    fc.assert(
      fc.property(
        fc.string({ unit, maxLength: 60 }),
        fc.string({ unit, maxLength: 8 }),
        fc.integer({ min: -10, max: 70 }),
        fc.nat(20),
        (text, part, at, cut) => {
          // Slices of a longer string too, as stored selectors often are.
          const sliced = (text + part + text).slice(text.length, text.length + part.length);
          expect(occursAt(text, part, at)).toBe(text.startsWith(part, at));
          expect(occursAt(text, sliced, at)).toBe(text.startsWith(sliced, at));
          expect(occursAt(text, text.slice(cut, cut + 9), at)).toBe(text.startsWith(text.slice(cut, cut + 9), at));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("treats a missing position like startsWith does", () => {
    expect(occursAt("Molotov", "Mol", Number.NaN)).toBe(true);
    expect(occursAt("Molotov", "", 99)).toBe(true);
    expect(occursAt("Molotov", "v", 99)).toBe(false);
  });
});
