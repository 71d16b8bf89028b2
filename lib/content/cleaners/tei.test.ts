import { describe, expect, it } from "vitest";
import { ContentError } from "../errors";
import { checkFidelity } from "../fidelity";
import { buildMemorySource } from "../pipeline";
import { cleanTei } from "./tei";
import { SAMPLE_TEI } from "../testing/tei-sample";

const clean = (raw: string) => cleanTei(raw, { file: "up.xml", meta: {} });

function expectError(raw: string, line: number, text: RegExp) {
  let err: unknown;
  try {
    clean(raw);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ContentError);
  expect((err as ContentError).line).toBe(line);
  expect((err as ContentError).message).toMatch(text);
}

describe("TEI cleaner", () => {
  it("reads the header into metadata", () => {
    expect(clean(SAMPLE_TEI).meta).toEqual({
      title: "Briefe aus Moskau",
      author: "Anna Beispiel",
      lang: "de",
      source: "Privatarchiv, Kasten 4",
      date: "1933-02",
    });
  });

  it("turns div/head/p/quote/note/hi/lb into structure, and stays faithful to the file", () => {
    const r = clean(SAMPLE_TEI);
    expect(checkFidelity(SAMPLE_TEI, r)).toEqual([]);
    const byId = Object.fromEntries(r.blocks.map((b) => [b.id, b]));
    expect(r.blocks.map((b) => `${b.id}:${b.type}`)).toEqual([
      "h1:heading",
      "p1:paragraph",
      "p2:paragraph",
      "q1:quote",
      "h2:heading",
      "p3:paragraph",
      "fn1:footnote",
      "fn2:footnote",
    ]);
    expect(byId.h1).toMatchObject({ level: 2, text: "Erster Brief", lines: [[17, 17]] });
    expect(byId.h2.level).toBe(3);
    expect(byId.p1.text).toBe("Lieber Freund, die Lage ist ernst & unklar. Wir warten.");
    expect(byId.p1.marks).toContainEqual({ kind: "em", start: 19, end: 23 });
    expect(byId.p1.marks).toContainEqual({ kind: "footnote-ref", at: 43, footnoteId: "fn1", label: "1" });
    expect(byId.fn1).toMatchObject({ text: "Gemeint ist die Lage im Januar.", footnote: { label: "1", status: "ok" } });
    expect(byId.fn1.marks).toEqual([{ kind: "em", start: 24, end: 30 }]);
    expect(byId.p2.text).toBe("Zeile eins\nZeile zwei");
    expect(byId.q1.text).toBe("Erster zitierter Absatz.\nZweiter zitierter Absatz.");
    expect(byId.p3.text).toBe("Ein kurzes Wort, fett.");
    expect(byId.p3.marks).toContainEqual({ kind: "strong", start: 17, end: 21 });
    expect(byId.fn2.footnote?.label).toBe("2");
    // the page break is dropped but recorded, with its number
    expect(r.removals.some((x) => /page break \(page 2\)/.test(x.reason) && x.lines[0] === 20)).toBe(true);
    expect(r.removals.some((x) => x.reason === "teiHeader → metadata" && x.lines[0] === 3)).toBe(true);
  });

  it("builds through the pipeline in memory (footnotes linked both ways, Markdown round trip)", () => {
    const built = buildMemorySource({ fileName: "briefe.xml", bytes: Buffer.from(SAMPLE_TEI), slug: "briefe", meta: { kind: "essay" } });
    expect(built.doc.meta).toMatchObject({ slug: "briefe", title: "Briefe aus Moskau", lang: "de", kind: "essay", rawFile: "briefe.xml" });
    const fn1 = built.doc.blocks.find((b) => b.id === "fn1")!;
    expect(fn1.footnote?.refs).toEqual(["p1"]);
    expect(built.markdown).toContain("[^1]");
  });

  it("handles several blocks on one line", () => {
    const raw = `<TEI><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt></fileDesc></teiHeader>\n<text xml:lang="en"><body><p>One.</p><p>Two<note n="a">N</note>.</p></body></text></TEI>`;
    const r = clean(raw);
    expect(checkFidelity(raw, r)).toEqual([]);
    expect(r.meta.lang).toBe("en");
    expect(r.blocks.map((b) => b.text)).toEqual(["One.", "Two.", "N"]);
  });

  it("names the line of malformed XML", () => {
    expectError(SAMPLE_TEI.replace("<p>Zeile eins<lb/>Zeile zwei</p>", "<p>Zeile eins<lb>Zeile zwei</p>"), 21, /malformed XML/);
    expectError("<TEI>\n<text>\n<body><p>a &nbsp; b</p></body></text></TEI>", 3, /malformed XML.*entity/i);
  });

  it("accepts any vocabulary: unknown elements, loose text and notes in notes keep their text", () => {
    const table = clean(SAMPLE_TEI.replace('<pb n="2"/>', "<table><row><cell>x</cell></row></table>"));
    expect(table.blocks.find((b) => b.type === "table-row")?.text).toBe("x");
    expect(clean(SAMPLE_TEI.replace('<pb n="2"/>', "loose words")).blocks.some((b) => b.text === "loose words")).toBe(true);
    const nested = clean(SAMPLE_TEI.replace("<hi>Januar</hi>", "<note>inner</note>"));
    expect(nested.blocks.find((b) => b.id === "fn1")?.text).toBe("Gemeint ist die Lage im inner.");
    expectError("<html><body/></html>", 1, /not a TEI P5 document.*<html>/);
  });
});

describe("a whole volume", () => {
  it("imports a volume of several hundred kilobytes: every chunk of the Markdown round trip agrees", async () => {
    const { teiVolume } = await import("../testing/tei-volume");
    const raw = teiVolume(600_000);
    const built = buildMemorySource({ fileName: "volume.xml", bytes: Buffer.from(raw), slug: "volume", meta: { kind: "essay" } });
    const notes = built.doc.blocks.filter((b) => b.type === "footnote");
    expect(notes.length).toBeGreaterThan(1000);
    // every note is linked both ways, also across the parser's chunk boundaries
    expect(notes.every((n) => n.footnote?.refs.length === 1)).toBe(true);
    expect(built.doc.blocks.filter((b) => b.type === "heading").length).toBeGreaterThan(100);
  }, 120_000);
});
