import { describe, expect, it } from "vitest";
import { checkFidelity } from "@/lib/content/fidelity";
import { builtSeed, seedRaw } from "./testing/seeds";
import { cleanArticle } from "./article";

const raw = seedRaw("article");
const result = cleanArticle(raw, { file: "001", meta: {} });
const { doc } = builtSeed("article");

describe("newspaper article (seed 001)", () => {
  it("is faithful to the raw text", () => {
    expect(checkFidelity(raw, result)).toEqual([]);
  });

  it("has 10 paragraphs, one per blank-line-separated line", () => {
    expect(doc.blocks.map((b) => b.type)).toEqual(Array(10).fill("paragraph"));
    expect(doc.blocks.map((b) => b.lines)).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19].map((n) => [[n, n]]));
  });

  it("moves the glued date prefix into the metadata and invents no author; the title is the meta file's, supplied", () => {
    expect(doc.meta).toMatchObject({
      date: "2020-05",
      title: "[Die Zusammenarbeit der Anti-Hitler-Koalition 1944/45]",
      author: null,
      lang: "de",
      kind: "article",
    });
    expect(doc.blocks[0].text.startsWith("Weihnachten 1944, am 24. Dezember")).toBe(true);
    expect(result.removals).toEqual([{ blockId: "p1", lines: [1, 1], text: " date 2020-05 ", reason: expect.stringContaining("metadata") }]);
  });

  it("keeps the authors' own typos and the nested quotes", () => {
    const text = doc.blocks.map((b) => b.text).join("\n");
    expect(text).toContain("am am 12. Januar 1945");
    expect(text).toContain("Es gab gab auch");
    expect(text).toContain("Air Chief Marshall");
    expect(text).toContain("›");
    expect(result.mends).toEqual([]);
  });

  it("reads an undated article without inventing a date", () => {
    const r = cleanArticle("Erster Absatz.\n\nZweiter Absatz.", { file: "x", meta: {} });
    expect(r.meta.date).toBeUndefined();
    expect(r.blocks.map((b) => b.text)).toEqual(["Erster Absatz.", "Zweiter Absatz."]);
  });
});
