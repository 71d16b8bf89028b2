import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { parseGlossaryCsv, serializeGlossaryCsv } from "./glossary-csv";
import { LIBRARY_GLOSSARY_FILE } from "./library-lists";
import { decodeCsvBytes, ListCsvError, MAX_CSV_BYTES } from "./list-csv";

const HEADER = "de,en,ru\n";

function problemOf(run: () => unknown): { line: number; problem: string; params: Record<string, unknown> } {
  try {
    run();
  } catch (e) {
    if (e instanceof ListCsvError) return { line: e.line, problem: e.problem, params: e.params };
    throw e;
  }
  throw new Error("parsed without a problem");
}
const problem = (text: string) => problemOf(() => parseGlossaryCsv(text));

describe("glossary CSV", () => {
  it("reads terms per language; quoted commas stay in their term, columns may come in any order", () => {
    const rows = parseGlossaryCsv('ru,de,en\nколхоз,"Kolchose | Kolchos","collective farm, kolkhoz"\n,Winterkrieg,\n');
    expect(rows).toEqual([
      { de: ["Kolchose", "Kolchos"], en: ["collective farm, kolkhoz"], ru: ["колхоз"] },
      { de: ["Winterkrieg"], en: [], ru: [] },
    ]);
  });

  it("round-trips the library's glossary, and an export of what it read", () => {
    const entries = parseGlossaryCsv(readFileSync(LIBRARY_GLOSSARY_FILE, "utf8"));
    expect(entries.length).toBeGreaterThan(20);
    expect(parseGlossaryCsv(serializeGlossaryCsv(entries.map((terms) => ({ terms }))))).toEqual(entries);
  });

  it("guards cells a spreadsheet would run as formulas, and reads them back unchanged", () => {
    const evil = { de: ['=HYPERLINK("http://x")'], en: ["+1 report", "@home"], ru: ["-минус"] };
    const csv = serializeGlossaryCsv([{ terms: evil }]);
    for (const line of csv.split("\n").slice(1).filter(Boolean)) {
      for (const cell of line.split(",")) expect(cell.replace(/^"/, "")).not.toMatch(/^[=+\-@]/);
    }
    expect(parseGlossaryCsv(csv)).toEqual([evil]);
  });

  it("names the line and the reason of a problem", () => {
    expect(problem("")).toMatchObject({ line: 1, problem: "csv-empty" });
    expect(problem("term,translation\nA,B\n")).toMatchObject({ line: 1, problem: "csv-header", params: { expected: "de,en,ru" } });
    expect(problem("de,en\nA,B\n")).toMatchObject({ line: 1, problem: "csv-header" });
    expect(problem(HEADER + "A,B,C\nD,E\n")).toMatchObject({ line: 3, problem: "csv-malformed" });
    expect(problem(HEADER + 'A,"B,C\n')).toMatchObject({ problem: "csv-malformed" });
    expect(problem(HEADER + "A,B,C\n , ,\n")).toMatchObject({ line: 3, problem: "no-term" });
    expect(problem(HEADER + `${"x".repeat(121)},,\n`)).toMatchObject({ line: 2, problem: "term-too-long", params: { max: 120 } });
    expect(problem(HEADER + `${Array.from({ length: 21 }, (_, i) => `t${i}`).join(" | ")},,\n`)).toMatchObject({
      problem: "too-many-terms",
      params: { lang: "de" },
    });
  });

  it("refuses a term in two entries, as the glossary page does (case, accents and script folded)", () => {
    expect(problem(HEADER + "Separatfrieden,separate peace,\nSonderfrieden,Separate Peace,\n")).toMatchObject({
      line: 3,
      problem: "csv-duplicate",
      params: { other: 2 },
    });
    // The same word in another language is no duplicate.
    expect(parseGlossaryCsv(HEADER + "Realpolitik,,\n,realpolitik,\n")).toHaveLength(2);
  });

  it("refuses odd Unicode: invisible and control characters, lone surrogates, text that is not UTF-8", () => {
    expect(problem(HEADER + "Sepa\u200Bratfrieden,,\n")).toMatchObject({ line: 2, problem: "bad-character", params: { value: "Sepa?ratfrieden" } });
    expect(problem(HEADER + "Front\u202E,,\n")).toMatchObject({ problem: "bad-character" });
    expect(problem(HEADER + "A\u0007B,,\n")).toMatchObject({ problem: "bad-character" });
    expect(problem(HEADER + "A\uD800,,\n")).toMatchObject({ line: 1, problem: "csv-encoding" });
    // Latin-1 bytes of "Außenminister": not UTF-8, refused instead of turned into replacement characters.
    expect(problemOf(() => decodeCsvBytes(Buffer.from("de,en,ru\nAu\xdfenminister,,\n", "latin1")))).toMatchObject({ line: 1, problem: "csv-encoding" });
    // Decomposed umlauts are composed, so the term meets the text's.
    expect(parseGlossaryCsv(HEADER + "A\u0308ußeres,,\n")[0].de).toEqual(["Äußeres"]);
    // A byte order mark (spreadsheets write one) is no part of the header.
    expect(parseGlossaryCsv(decodeCsvBytes(Buffer.from("\uFEFFde,en,ru\nA,B,C\n")))).toHaveLength(1);
  });

  it("refuses a file over the size cap, and more entries than a glossary holds", () => {
    expect(problemOf(() => decodeCsvBytes(new Uint8Array(MAX_CSV_BYTES + 1)))).toMatchObject({ problem: "csv-too-large" });
    expect(problem(HEADER + `${"x".repeat(100)},,\n`.repeat(10_000))).toMatchObject({ problem: "csv-too-large" });
    const rows = Array.from({ length: 501 }, (_, i) => `t${i},,`).join("\n");
    expect(problem(HEADER + rows)).toMatchObject({ problem: "csv-too-many-rows", params: { max: 500 } });
  });
});
