import { describe, expect, it } from "vitest";
import { memoizeWord } from "./memo";

describe("memoizeWord", () => {
  it("computes a word once, and long inputs every time without keeping them", () => {
    const calls: string[] = [];
    const upper = memoizeWord((w) => (calls.push(w), w.toUpperCase()), { maxInput: 5 });
    expect([upper("stalin"), upper("peace"), upper("peace"), upper("stalin")]).toEqual(["STALIN", "PEACE", "PEACE", "STALIN"]);
    expect(calls).toEqual(["stalin", "peace", "stalin"]);
  });

  it("drops the least recently used word when full", () => {
    const calls: string[] = [];
    const f = memoizeWord((w) => (calls.push(w), w.length), { max: 2 });
    f("a");
    f("bb");
    f("a");
    f("ccc"); // drops "bb", used least recently
    f("a");
    f("bb");
    expect(calls).toEqual(["a", "bb", "ccc", "bb"]);
  });
});
