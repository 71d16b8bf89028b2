import { describe, expect, it } from "vitest";
import { demoSeminarGlossary } from "@/bench/suggest/glossary-fixture";
import { findGlossaryDuplicate, glossaryHead, viewGlossary, type TableEntry } from "./glossary-table";

const entry = (id: string, de: string[], en: string[] = [], ru: string[] = []): TableEntry => ({ id, terms: { de, en, ru } });
const entries = [
  entry("1", ["Führer"], ["Leader"], ["Фюрер"]),
  entry("2", ["Außenminister", "Aussenminister"], ["foreign minister"], ["министр иностранных дел"]),
  entry("3", [], ["Winter War"], ["Зимняя война"]),
  entry("4", ["Ölembargo"], ["oil embargo"], []),
];

describe("glossary duplicates", () => {
  it("finds a term another entry has in the same language, whatever its case, accents or spacing", () => {
    expect(findGlossaryDuplicate(entries, { de: ["neu", "fuhrer"], en: [], ru: [] }, null)).toEqual({
      term: "fuhrer",
      lang: "de",
      otherId: "1",
      other: "Führer",
    });
    expect(findGlossaryDuplicate(entries, { de: [], en: ["Foreign  Minister"], ru: [] }, null)?.otherId).toBe("2");
    expect(findGlossaryDuplicate(entries, { de: [], en: [], ru: ["ЗИМНЯЯ ВОЙНА"] }, null)?.other).toBe("Winter War");
  });

  it("lets an entry keep its own terms, and the same word in another language is no duplicate", () => {
    expect(findGlossaryDuplicate(entries, entries[1].terms, "2")).toBeNull();
    expect(findGlossaryDuplicate(entries, { de: ["Leader"], en: [], ru: [] }, null)).toBeNull();
  });

  it("the library's glossary has no duplicates, so every entry of it can be saved as it is", () => {
    const library = demoSeminarGlossary().map((e, i) => ({ id: String(i), terms: e.terms }));
    for (const e of library) expect(findGlossaryDuplicate(library, e.terms, e.id), glossaryHead(e.terms)).toBeNull();
  });
});

describe("glossary table view", () => {
  it("searches every language, folded: 'fuhrer' finds Führer, 'aussen' finds Außenminister, 'война' the Winter War", () => {
    expect(viewGlossary(entries, { q: "fuhrer" }).entries.map((e) => e.id)).toEqual(["1"]);
    expect(viewGlossary(entries, { q: "aussen" }).entries.map((e) => e.id)).toEqual(["2"]);
    expect(viewGlossary(entries, { q: "война" }).entries.map((e) => e.id)).toEqual(["3"]);
    expect(viewGlossary(entries, { q: "nothing like it" })).toMatchObject({ matching: 0, total: 4, entries: [] });
  });

  it("sorts by a language's first term with that language's collation, both ways; entries without a term there come last", () => {
    expect(viewGlossary(entries, { sort: "de" }).entries.map((e) => e.id)).toEqual(["2", "1", "4", "3"]);
    expect(viewGlossary(entries, { sort: "de", dir: "desc" }).entries.map((e) => e.id)).toEqual(["4", "1", "2", "3"]);
    expect(viewGlossary(entries, { sort: "ru" }).entries.map((e) => e.id)).toEqual(["3", "2", "1", "4"]);
    expect(viewGlossary(entries, { sort: "nonsense" }).sort).toBe("de");
  });

  it("pages are bounded, and a page past the end shows the last one", () => {
    const many = Array.from({ length: 120 }, (_, i) => entry(String(i), [`Begriff ${i}`]));
    const view = viewGlossary(many, { page: 9 });
    expect(view).toMatchObject({ page: 3, pages: 3, matching: 120 });
    expect(view.entries).toHaveLength(20);
    expect(viewGlossary(many, { page: 1 }).entries).toHaveLength(50);
  });
});
