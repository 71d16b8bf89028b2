import { describe, expect, it } from "vitest";
import { renderDocument, renderDocumentCached } from "./html";
import { fixtureDocument, fixtureLabels as labels } from "./testing/document";

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

/** The inner HTML of the element carrying data-block-id="id" (blocks never nest, so the first closing tag of its kind ends it). */
function blockInner(html: string, id: string): { tag: string; attrs: string; inner: string } {
  const open = new RegExp(`<(\\w+)([^>]*data-block-id="${id}"[^>]*)>`).exec(html);
  if (!open) throw new Error(`no block ${id}`);
  const tag = open[1];
  const rest = html.slice(open.index + open[0].length);
  return { tag, attrs: open[2], inner: rest.slice(0, rest.indexOf(`</${tag}>`)) };
}

/** What the selection module counts: text nodes, minus footnote markers. */
const visibleText = (inner: string) => unescape(inner.replace(/<sup[^>]*data-fn-marker[^>]*>.*?<\/sup>/g, "").replace(/<[^>]+>/g, ""));

describe("document → reader HTML", () => {
  const { html, outline } = renderDocument(fixtureDocument, "pane1", labels);

  it("renders every block's text exactly, with a block id and a per-pane fragment id", () => {
    for (const block of fixtureDocument.blocks) {
      const { attrs, inner } = blockInner(html, block.id);
      expect(visibleText(inner)).toBe(block.text);
      expect(attrs).toContain(`id="pane1-${block.id}"`);
    }
  });

  it("renders marks as nested elements and footnote markers as separate buttons", () => {
    const { inner } = blockInner(html, "p1");
    expect(inner).toBe(
      'Stalin <em>wollte<sup class="fn-ref" data-fn-marker="">' +
        '<button type="button" id="pane1-fnref-fn1-1" class="fn-button" data-note="pane1-fn1" data-note-status="ok" aria-expanded="false" aria-label="Note 1" lang="en">1</button>' +
        '</sup> <strong>nie ei</strong></em>nen Frieden.<sup class="fn-ref" data-fn-marker="">' +
        '<button type="button" id="pane1-fnref-fn2-1" class="fn-button" data-note="pane1-fn2" data-note-status="missing" aria-expanded="false" aria-label="Note 2" lang="en">2</button></sup>',
    );
  });

  it("escapes text and keeps only safe link targets", () => {
    expect(blockInner(html, "p2").inner).toBe(
      'Siehe <a href="https://books.google.com/x?a=1&amp;b=2" rel="noopener noreferrer" target="_blank">Google Books</a> &amp; &lt;mehr>.',
    );
    expect(blockInner(html, "li2").inner).toBe('<span class="link-lost">Zweitens</span>');
    expect(html).toContain("Separatfrieden &lt;1943>");
    expect(html).not.toContain("javascript:");
  });

  it("shows forum posts as articles with their author, and unknown authors as such", () => {
    expect(html).toMatch(/<article class="part part-post" id="pane1-part-post1" aria-labelledby="pane1-part-post1-h">/);
    expect(html).toContain('<span class="part-author">thanepower</span> <span class="part-author-title">Aktives Mitglied</span>');
    expect(html).toMatch(
      /id="pane1-part-post2-h"><span class="part-name" lang="en">Post 2<\/span> <span class="part-author part-author-unknown" lang="en">unknown member<\/span>/,
    );
    expect(html).toContain('<span class="part-note" lang="en">(inferred)</span>');
  });

  it("attributes quotes to the quoted post, or says they come from outside", () => {
    expect(html).toContain('<a href="#pane1-part-post1">Quoting post 1 — thanepower</a>');
    expect(html).toContain("Quoted from outside the thread");
  });

  it("gives a block quote outside a forum thread (an essay, a TEI edition) no forum caption (issue 17, item 10)", () => {
    const essay = {
      ...fixtureDocument,
      parts: [],
      blocks: [
        { id: "p1", type: "paragraph" as const, text: "Mastný quotes the minutes:", marks: [], lines: [[1, 1]] as Array<[number, number]> },
        {
          id: "q1",
          type: "quote" as const,
          quoteOf: null,
          text: "Die Sowjetunion sei zu einem Sonderfrieden bereit.",
          marks: [],
          lines: [[2, 2]] as Array<[number, number]>,
        },
      ],
    };
    const rendered = renderDocument(essay, "pane1", labels).html;
    expect(visibleText(blockInner(rendered, "q1").inner)).toBe("Die Sowjetunion sei zu einem Sonderfrieden bereit.");
    expect(rendered).not.toContain("Quoted from outside");
    expect(rendered).not.toContain("quote-of");
  });

  it("lists notes with their status and links back to each marker", () => {
    expect(html).toMatch(/<li class="note note-missing">.*This note is missing from the source/);
    expect(html).toMatch(/<li class="note note-truncated">.*This note is truncated in the source/);
    expect(html).toContain('<a href="#pane1-fnref-fn1-1" class="note-backlink" lang="en" aria-label="Back to the text at note 1">');
  });

  it("outlines headings, posts and notes", () => {
    expect(outline.map((o) => o.text)).toEqual(["Einleitung", "Post 1 — thanepower", "Post 2 — unknown member", "Post 3 — M.", "Notes"]);
    expect(outline[0].id).toBe("pane1-h1");
  });

  it("gives each pane its own ids, so a document can be open twice", () => {
    const other = renderDocumentCached(fixtureDocument, "pane2", labels).html;
    expect(other).toContain('id="pane2-p1"');
    expect(other).not.toContain('id="pane1-');
  });
});

describe("sections of a heading-less essay", () => {
  const essay = {
    ...fixtureDocument,
    meta: { ...fixtureDocument.meta, slug: "essay", kind: "essay" as const },
    parts: [],
    blocks: [
      {
        id: "p1",
        type: "paragraph" as const,
        section: 1,
        text: "THE FEAR THAT Moscow and Berlin might again come to terms",
        marks: [],
        lines: [[1, 1]] as Array<[number, number]>,
      },
      {
        id: "p2",
        type: "paragraph" as const,
        section: 1,
        text: "If Stalin contemplated a separate peace",
        marks: [],
        lines: [[2, 2]] as Array<[number, number]>,
      },
      {
        id: "p3",
        type: "paragraph" as const,
        section: 2,
        text: "During the winter the situation changed entirely.",
        marks: [],
        lines: [[3, 3]] as Array<[number, number]>,
      },
    ],
  };

  it("outlines each section by its opening words and marks where it starts", () => {
    const { html, outline } = renderDocument(essay, "pane1", labels);
    expect(outline).toEqual([
      { id: "pane1-p1", text: "§ 1 THE FEAR THAT …", level: 1 },
      { id: "pane1-p3", text: "§ 2 During the winter the situation changed …", level: 1 },
    ]);
    expect(html).toContain('class="b b-paragraph section-start" id="pane1-p1"');
    expect(html).toContain('class="b b-paragraph" id="pane1-p2"');
    expect(html).toContain('class="b b-paragraph section-start" id="pane1-p3"');
  });
});
