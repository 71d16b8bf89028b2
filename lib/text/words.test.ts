import { describe, expect, it } from "vitest";
import { countWords, sentenceSpans, stem } from "./words";

describe("countWords", () => {
  it("counts words in every script, with apostrophes and numbers, and no punctuation", () => {
    expect(countWords("Stalin wollte nie einen Separatfrieden.")).toBe(5);
    expect(countWords("Hitler’s war — 1941–43")).toBe(4);
    expect(countWords("Сталин не хотел мира.")).toBe(4);
    expect(countWords(" — … ")).toBe(0);
  });
});

describe("sentenceSpans", () => {
  it("gives each sentence's offsets without the space after it", () => {
    const text = "Erster Satz. Zweiter Satz? Dritter!";
    expect(sentenceSpans(text, "de").map(([a, b]) => text.slice(a, b))).toEqual(["Erster Satz.", "Zweiter Satz?", "Dritter!"]);
    expect(sentenceSpans("", "de")).toEqual([]);
  });
});

describe("stem", () => {
  it("gives two inflected forms of a word one stem (Snowball)", () => {
    expect(stem("separaten", "de")).toBe(stem("separater", "de"));
    expect(stem("peaces", "en")).toBe(stem("peace", "en"));
    expect(stem("мира", "ru")).toBe(stem("мир", "ru"));
  });
});
