import { describe, expect, it } from "vitest";
import { ContentError } from "../errors";
import { checkFidelity } from "../fidelity";
import { cleanMarkdownSource } from "./markdown-source";
import { cleanPlainText } from "./plain-text";

const FRONT = ["---", "title: T", "lang: en", "kind: essay", "source: S", "---", ""];
const md = (...body: string[]) => [...FRONT, ...body].join("\n");

describe("Markdown source cleaner", () => {
  it("turns Markdown syntax into structure, records it as mends, and stays faithful", () => {
    const raw = md(
      "# Heading with `code`",
      "",
      "Escaped \\*stars\\*, an entity &amp; a **strong _nested em_** word,",
      "a hard break\\",
      "and <https://example.org> plus www.example.com and more.[^n]",
      "",
      "> First quoted paragraph",
      "> still first.",
      ">",
      "> Second quoted paragraph.",
      "",
      "- one",
      "- two",
      "",
      "***",
      "",
      "<!-- an editor's comment -->",
      "",
      "[^n]: The *note*.",
      "",
    );
    const r = cleanMarkdownSource(raw, { file: "t.md", meta: {} });
    expect(checkFidelity(raw, r)).toEqual([]);
    expect(r.meta).toMatchObject({ title: "T", lang: "en", kind: "essay", source: "S" });
    const byId = Object.fromEntries(r.blocks.map((b) => [b.id, b]));
    expect(byId.h1).toMatchObject({ type: "heading", level: 1, text: "Heading with code" });
    expect(byId.p1.text).toBe("Escaped *stars*, an entity & a strong nested em word, a hard break\nand https://example.org plus www.example.com and more.");
    expect(byId.p1.marks.map((m) => m.kind).sort()).toEqual(["em", "footnote-ref", "link", "link", "strong"]);
    expect(byId.q1).toMatchObject({ type: "quote", text: "First quoted paragraph still first.\nSecond quoted paragraph." });
    expect([byId.li1, byId.li2].map((b) => [b.label, b.text])).toEqual([
      ["-", "one"],
      ["-", "two"],
    ]);
    expect(byId.hr1).toMatchObject({ type: "separator", text: "" });
    expect(byId.fnn).toMatchObject({ type: "footnote", text: "The note.", footnote: { label: "n", status: "ok", refs: [] } });
    expect(r.removals.filter((x) => !x.blockId).map((x) => x.reason)).toEqual(["front matter → metadata", "HTML comment"]);
  });

  it("stops at a footnote reference without a note, naming the line", () => {
    expect(() => cleanMarkdownSource(md("Para.", "", "Other[^7] para."), { file: "t.md", meta: {} })).toThrow(
      /^t\.md:10: footnote reference \[\^7\] has no footnote/,
    );
  });

  it("stops at constructs it cannot represent", () => {
    expect(() => cleanMarkdownSource(md("```", "code", "```"), { file: "t.md", meta: {} })).toThrow(ContentError);
    expect(() => cleanMarkdownSource(md("![img](x.png)"), { file: "t.md", meta: {} })).toThrow(/t\.md:8: unsupported Markdown \(image\)/);
  });
});

describe("plain text cleaner", () => {
  it("makes blank-line paragraphs and Markdown-style footnotes, faithfully", () => {
    const raw = "First line\nsecond line.[^1]\n\n\nNext.\n\n[^1]: Note\ntext.\n";
    const r = cleanPlainText(raw, { file: "t.txt", meta: {} });
    expect(checkFidelity(raw, r)).toEqual([]);
    expect(r.blocks.map((b) => [b.id, b.text, b.lines])).toEqual([
      ["p1", "First line second line.", [[1, 2]]],
      ["p2", "Next.", [[5, 5]]],
      ["fn1", "Note text.", [[7, 8]]],
    ]);
  });

  it("refuses a footnote defined twice", () => {
    expect(() => cleanPlainText("A.[^1]\n\n[^1]: x\n\n[^1]: y\n", { file: "t.txt", meta: {} })).toThrow(/t\.txt:5: footnote \[\^1\] is defined twice/);
  });
});
