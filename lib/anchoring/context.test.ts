import { describe, expect, it } from "vitest";
import { prefixSimilarity, suffixSimilarity } from "./context";

const before = "Molotov met Ribbentrop in Berlin"; // 32 characters of stored prefix
const after = " and the talks ended without any"; // 32 characters of stored suffix
const quote = "on 12 November 1940";

describe("prefixSimilarity / suffixSimilarity", () => {
  it("is 1 when the surroundings are unchanged", () => {
    const text = `In the autumn ${before}${quote}${after} result.`;
    const start = text.indexOf(quote);
    expect(prefixSimilarity(before, text, start)).toBe(1);
    expect(suffixSimilarity(after, text, start + quote.length)).toBe(1);
  });

  it("costs an insertion next to the passage only its own length", () => {
    const text = `In the autumn ${before} soon${quote}${after} result.`;
    const start = text.indexOf(quote);
    expect(prefixSimilarity(before, text, start)).toBeCloseTo(1 - 5 / 32, 5);
  });

  it("stays low for unrelated surroundings", () => {
    const text = `Churchill wrote to Roosevelt about${quote}the convoys to Murmansk in 1942.`;
    const start = text.indexOf(quote);
    expect(prefixSimilarity(before, text, start)).toBeLessThan(0.4);
    expect(suffixSimilarity(after, text, start + quote.length)).toBeLessThan(0.4);
  });

  it("treats a short stored context as the document edge: a candidate at the edge agrees fully, elsewhere the missing part is neutral", () => {
    const text = `${quote} opened the talks. Later, ${quote} closed them.`;
    expect(prefixSimilarity("", text, 0)).toBe(1);
    expect(prefixSimilarity("", text, text.lastIndexOf(quote))).toBe(0.5);
    expect(suffixSimilarity("", text, text.length)).toBe(1);
    expect(suffixSimilarity("", text, 10)).toBe(0.5);
    // 8 stored characters that disagree, 24 unknown: below neutral.
    expect(prefixSimilarity("Xyzzyqwv", text, text.lastIndexOf(quote))).toBeLessThan(0.5);
  });

  it("compares from the boundary outwards: the right words at the wrong distance do not count fully", () => {
    const text = `${before} and much more text here ${quote}`;
    const start = text.indexOf(quote);
    expect(prefixSimilarity(before, text, start)).toBeLessThan(0.5);
  });
});
