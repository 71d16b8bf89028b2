import approxSearch from "approx-string-match";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { documentText } from "@/lib/content/text";
import { MyersPattern } from "./myers";
import { mastnyFromSeed } from "./testing/document";

const shifted = (text: string, pattern: string, from: number, to: number, k: number) =>
  approxSearch(text.slice(from, to), pattern, k).map((m) => ({ start: m.start + from, end: m.end + from, errors: m.errors }));

describe("MyersPattern.search", () => {
  it("finds exactly what approx-string-match finds in the same window (property, long and short patterns, any characters)", () => {
    const unit = fc.constantFrom("a", "b", "c", " ", "é", "я", "“");
    fc.assert(
      fc.property(
        fc.string({ unit, minLength: 1, maxLength: 300 }),
        fc.string({ unit, minLength: 1, maxLength: 90 }),
        fc.nat(300),
        fc.nat(300),
        fc.nat(40),
        (text, pattern, a, b, k) => {
          const from = Math.min(a, b, text.length);
          const to = Math.min(Math.max(a, b), text.length);
          const p = new MyersPattern(pattern);
          expect(p.search(text, from, to, k)).toEqual(shifted(text, pattern, from, to, k));
          // The same prepared pattern again, in another window.
          expect(p.search(text, 0, text.length, k)).toEqual(shifted(text, pattern, 0, text.length, k));
        },
      ),
      { numRuns: 400 },
    );
  });

  it("agrees on real prose: edited quotes of Mastný's essay in windows around them", () => {
    const text = documentText(mastnyFromSeed()).text;
    for (let at = 1000; at < text.length - 2000; at += 7919) {
      const original = text.slice(at, at + 150);
      const edited = original.slice(0, 40) + "indeed " + original.slice(40, 100) + original.slice(104);
      const p = new MyersPattern(edited);
      for (const [from, to] of [
        [at - 600, at + 700],
        [at - 30, at + 200],
        [0, text.length],
      ]) {
        expect(p.search(text, from, to, 37)).toEqual(shifted(text, edited, from, to, 37));
      }
    }
  });
});
