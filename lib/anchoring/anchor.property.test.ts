import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { documentText } from "@/lib/content/text";
import { anchor } from "./anchor";
import { describeRange } from "./describe";
import { SHORT_QUOTE } from "./score";
import { mastnyFromSeed } from "./testing/document";
import { applyEdits } from "./testing/edits";

const doc = mastnyFromSeed();
const text = documentText(doc).text;

/** A random non-blank passage of 1–300 characters of Mastný's essay. */
const passage = fc
  .tuple(fc.integer({ min: 0, max: text.length - 1 }), fc.integer({ min: 1, max: 300 }))
  .map(([start, length]) => [start, Math.min(text.length, start + length)] as const)
  .filter(([start, end]) => text.slice(start, end).trim().length > 0 && !/^\n|\n$/.test(text.slice(start, end)));

describe("anchor on an unchanged document (property)", () => {
  it("returns exactly the described range", () => {
    fc.assert(
      fc.property(passage, ([start, end]) => {
        const s = describeRange(doc, start, end);
        const r = anchor(doc, s);
        expect(r).toMatchObject({ status: "anchored", method: "position", start, end, exact: text.slice(start, end) });
      }),
      { numRuns: 300 },
    );
  });

  it("returns exactly the described range even without the version shortcut", () => {
    fc.assert(
      fc.property(passage, ([start, end]) => {
        const s = { ...describeRange(doc, start, end), version: "an older version" };
        const r = anchor(doc, s);
        expect(r).toMatchObject({ status: "anchored", start, end });
      }),
      { numRuns: 300 },
    );
  });
});

describe("anchor after an insertion outside the passage (property)", () => {
  const words = fc.array(fc.constantFrom("the", "Soviet", "peace", "Molotov", "Stalin", "and", "of", "1943", ","), { minLength: 1, maxLength: 12 });
  it("never anchors elsewhere; passages of SHORT_QUOTE characters or more are always found where they moved", () => {
    fc.assert(
      fc.property(passage, fc.integer({ min: 0, max: text.length }), words, ([start, end], at, inserted) => {
        fc.pre(at <= start || at >= end);
        const s = describeRange(doc, start, end);
        const edited = applyEdits(doc, [{ start: at, end: at, insert: " " + inserted.join(" ") + " " }]);
        const truth = edited.map(start, end);
        const r = anchor(edited.doc, s);
        // A very short passage whose one side of context was just rewritten may honestly be an orphan.
        if (r.status === "orphan") expect(end - start).toBeLessThan(SHORT_QUOTE);
        else expect(r).toMatchObject({ start: truth.start, end: truth.end });
      }),
      // Always tried first: a counterexample CI found ("talin a" with words inserted right after it, while a
      // fuzzy "talin t" in better-looking context stood a few words on).
      { numRuns: 300, examples: [[[1, 8], 8, ["the", "the", "Stalin", "the"]]] },
    );
  });
});

describe("anchor after an edit anywhere, inside the passage included (property)", () => {
  const insert = fc.constantFrom("", "x", " the Soviet government", "Molotov", "\n\nA new paragraph.\n\n");
  it("never anchors elsewhere: moved passages exactly, edited ones within 3 characters, damaged ones onto what is left", () => {
    fc.assert(
      fc.property(passage, fc.integer({ min: 0, max: text.length - 1 }), fc.integer({ min: 0, max: 60 }), insert, ([start, end], at, removed, inserted) => {
        const s = describeRange(doc, start, end);
        const edited = applyEdits(doc, [{ start: at, end: Math.min(text.length, at + removed), insert: inserted }]);
        const truth = edited.map(start, end);
        const r = anchor(edited.doc, s);
        if (r.status !== "anchored") return;
        if (truth.status === "intact") expect([r.start, r.end]).toEqual([truth.start, truth.end]);
        else if (truth.status === "modified") {
          expect(Math.abs(r.start - truth.start)).toBeLessThanOrEqual(3);
          expect(Math.abs(r.end - truth.end)).toBeLessThanOrEqual(3);
        } else expect(r.end > truth.start && r.start < truth.end).toBe(true);
      }),
      // Always tried first: a counterexample a CI run found (the passage at the very start of the text,
      // "Molotov" inserted 5 characters into it, re-anchored from "otovn" on, 8 characters late).
      { numRuns: 400, examples: [[[0, 28], 5, 0, "Molotov"]] },
    );
  });
});
