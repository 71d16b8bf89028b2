import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { ContentError } from "./errors";
import { canonicalizeBlocks, parseDocumentMarkdown, serializeDocument } from "./markdown";
import { builtCorpus } from "@/content/cleaners/testing/seeds";
import type { Block, SynopseDocument } from "./types";

function doc(blocks: Block[], extra: Partial<SynopseDocument> = {}): SynopseDocument {
  return {
    meta: { slug: "t", title: "T", author: null, lang: "en", date: null, kind: "essay", source: "test", rawFile: "t.md" },
    version: "0123456789abcdef",
    blocks: canonicalizeBlocks(blocks),
    parts: [],
    ...extra,
  };
}

const para = (id: string, text: string, marks: Block["marks"] = []): Block => ({ id, type: "paragraph", text, marks, lines: [[1, 1]] });
const note = (label: string, text: string, status: "ok" | "missing" | "truncated" = "ok"): Block => ({
  id: `fn${label}`,
  type: "footnote",
  text,
  marks: [],
  lines: status === "missing" ? [] : [[9, 9]],
  footnote: { label, status, refs: [] },
});

describe("document Markdown", () => {
  it("round-trips every seed document: parse(serialize(doc)) deep-equals doc", () => {
    const { documents } = builtCorpus();
    expect(documents.map((d) => d.doc.meta.slug).sort()).toEqual([
      "alliierte-zusammenarbeit-1944-45",
      "bayerlein-winogradow-treffen",
      "forum-separatfrieden-1941-43",
      "kowalski-stalin-hitler-1942",
      "mastny-separate-peace",
    ]);
    for (const { doc: d } of documents) {
      const back = parseDocumentMarkdown(serializeDocument(d), `${d.meta.slug}.md`);
      expect(isDeepStrictEqual(back, d), d.meta.slug).toBe(true);
    }
  });

  it("round-trips missing and truncated footnotes", () => {
    const d = doc([
      para("p1", "One, two.", [
        { kind: "footnote-ref", at: 4, footnoteId: "fn31", label: "31" },
        { kind: "footnote-ref", at: 9, footnoteId: "fn43", label: "43" },
      ]),
      note("31", "", "missing"),
      note("43", "Helmut Altrichter, Sowjeti", "truncated"),
    ]);
    const md = serializeDocument(d);
    expect(md).toContain("<!-- fn31 footnote lines=none fn=31 status=missing -->");
    expect(parseDocumentMarkdown(md, "t.md")).toEqual(d);
    expect(d.blocks[1].footnote?.refs).toEqual(["p1"]);
  });

  it("escapes text that looks like Markdown, so it comes back as text", () => {
    const tricky = [
      "1. not a list",
      "- not a bullet",
      "# not a heading",
      "see http://example.org/x and www.example.org",
      "*not em* and _not em_ and [^3] and [a](b)",
      "<!-- not a comment --> & &amp; <b>",
      "> not a quote",
      "~~not struck~~ | a | b |",
    ];
    const d = doc(tricky.map((t, i) => para(`p${i + 1}`, t)));
    expect(parseDocumentMarkdown(serializeDocument(d), "t.md")).toEqual(d);
  });

  it("round-trips marks, line breaks and every block type", () => {
    const d = doc(
      [
        { id: "h1", type: "heading", level: 3, text: "A heading", marks: [], lines: [[1, 1]] },
        para("p1", "Em strong link inside", [
          { kind: "em", start: 0, end: 2 },
          { kind: "strong", start: 3, end: 9 },
          { kind: "link", start: 10, end: 21, href: "https://example.org/a_(b)" },
          { kind: "em", start: 15, end: 21 },
          { kind: "footnote-ref", at: 2, footnoteId: "fn1", label: "1" },
        ]),
        {
          id: "q1",
          type: "quote",
          text: "first line\nsecond line",
          marks: [],
          lines: [[2, 3]],
          quoteOf: "post1",
          attribution: "Victor Schiff, Anfang 1933 -->",
        },
        { id: "li1", type: "list-item", label: "5.", text: "fifth", marks: [], lines: [[4, 4]], part: "post2" },
        { id: "li2", type: "list-item", label: "-", text: "dash", marks: [], lines: [[5, 5]] },
        { id: "l1", type: "link", text: "Title - Google Books", marks: [{ kind: "link", start: 0, end: 20, href: null }], lines: [[6, 6]] },
        { id: "e1", type: "epigraph", text: "»Wir«", marks: [], lines: [[7, 7]], attribution: null },
        { id: "s1", type: "signoff", text: "M.", marks: [], lines: [[8, 8]] },
        { id: "hr1", type: "separator", text: "", marks: [], lines: [[8, 8]] },
        { id: "b1", type: "bio", text: "Bio", marks: [], lines: [[8, 8]], section: 2 },
        note("1", "A note with *stars*"),
      ],
      { parts: [{ id: "post1", kind: "post", n: 1, author: "M.", authorTitle: null, authorConfidence: "inferred", edited: true, lines: [1, 8] }] },
    );
    expect(parseDocumentMarkdown(serializeDocument(d), "t.md")).toEqual(d);
  });

  it("round-trips an edition's blocks and marks (variants, edits, gaps, pages, names, cells) and its licence", () => {
    const d = doc([
      { id: "h1", type: "heading", level: 2, role: "letter", text: "Brief", marks: [{ kind: "page", at: 0, n: "12" }], lines: [[1, 1]] },
      para("p1", "Ich wünchen Freundlich nicht", [
        { kind: "variant", start: 4, end: 4, type: "del", written: 'wücht "x" -->' },
        { kind: "variant", start: 12, end: 22, type: "orig", written: "Frundlch" },
        { kind: "edit", start: 23, end: 28, type: "add" },
        { kind: "em", start: 0, end: 3 },
        { kind: "gap", at: 11, reason: "illegible" },
        { kind: "entity", start: 12, end: 22, type: "person", ref: "http://d-nb.info/gnd/118540238", when: null },
      ]),
      { id: "n1", type: "note", role: "source", text: "Hopkins Papers", marks: [], lines: [[2, 2]] },
      { id: "v1", type: "verse", text: "first line\nsecond line", marks: [], lines: [[3, 4]] },
      {
        id: "tr1",
        type: "table-row",
        text: "A1 B1",
        marks: [
          { kind: "cell", start: 0, end: 2 },
          { kind: "cell", start: 3, end: 5 },
        ],
        lines: [[5, 5]],
      },
      { id: "fig1", type: "figure", text: "A map", marks: [], lines: [[6, 6]] },
    ]);
    d.meta.licence = "CC BY-SA 4.0 — http://creativecommons.org/licenses/by-sa/4.0/";
    const md = serializeDocument(d);
    expect(md).toContain("*Ich* wünchen Freundlich nicht"); // the Markdown text is the reading text
    expect(parseDocumentMarkdown(md, "t.md")).toEqual(d);
  });

  it("writes marks that cross as the reader shows them: the later one split where the earlier ends, joined again on reading", () => {
    const d = doc([
      para("p1", "abcdef", [
        { kind: "em", start: 0, end: 3 },
        { kind: "strong", start: 2, end: 5 },
      ]),
    ]);
    const md = serializeDocument(d);
    expect(canonicalizeBlocks(parseDocumentMarkdown(md, "t.md").blocks)[0].marks).toEqual(d.blocks[0].marks);
  });

  describe("parseDocumentMarkdown errors name file and line", () => {
    const good = serializeDocument(doc([para("p1", "Text.", [{ kind: "footnote-ref", at: 5, footnoteId: "fn1", label: "1" }]), note("1", "N.")]));
    const fails = (md: string, re: RegExp) => {
      try {
        parseDocumentMarkdown(md, "docs/x.md");
      } catch (e) {
        expect(e).toBeInstanceOf(ContentError);
        expect((e as Error).message).toMatch(re);
        return;
      }
      throw new Error("no error");
    };
    it("missing front matter", () => fails(good.replace(/^---[\s\S]*?\n---\n/, ""), /^docs\/x\.md:1: missing front matter/));
    it("unknown language", () => fails(good.replace("lang: en", "lang: fr"), /^docs\/x\.md:5: .*unknown language "fr"/));
    it("footnote reference without a note", () => {
      const md = good.replace(/<!-- fn1 [\s\S]*$/, "");
      const line = md.split("\n").findIndex((l) => l.startsWith("Text.")) + 1;
      fails(md, new RegExp(`^docs/x\\.md:${line}: footnote reference \\[\\^1\\] has no footnote`));
    });
    it("content without a block comment", () => fails(good + "\nstray paragraph\n", /^docs\/x\.md:\d+: expected a block comment/));
  });
});
