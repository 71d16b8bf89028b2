import approxSearch from "approx-string-match";
import { describe, expect, it } from "vitest";
import { refineBoundaries } from "./refine";

describe("refineBoundaries", () => {
  const quote = {
    prefix: "in the Moscow offices, reported ",
    exact: "that the inauguration of th",
    suffix: "e League of German Officers, set",
  };
  const text = `He worked in the Moscow offices, reported that the inauguration of indeed the League of German Officers, set up later.`;

  it("moves an end that Myers' fewest-errors alignment cut short to where the stored suffix resumes", () => {
    const [m] = approxSearch(text, quote.exact, 7);
    expect(text.slice(m.start, m.end)).not.toBe("that the inauguration of indeed th"); // the library stops early
    const refined = refineBoundaries(text, quote, m, 10);
    expect(text.slice(refined.start, refined.end)).toBe("that the inauguration of indeed th");
    expect(refined.errors).toBe(7);
  });

  it("leaves a match alone when its context already fits", () => {
    const plain = `He worked in the Moscow offices, reported that the inauguration of the League of German Officers, set up later.`;
    const [m] = approxSearch(plain, quote.exact, 3);
    expect(refineBoundaries(plain, quote, m, 10)).toBe(m);
  });
});
