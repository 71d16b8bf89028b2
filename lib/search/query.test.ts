import Database from "better-sqlite3";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoSeminarGlossary } from "@/bench/suggest/glossary-fixture";
import { normalizeForIndex } from "./analyze";
import { matchSpans, makeSnippet, snippetHtml } from "./highlight";
import { isEmptyQuery, MAX_QUERY_CHARS, parseQuery, toFts5, toTsquery } from "./query";

// The library's glossary (seminar data, a fixture here).
const GLOSSARY = demoSeminarGlossary();

// A real FTS5 table with the migration's tokenizer: compiled queries must be valid and find the right rows.
let sqlite: Database.Database;
const rows = [
  "Der Separatfrieden wurde nie geschlossen.",
  "Stalin and the prospects of a separate peace.",
  "Molotov met Ribbentrop in Berlin.",
  "Peace feelers in Stockholm, not peace.",
  "Die Außenpolitik des Führers.",
];

function find(q: string, removed: string[] = []): string[] {
  const expr = toFts5(parseQuery(q, GLOSSARY, removed));
  if (!expr) return [];
  return (sqlite.prepare(`SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid`).all(expr) as Array<{ rowid: number }>).map((r) => rows[r.rowid - 1]);
}

beforeAll(() => {
  sqlite = new Database(":memory:");
  sqlite.exec(`CREATE VIRTUAL TABLE t USING fts5(w, de, en, nk, tokenize='unicode61 remove_diacritics 2')`);
  const insert = sqlite.prepare(`INSERT INTO t(rowid, w, de, en, nk) VALUES (?, ?, ?, ?, ?)`);
  rows.forEach((text, i) => {
    const c = normalizeForIndex(text);
    insert.run(i + 1, c.w, c.de, c.en, c.nk);
  });
});
afterAll(() => sqlite.close());

describe("parseQuery → FTS5", () => {
  it("finds across variants and languages", () => {
    expect(find("Fuehrer")).toEqual([rows[4]]);
    expect(find("aussenpolitik")).toEqual([rows[4]]);
    expect(find("Molotow")).toEqual([rows[2]]);
    expect(find("Молотов")).toEqual([rows[2]]);
  });

  it("expands glossary terms across languages and lists the expansions", () => {
    const q = parseQuery("separate peace", GLOSSARY);
    expect(q.expansions.map((e) => e.term)).toEqual(expect.arrayContaining(["Separatfrieden", "сепаратный мир"]));
    expect(q.expansions.every((e) => e.of === "separate peace" && !e.removed)).toBe(true);
    expect(find("separate peace")).toEqual(expect.arrayContaining([rows[0], rows[1]]));
  });

  it("a removed expansion no longer matches", () => {
    const q = parseQuery("separate peace", GLOSSARY, ["separatfrieden"]);
    expect(q.expansions.find((e) => e.term === "Separatfrieden")?.removed).toBe(true);
    expect(find("separate peace", ["Separatfrieden"])).not.toContain(rows[0]);
  });

  it("keeps the rest of the query when part of it is a glossary term", () => {
    // "separate peace Stalin": the glossary part expands, "Stalin" must still occur.
    expect(find("separate peace Stalin")).toEqual([rows[1]]);
  });

  it("understands phrases, OR, NOT, minus and prefixes", () => {
    expect(find('"peace feelers"')).toEqual([rows[3]]);
    expect(find('"feelers peace"')).toEqual([]);
    expect(find("Molotov OR Stockholm")).toEqual([rows[2], rows[3]]);
    expect(find("peace NOT Stockholm")).toEqual([rows[1]]);
    expect(find("peace -Stalin")).toEqual([rows[3]]);
    expect(find("Ribben*")).toEqual([rows[2]]);
    expect(find("Berlin AND Molotov")).toEqual([rows[2]]);
    expect(find("(Berlin) NEAR (Molotov)")).toEqual([rows[2]]);
  });

  it("reads operator words as nothing, never as syntax errors", () => {
    for (const q of ["", "  ", "AND", "OR", "NOT", "NEAR", '( ) * "', "NOT Stalin", "-Stalin"]) {
      const parsed = parseQuery(q, GLOSSARY);
      expect(isEmptyQuery(parsed), q).toBe(true);
      expect(toFts5(parsed)).toBeNull();
      expect(toTsquery(parsed)).toBeNull();
    }
  });

  it("cuts very long input and says so", () => {
    const q = parseQuery("Stalin ".repeat(2000));
    expect(q.truncated).toBe(true);
    expect(q.text.length).toBe(MAX_QUERY_CHARS);
    expect(find("Stalin ".repeat(2000))).toEqual([rows[1]]);
  });

  it("any typed string compiles to a valid FTS5 expression and tsquery of plain quoted tokens", () => {
    const pieces = fc.constantFrom(
      "AND",
      "OR",
      "NOT",
      "NEAR",
      "NEAR/2",
      "(",
      ")",
      '"',
      "„",
      "«",
      "*",
      "-",
      ":",
      "^",
      "+",
      "'",
      "\\",
      "{",
      "}",
      "Stalin",
      "Frieden",
      "Ж",
      "ß",
      "0",
      " ",
      "\u0000",
      "w:",
      "de :",
      "&",
      "!",
      "<->",
      "|",
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 8 }), fc.string({ unit: "grapheme", maxLength: 5 })), { maxLength: 30 }), (parts) => {
        const q = parseQuery(parts.join(" "), GLOSSARY);
        const fts = toFts5(q);
        if (fts) expect(() => sqlite.prepare(`SELECT count(*) FROM t WHERE t MATCH ?`).get(fts)).not.toThrow();
        const ts = toTsquery(q);
        // Lexemes are [a-z0-9] inside single quotes; the rest is tsquery operators we wrote.
        if (ts) expect(ts.replace(/'[a-z0-9]+':\*?[ABCD]/g, "L")).toMatch(/^[L()|&!<\-> ]+$/);
      }),
      { numRuns: 400 },
    );
  });
});

describe("highlighting", () => {
  it("marks the words as written, including variants and glossary expansions", () => {
    const q = parseQuery("separate peace", GLOSSARY);
    const text = "Der Separatfrieden, sagt Mastný, war nur eine separate Idee; peace kam später.";
    const html = snippetHtml(makeSnippet(text, matchSpans(text, q)));
    expect(html).toContain("<mark>Separatfrieden</mark>");
    expect(html).toContain("<mark>separate</mark>");
    expect(html).toContain("<mark>peace</mark>");
  });

  it("cuts long texts around the matches and escapes HTML", () => {
    const text = `${"<b>filler</b> ".repeat(60)}Molotov arrived. ${"tail ".repeat(80)}`;
    const snippet = makeSnippet(text, matchSpans(text, parseQuery("Molotow")));
    expect(snippet.text.length).toBeLessThanOrEqual(240);
    expect(snippet.before && snippet.after).toBe(true);
    const html = snippetHtml(snippet);
    expect(html).toContain("<mark>Molotov</mark>");
    expect(html).not.toContain("<b>");
  });
});
