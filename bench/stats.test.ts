import { describe, expect, it } from "vitest";
import { percentile } from "./stats";

describe("percentile (nearest rank)", () => {
  it("takes the smallest value with p % of the values at or below it", () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    const twenty = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(twenty, 95)).toBe(19);
    expect(percentile(twenty, 100)).toBe(20);
    expect(percentile(twenty, 0)).toBe(1);
  });
  it("is NaN without values", () => {
    expect(percentile([], 50)).toBeNaN();
  });
});
