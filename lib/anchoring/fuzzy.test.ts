import approxSearch from "approx-string-match";
import { describe, expect, it } from "vitest";
import { filteredFuzzyCandidates, fuzzyCandidates, maxErrorsFor } from "./fuzzy";
import { GramIndex, Q } from "./gram-index";
import { mastnyFromSeed } from "./testing/document";
import { documentText } from "@/lib/content/text";

const text = documentText(mastnyFromSeed()).text;
const grams = new GramIndex(text);

describe("fuzzyCandidates", () => {
  it("finds an edited quote inside the window, with document offsets", () => {
    const original = "Moscow's insistence upon the frontier that Molotov had fixed";
    const at = text.indexOf(original);
    const edited = original.replace("insistence", "insistance");
    const [m] = fuzzyCandidates(text, edited, at - 200, at + 200);
    expect(m).toMatchObject({ start: at, end: at + original.length, errors: 1 });
  });

  it("drops a match cut off by the window's edge instead of reporting a shorter, worse one", () => {
    const original = "Moscow's insistence upon the frontier that Molotov had fixed";
    const at = text.indexOf(original);
    // The window starts 10 characters into the passage.
    expect(fuzzyCandidates(text, original, at + 10, at + 300)).toEqual([]);
  });
});

describe("filteredFuzzyCandidates (whole text, exact-piece filter)", () => {
  it("finds far-away matches within its error budget exactly as a full search does", () => {
    const starts = [1000, 12000, 30000, 51000, 70000];
    for (const start of starts) {
      const original = text.slice(start, start + 80);
      // Two substitutions, spread out: within the budget of 80 / Q − 2 errors.
      const edited = original.slice(0, 20) + "#" + original.slice(21, 60) + "#" + original.slice(61);
      const budget = Math.min(Math.floor(80 / Q) - 2, maxErrorsFor(edited));
      const full = approxSearch(text, edited, budget).map((m) => [m.start, m.end, m.errors]);
      const filtered = filteredFuzzyCandidates(text, grams, edited).map((m) => [m.start, m.end, m.errors]);
      expect(full.length).toBeGreaterThan(0);
      for (const m of full) expect(filtered).toContainEqual(m);
    }
  });

  it("gives nothing for quotes too short to cut into pieces", () => {
    expect(filteredFuzzyCandidates(text, grams, "Molotov")).toEqual([]);
  });
});
