import { describe, expect, it } from "vitest";
import { contrast, readableColour, readableWash, wash } from "./paint";

describe("tag colours that stay readable", () => {
  it("measures contrast as WCAG does", () => {
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrast("#777777", "#ffffff")).toBeCloseTo(4.48, 1);
  });

  it("darkens a light colour just enough for text, and leaves a dark one alone", () => {
    for (const colour of ["#ffd700", "#7fdbff", "#1f6feb", "#ff69b4"]) {
      const ink = readableColour(colour, "#ffffff", 4.5);
      expect(contrast(ink, "#ffffff")).toBeGreaterThanOrEqual(4.5);
    }
    expect(readableColour("#1d1d1f", "#ffffff", 4.5)).toBe("#1d1d1f");
  });

  it("keeps the text on a tag's wash at 4.5:1 or better, whatever the colour", () => {
    for (const colour of ["#000080", "#1f6feb", "#b3261e", "#2e7d32", "#000000"]) {
      const w = readableWash(colour, "#1d1d1f", "#ffffff", 0.7);
      const [r, g, b, alpha] = /^rgb\((\d+) (\d+) (\d+) \/ ([\d.]+)\)$/.exec(w)!.slice(1).map(Number);
      expect(alpha).toBeGreaterThan(0.05);
      expect(alpha).toBeLessThanOrEqual(0.7);
      // the wash over the white page, as the eye sees it
      const seen =
        "#" +
        [r, g, b]
          .map((v) =>
            Math.round(v * alpha + 255 * (1 - alpha))
              .toString(16)
              .padStart(2, "0"),
          )
          .join("");
      expect(contrast("#1d1d1f", seen)).toBeGreaterThanOrEqual(4.5);
    }
    // A light colour keeps its full wash.
    expect(readableWash("#ffd700", "#1d1d1f", "#ffffff", 0.3)).toBe(wash("#ffd700", 0.3));
    // A black tag is thinned until the text stands out.
    expect(readableWash("#000000", "#1d1d1f", "#ffffff", 0.8)).not.toBe(wash("#000000", 0.8));
  });
});
