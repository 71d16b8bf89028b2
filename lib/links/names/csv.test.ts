import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { guardCell, ListCsvError } from "../list-csv";
import { parseNamesCsv, serializeNamesCsv } from "./csv";
import type { NameRecord } from "./types";

const HEADER = "kind,de,en,ru,years,roles\n";

function problemOf(text: string): { line: number; problem: string; params: Record<string, unknown> } {
  try {
    parseNamesCsv(text);
  } catch (e) {
    if (e instanceof ListCsvError) return { line: e.line, problem: e.problem, params: e.params };
    throw e;
  }
  throw new Error("parsed without a problem");
}

describe("names CSV", () => {
  it("reads spellings per language, years and roles; quoted commas and line breaks stay in their cell", () => {
    const rows = parseNamesCsv(
      HEADER + 'person,Chruschtschow | Nikita Chruschtschow,"Khrushchev, Nikita",Хрущёв,1962,"First Secretary\nof the CPSU"\nplace,Kuba,Cuba,Куба,,\n',
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({
      kind: "person",
      variants: { de: ["Chruschtschow", "Nikita Chruschtschow"], en: ["Khrushchev, Nikita"], ru: ["Хрущёв"] },
      years: [1962],
      roles: ["First Secretary of the CPSU"],
    });
    expect(rows[1].variants.en).toEqual(["Cuba"]);
  });

  it("round-trips the demo seminar's list", () => {
    const text = readFileSync("content/seminar-data/names.csv", "utf8");
    const rows = parseNamesCsv(text);
    expect(rows.length).toBeGreaterThan(50);
    expect(parseNamesCsv(serializeNamesCsv(rows))).toEqual(rows);
  });

  it("names the line and the reason of a problem", () => {
    expect(problemOf(HEADER + "person,A,,,,\nfriend,B,,,,\n")).toMatchObject({ line: 3, problem: "unknown-kind", params: { value: "friend" } });
    expect(problemOf(HEADER + "person,,,,,\n")).toMatchObject({ line: 2, problem: "no-variant" });
    expect(problemOf(HEADER + "person,A,,,19x3,\n")).toMatchObject({ line: 2, problem: "bad-year", params: { value: "19x3" } });
    expect(problemOf(HEADER + "person,A,,,\n")).toMatchObject({ line: 2, problem: "csv-malformed" });
    expect(problemOf(HEADER + 'person,"A,,,,\n')).toMatchObject({ problem: "csv-malformed" });
    expect(problemOf("name,spelling\nperson,A\n")).toMatchObject({ line: 1, problem: "csv-header" });
    expect(problemOf("")).toMatchObject({ line: 1, problem: "csv-empty" });
    expect(problemOf(HEADER + `person,${"x".repeat(200)},,,,\n`)).toMatchObject({ line: 2, problem: "variant-too-long" });
  });

  it("refuses the same entry twice, but keeps namesakes apart by years or roles", () => {
    expect(problemOf(HEADER + "person,Winogradow,,,1933,\nperson,,Vinogradov | Winogradow,,1933,\n")).toMatchObject({
      line: 3,
      problem: "csv-duplicate",
      params: { other: 2 },
    });
    expect(parseNamesCsv(HEADER + "person,Winogradow,,,1933,\nperson,,Vinogradov | Winogradow,,1943,\n")).toHaveLength(2);
    // Cyrillic and Latin spellings of one name are the same spelling.
    expect(problemOf(HEADER + "place,,,Куба,,\nplace,,Kuba,,,\n")).toMatchObject({ problem: "csv-duplicate" });
  });

  it("guards cells a spreadsheet would run as formulas, and reads them back unchanged", () => {
    const evil: NameRecord = {
      kind: "work",
      variants: { de: ['=HYPERLINK("http://x")'], en: ["+1 Report", "@home", "-minus"], ru: [] },
      years: [],
      roles: ["=cmd|' /C calc'!A0".replace("|", "")],
    };
    const csv = serializeNamesCsv([evil]);
    for (const line of csv.split("\n").slice(1).filter(Boolean)) {
      for (const cell of line.split(",")) expect(cell.replace(/^"/, "")).not.toMatch(/^[=+\-@]/);
    }
    expect(parseNamesCsv(csv)).toEqual([evil]);
    expect(guardCell("Stalin")).toBe("Stalin");
    expect(guardCell("=1+1")).toBe("'=1+1");
  });
});
