import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildMemorySource } from "@/lib/content/pipeline";
import { hasEditionViews } from "./edition";
import { fixtureLabels } from "./testing/document";
import { renderDocument, renderInline } from "./html";
import type { Block } from "@/lib/content/types";

const FIXTURES = path.join(__dirname, "../content/testing/fixtures/tei");
const load = (file: string, lang?: "en") =>
  buildMemorySource({
    fileName: file,
    bytes: fs.readFileSync(path.join(FIXTURES, file)),
    slug: "e",
    meta: { kind: "essay", source: "s", ...(lang ? { lang } : {}) },
  }).doc;

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
/** The text a selection counts in a block: everything but data-fn-marker elements (lib/reader/selection). */
function anchoredText(html: string): string {
  let out = html;
  for (;;) {
    const next = out.replace(/<(\w+)[^>]*data-fn-marker[^>]*>(?:(?!<\1[\s>])[\s\S])*?<\/\1>/, "");
    if (next === out) break;
    out = next;
  }
  return unescape(out.replace(/<[^>]+>/g, ""));
}
function blockHtml(html: string, id: string): string {
  const start = html.indexOf(`data-block-id="${id}"`);
  const open = html.lastIndexOf("<", start);
  const tag = /^<(\w+)/.exec(html.slice(open))![1];
  const end = html.indexOf(`</${tag}>`, start);
  return html.slice(html.indexOf(">", start) + 1, end);
}

describe("reading and diplomatic views", () => {
  const doc = load("dta-soldatenbrief-042.xml");
  const letter = doc.blocks.find((b) => b.text.startsWith("Scherburg"))!;
  const html = renderDocument(doc, "pane1", fixtureLabels).html;
  const inner = blockHtml(html, letter.id);

  it("anchor on one text: what a selection counts is the reading text, whichever view is shown", () => {
    expect(anchoredText(inner)).toBe(letter.text);
  });

  it("shows the diplomatic side beside it: deletions, original spellings; additions marked", () => {
    expect(inner).toContain('<del class="tei-dipl tei-del" data-fn-marker="">wücht</del>');
    expect(inner).toMatch(/<span class="tei-dipl tei-orig" data-fn-marker="">Frundlch<\/span><span class="tei-reading tei-orig-reading">Freundlich<\/span>/);
    expect(inner).toContain('<ins class="tei-add">nicht</ins>');
  });

  it("offers the switch only where the views differ", () => {
    expect(hasEditionViews(doc)).toBe(true);
    expect(hasEditionViews(load("frus1944Quebec-d17-d19.xml", "en"))).toBe(false);
  });

  it("shows the licence and page numbers with their labels", () => {
    const frus = renderDocument(load("frus1944Quebec-d17-d19.xml", "en"), "pane1", { ...fixtureLabels, page: (n) => `page ${n}`, licence: "Licence:" }).html;
    expect(frus).toContain('<span class="tei-pb" data-fn-marker="" aria-label="page 12" lang="en">12</span>');
    expect(html).toMatch(/<p class="doc-licence">.*CC BY-SA 4\.0.*<a href="http:\/\/creativecommons\.org\/licenses\/by-sa\/4\.0\/deed\.de" rel="license/);
  });

  it("nests crossing marks without changing the text", () => {
    const block: Block = {
      id: "p1",
      type: "paragraph",
      text: "Molotov in Moskau",
      marks: [
        { kind: "em", start: 0, end: 10 },
        { kind: "entity", start: 8, end: 17, type: "place", ref: null, when: null },
        { kind: "gap", at: 7, reason: null },
      ],
      lines: [[1, 1]],
    };
    const html = renderInline(block, { paneId: "pane1", labels: fixtureLabels, markerCount: new Map(), footnotes: new Map() });
    expect(anchoredText(html)).toBe(block.text);
    // the entity crosses the end of the italics: closed there and reopened outside
    expect(html).toBe(
      '<em>Molotov<span class="tei-gap" data-fn-marker="">[…]</span> <span class="tei-entity tei-place">in</span></em><span class="tei-entity tei-place"> Moskau</span>',
    );
  });

  it("gathers a table's rows into one table (rows and cells for assistive technology)", () => {
    const row = (id: string, text: string): Block => ({
      id,
      type: "table-row",
      text,
      marks: [
        { kind: "cell", start: 0, end: 2 },
        { kind: "cell", start: 3, end: 5 },
      ],
      lines: [[1, 1]],
    });
    const doc = {
      meta: { slug: "t", title: "T", author: null, lang: "en", date: null, kind: "essay", source: "s", rawFile: "t.xml" },
      version: "0123456789abcdef",
      blocks: [row("tr1", "A1 B1"), row("tr2", "A2 B2")],
      parts: [],
    } as const;
    const html = renderDocument(doc as never, "pane1", fixtureLabels).html;
    expect(html).toContain(
      '<div class="table" role="table"><div class="b b-table-row" id="pane1-tr1" data-block-id="tr1" role="row"><span class="tei-cell" role="cell">A1</span> <span class="tei-cell" role="cell">B1</span></div><div class="b b-table-row"',
    );
    expect(html.match(/role="table"/g)).toHaveLength(1);
  });
});
