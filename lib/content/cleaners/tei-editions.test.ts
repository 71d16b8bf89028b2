/**
 * Real TEI editions (lib/content/testing/fixtures/tei, see its README for sources and licences): every one
 * imports through the whole pipeline (fidelity proof, Markdown round trip), keeps ≥ 99 % of the edition's
 * words, and what the edition says about its text (structure, the editor's decisions, names, header) survives.
 */
import fs from "node:fs";
import path from "node:path";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { ContentError } from "../errors";
import { buildMemorySource } from "../pipeline";
import type { Block, Mark, SynopseDocument } from "../types";
import { documentEntities } from "../entities";

const DIR = path.join(__dirname, "../testing/fixtures/tei");
const FIXTURES = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith(".xml"))
  .sort();

function build(file: string, meta: Record<string, unknown> = {}) {
  const bytes = fs.readFileSync(path.join(DIR, file));
  // FRUS headers do not say their language: the uploader tells it, as the upload form asks.
  const lang = file.startsWith("frus") ? { lang: "en" as const } : {};
  return buildMemorySource({ fileName: file, bytes, slug: "edition", meta: { kind: "essay", source: "test", ...lang, ...meta } });
}

/** Elements whose boundaries are not word boundaries (everything else, e.g. lb, p, l, cell, separates words). */
const INLINE = new Set([
  "hi",
  "choice",
  "corr",
  "reg",
  "expan",
  "add",
  "supplied",
  "unclear",
  "persName",
  "placeName",
  "orgName",
  "date",
  "name",
  "rs",
  "gloss",
  "ref",
  "seg",
  "emph",
  "foreign",
  "title",
  "term",
  "space",
  "metamark",
  "q",
  "surname",
  "forename",
  "sic",
  "orig",
  "abbr",
]);
/** Not the edition's reading text: deletions, forme work, the diplomatic side of a choice, the header. */
const EXCLUDED = new Set(["del", "fw", "teiHeader", "facsimile"]);

/** The edition's own words, read independently of the cleaner with a bare SAX pass. */
function editionWords(xml: string): string[] {
  const parser = new SaxesParser();
  const stack: string[] = [];
  let skipping = 0;
  let inText = 0;
  let out = "";
  parser.on("opentag", (t) => {
    const name = t.name.replace(/^.*:/, "");
    const parent = stack[stack.length - 1];
    const diplomatic = parent === "choice" && (name === "sic" || name === "orig" || name === "abbr");
    if (!t.isSelfClosing) stack.push(name);
    if (name === "text") inText++;
    if (EXCLUDED.has(name) || diplomatic) {
      if (!t.isSelfClosing) skipping++;
      return;
    }
    if (!INLINE.has(name) && !(name === "lb" && t.attributes.break === "no")) out += " ";
  });
  parser.on("closetag", (t) => {
    if (t.isSelfClosing) return;
    const name = stack.pop()!;
    const parent = stack[stack.length - 1];
    if (EXCLUDED.has(name) || (parent === "choice" && (name === "sic" || name === "orig" || name === "abbr"))) skipping--;
    else if (!INLINE.has(name)) out += " ";
    if (name === "text") inText--;
  });
  parser.on("text", (t) => {
    if (inText > 0 && skipping === 0) out += t;
  });
  parser.write(xml).close();
  return out.split(/\s+/).filter(Boolean);
}

function coverage(edition: string[], doc: SynopseDocument): number {
  const have = new Map<string, number>();
  for (const b of doc.blocks) for (const w of b.text.split(/\s+/).filter(Boolean)) have.set(w, (have.get(w) ?? 0) + 1);
  let found = 0;
  for (const w of edition) {
    const n = have.get(w) ?? 0;
    if (n > 0) {
      found++;
      have.set(w, n - 1);
    }
  }
  return found / edition.length;
}

const marks = <K extends Mark["kind"]>(b: Block | undefined, kind: K) => (b?.marks ?? []).filter((m): m is Extract<Mark, { kind: K }> => m.kind === kind);

describe("real TEI editions", () => {
  it("has at least six fixtures from three traditions", () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(6);
    expect(new Set(FIXTURES.map((f) => f.split("-")[0].replace(/\d.*$/, ""))).size).toBeGreaterThanOrEqual(3);
  });

  it.each(FIXTURES)("%s imports faithfully with ≥ 99 %% of the edition's words", (file) => {
    const built = build(file);
    const words = editionWords(fs.readFileSync(path.join(DIR, file), "utf8"));
    expect(words.length).toBeGreaterThan(20);
    expect(coverage(words, built.doc)).toBeGreaterThanOrEqual(0.99);
  });

  it.each(FIXTURES)("%s with every element of its text renamed to one nobody knows still imports, keeping its words", (file) => {
    const raw = fs.readFileSync(path.join(DIR, file), "utf8");
    const at = raw.search(/<text[\s>]/);
    const end = raw.lastIndexOf("</text>");
    const renamed = raw.slice(0, at + 5) + raw.slice(at + 5, end).replace(/<(\/?)([A-Za-z][\w.-]*)/g, "<$1x-$2") + raw.slice(end);
    const built = buildMemorySource({ fileName: file, bytes: Buffer.from(renamed), slug: "renamed", meta: { kind: "essay", source: "test", lang: "en" } });
    expect(Object.keys(built.result.generic ?? {}).length).toBeGreaterThan(0);
    // Unknown, an <lb/> no longer separates words, so count characters: every one of the edition's is still there
    // (deletions and forme work, unknown now, are read as text too).
    const chars = (words: string[]) => words.join("").length;
    const docChars = built.doc.blocks.reduce((n, b) => n + b.text.replace(/\s+/g, "").length, 0);
    expect(docChars).toBeGreaterThanOrEqual(chars(editionWords(raw)));
  });

  it("FRUS: documents with source notes, headings, opener and dateline, notes numbered per document", () => {
    const { doc } = build("frus1944Quebec-d17-d19.xml");
    const byId = new Map(doc.blocks.map((b) => [b.id, b]));
    const sourceNotes = doc.blocks.filter((b) => b.type === "note" && b.role === "source");
    expect(sourceNotes.map((b) => b.text)).toEqual(["Hopkins Papers: Telegram", "Roosevelt Papers: Telegram", "Roosevelt Papers: Telegram"]);
    const headings = doc.blocks.filter((b) => b.type === "heading");
    expect(headings.map((h) => h.role)).toEqual(["document", "document", "document"]);
    expect(headings[1].text).toBe("Prime Minister Churchill to President Roosevelt");
    const dateline = doc.blocks.find((b) => b.role === "dateline" && b.text.startsWith("London, 4 August"))!;
    expect(marks(dateline, "entity")).toEqual([
      { kind: "entity", start: 0, end: 6, type: "place", ref: null, when: null },
      { kind: "entity", start: 8, end: 21, type: "date", ref: null, when: "1944-08-04" },
    ]);
    expect(doc.blocks.find((b) => b.role === "signed")?.text).toBe("Harry");
    // note 1 of document 18 does not collide with note 1 of document 17
    expect(byId.get("fn18.1")?.text).toMatch(/^Sent to Washington by the United States Military Attaché/);
    expect(headings[1].marks.some((m) => m.kind === "footnote-ref" && m.label === "18.1")).toBe(true);
    // page numbers as printed, at the page's first block
    expect(sourceNotes[0].marks).toContainEqual({ kind: "page", at: 0, n: "12" });
    expect(doc.meta).toMatchObject({ title: "Foreign Relations of the United States, Conference at Quebec, 1944", date: "1944", lang: "en" });
  });

  it("FRUS front matter: title page, preface with its closer, a nested table of contents", () => {
    const { doc, result } = build("frus1944Quebec-front.xml");
    expect(doc.blocks.filter((b) => b.type === "list-item").map((b) => b.text)).toEqual([
      "List of Photographs and Maps",
      "Introduction",
      "THE SECOND QUEBEC CONFERENCE AND RELATED CONVERSATIONS AT HYDE PARK",
      "1. Agenda and Arrangements for the Conference",
      "2. Substantive Preparatory Papers:",
      "A. Occupation and postwar treatment of Germany",
      "B. Economic relations with the United Kingdom",
    ]);
    expect(doc.blocks.find((b) => b.role === "signed")?.text).toBe("William M. Franklin");
    expect(doc.blocks.find((b) => b.role === "closer")?.text).toBe("Director, Historical Office\nBureau of Public Affairs");
    // elements rendered generically are counted, and the audit trail lists them
    expect(result.generic).toEqual({ publisher: 1, pubPlace: 1 });
    const audit = build("frus1944Quebec-front.xml").removalsMarkdown;
    expect(audit).toContain("## Elements rendered generically (2)");
    expect(audit).toMatch(/\| `<publisher>` \| +1 \|/);
  });

  it("DTA letter: deletions, additions, regularisation and forme work as the edition marks them", () => {
    const { doc, result } = build("dta-soldatenbrief-042.xml");
    expect(doc.meta).toMatchObject({ lang: "de", date: "1815-06-10", author: "Peter Osterwind" });
    expect(doc.meta.licence).toMatch(/CC BY-SA 4\.0/);
    const letter = doc.blocks.find((b) => b.text.startsWith("Scherburg Den 14. Juni"))!;
    // reading text: the deletion is left out, the addition is in
    expect(letter.text).toContain("Ich wünchen\ndaß");
    expect(letter.text).toContain("seind sie nicht unruhig");
    const del = marks(letter, "variant").find((m) => m.type === "del")!;
    expect(del).toMatchObject({ written: "wücht" });
    expect(letter.text.slice(del.start)).toMatch(/^wünchen/);
    const add = marks(letter, "edit").find((m) => m.type === "add")!;
    expect(letter.text.slice(add.start, add.end)).toBe("nicht");
    const reg = marks(letter, "variant").find((m) => m.type === "orig")!;
    expect(letter.text.slice(reg.start, reg.end)).toBe("Freundlich");
    expect(reg.written).toBe("Frundlch");
    // folio numbers are forme work: kept apart, with the reason
    expect(result.removals.some((r) => r.text.includes("[1]") && /forme work/.test(r.reason))).toBe(true);
    expect(doc.blocks.every((b) => !b.text.includes("[2]"))).toBe(true);
  });

  it("DTA letter: a poem is one verse block, a line per line; gaps are marked", () => {
    const poem = build("dta-soldatenbrief-124.xml").doc.blocks.find((b) => b.type === "verse")!;
    expect(poem.text.split("\n")).toHaveLength(8);
    expect(poem.text.split("\n")[0]).toBe("Wir sind wie es die Pflicht gebeut");
    const letter = build("dta-soldatenbrief-013.xml").doc;
    expect(letter.blocks.flatMap((b) => marks(b, "gap")).map((g) => g.reason)).toContain("illegible");
  });

  it("DraCor play: language from xml:lang, speakers and stage directions", () => {
    const { doc } = build("dracor-chekhov-medved.xml");
    expect(doc.meta).toMatchObject({ lang: "ru", title: "Медведь", author: "Антон Чехов", date: "1888" });
    expect(doc.blocks.filter((b) => b.role === "speaker").length).toBeGreaterThan(5);
    expect(doc.blocks.find((b) => b.role === "stage")?.text).toMatch(/^Попова \(в глубоком трауре/);
  });

  it("names and dates are exposed as entities of the document", () => {
    const entities = documentEntities(build("frus1944Quebec-d17-d19.xml").doc);
    expect(entities).toContainEqual(expect.objectContaining({ type: "date", when: "1944-07-26", text: "July 26, 1944" }));
    expect(entities.filter((e) => e.type === "person").map((e) => e.text)).toContain("Churchill");
  });
});

describe("any well-formed TEI", () => {
  const tei = (body: string, header = "") =>
    `<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt></fileDesc>${header}</teiHeader>\n<text xml:lang="en">\n<body>\n${body}\n</body>\n</text>\n</TEI>\n`;
  const upload = (raw: string, meta: Record<string, unknown> = {}) =>
    buildMemorySource({ fileName: "t.xml", bytes: Buffer.from(raw), slug: "t", meta: { kind: "essay", source: "s", ...meta } });
  const problem = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (e instanceof ContentError) return e;
      throw e;
    }
    throw new Error("expected a ContentError");
  };

  it("is never refused for its vocabulary: unknown elements keep their text, in order, and are counted", () => {
    const raw = tei(
      [
        '<div type="letter"><head>Brief</head>',
        '<opener><dateline><placeName ref="http://d-nb.info/gnd/4074335-4">Moskau</placeName>, <date when="1943-11-12">12. November 1943</date></dateline><salute>Lieber Freund,</salute></opener>',
        "loose words in a division",
        '<p>Text with <frob>an invented element</frob> and <note place="margin">a margin note<note>inside a note</note></note>.</p>',
        "<table><row><cell>A1</cell><cell>B1</cell></row><row><cell>A2</cell><cell>B2</cell></row></table>",
        "<list><item>one<list><item>nested</item></list></item><item>two</item><item><p>three, first</p><p>three, second</p></item></list>",
        "<lg><l>first line</l><l>second line</l></lg>",
        "<cit><quote>To be or not</quote><bibl>Hamlet</bibl></cit>",
        '<figure><head>Map</head><graphic url="m.png"/><figDesc>A map of the front</figDesc></figure>',
        '<p>See <ref target="https://example.org/x">the source</ref><ptr target="#x"/>.</p>',
        "<p>A note <note>between</note> spaces.</p>",
        "<closer><salute>Dein</salute><signed>Anna</signed></closer>",
        "<postscript><p>P.S. Grüße</p></postscript>",
        "<widget><gadget>deep <hi>unknown</hi> text</gadget></widget>",
        "</div>",
      ].join("\n"),
    );
    const { doc, result } = upload(raw);
    const texts = doc.blocks.map((b) => b.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        "Brief",
        "Moskau, 12. November 1943",
        "Lieber Freund,",
        "loose words in a division",
        "Text with an invented element and .",
        "one",
        "nested",
        "two",
        "first line\nsecond line",
        "To be or not",
        "Hamlet",
        "Map",
        "A map of the front",
        "See the source.",
        "A note  spaces.",
        "Dein",
        "Anna",
        "P.S. Grüße",
        "deep unknown text",
      ]),
    );
    expect(doc.blocks.find((b) => b.text === "A1 B1")?.type).toBe("table-row");
    expect(
      marks(
        doc.blocks.find((b) => b.text === "A1 B1"),
        "cell",
      ),
    ).toEqual([
      { kind: "cell", start: 0, end: 2 },
      { kind: "cell", start: 3, end: 5 },
    ]);
    expect(doc.blocks.find((b) => b.text === "first line\nsecond line")?.type).toBe("verse");
    expect(doc.blocks.filter((b) => b.text.startsWith("three")).map((b) => b.type)).toEqual(["list-item", "list-item"]);
    expect(doc.blocks.find((b) => b.text === "A map of the front")?.type).toBe("figure");
    expect(doc.blocks.find((b) => b.text === "To be or not")?.type).toBe("quote");
    expect(doc.blocks.find((b) => b.text === "See the source.")?.marks).toContainEqual({ kind: "link", start: 4, end: 14, href: "https://example.org/x" });
    const note = doc.blocks.find((b) => b.type === "footnote")!;
    expect(note).toMatchObject({ text: "a margin noteinside a note", role: "margin" });
    expect(
      marks(
        doc.blocks.find((b) => b.text.startsWith("Moskau")),
        "entity",
      )[0],
    ).toMatchObject({ type: "place", ref: "http://d-nb.info/gnd/4074335-4" });
    expect(result.generic).toMatchObject({ frob: 1, widget: 1, gadget: 1 });
    // reading order: nested list item after its parent, before the next item
    expect(texts.indexOf("nested")).toBe(texts.indexOf("one") + 1);
  });

  it("the uploader's language wins; an untold one comes from langUsage (ISO 639-2)", () => {
    const raw = tei("<p>Text.</p>", '<profileDesc><langUsage><language ident="deu">Deutsch</language></langUsage></profileDesc>').replace(' xml:lang="en"', "");
    expect(upload(raw).doc.meta.lang).toBe("de");
    expect(upload(raw, { lang: "ru" }).doc.meta.lang).toBe("ru");
  });

  it("refuses what is unsafe, broken or empty, with the line and a translatable code", () => {
    expect(problem(() => upload(`<!DOCTYPE TEI [<!ENTITY a "aaaa">]>\n${tei("<p>&a;</p>")}`))).toMatchObject({ code: "xml-doctype", line: 1 });
    const deep = tei(`${"<hi>".repeat(20_000)}x${"</hi>".repeat(20_000)}`);
    expect(problem(() => upload(deep))).toMatchObject({ code: "xml-too-deep", line: 4 });
    expect(problem(() => upload(tei('<div><p> </p><pb n="1"/></div>')))).toMatchObject({ code: "tei-empty-body" });
    expect(problem(() => upload(tei("<p>open <hi>never closed</p>")))).toMatchObject({ code: "xml-close-tag-mismatch", line: 4 });
  });
});
