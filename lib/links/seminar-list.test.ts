import { describe, expect, it } from "vitest";
import { searchPage } from "./seminar-list";

const names = ["Mastný", "Molotov", "Молотов", "Ribbentrop", "Semjonow"].map((n, i) => ({ id: String(i), n }));
const texts = (e: { n: string }) => [e.n];

describe("searchPage: one page of a seminar list", () => {
  it("finds entries whatever the accents, case or script of the search", () => {
    expect(searchPage(names, texts, { q: "mastny" }, 10).entries.map((e) => e.n)).toEqual(["Mastný"]);
    expect(searchPage(names, texts, { q: "MOLOTOV" }, 10).entries.map((e) => e.n)).toEqual(["Molotov", "Молотов"]);
  });
  it("counts the list and the hits, and shows the last page for a page past the end", () => {
    const p = searchPage(names, texts, { page: 99 }, 2);
    expect(p).toMatchObject({ total: 5, matching: 5, page: 3, pages: 3 });
    expect(p.entries.map((e) => e.n)).toEqual(["Semjonow"]);
    expect(searchPage(names, texts, { q: "nobody", page: 0 }, 2)).toMatchObject({ entries: [], matching: 0, page: 1, pages: 1 });
  });
});
