/**
 * A tiny forum thread with everything the reader must show: parts with known, inferred and unknown
 * authors, quotes of another post and from outside, marks (nested, overlapping a footnote marker),
 * headings, list items and footnotes that are ok, missing and truncated. Used by unit tests.
 */
import type { SynopseDocument } from "@/lib/content/types";
import type { DocumentLabels } from "../html";

/** English labels with a visible date marker ("[2013-05]"), so tests see where the renderer put a date. */
export const fixtureLabels: DocumentLabels = {
  uiLang: "en",
  untitled: "Untitled",
  notes: "Notes",
  noteMarker: (l) => `Note ${l}`,
  backToMarker: (l) => `Back to the text at note ${l}`,
  noteMissing: "This note is missing from the source",
  noteTruncated: "This note is truncated in the source",
  post: (n) => `Post ${n}`,
  comment: (n) => `Comment ${n}`,
  bio: "About the author",
  unknownMember: "unknown member",
  authorInferred: "(inferred)",
  edited: "(edited)",
  quotingPost: (n, a) => `Quoting post ${n} — ${a}`,
  quotingOutside: "Quoted from outside the thread",
  quotedFrom: (a) => `Quoted: ${a}`,
  formatDate: (d) => `[${d}]`,
  source: "Source:",
};

export const fixtureDocument: SynopseDocument = {
  meta: {
    slug: "fixture-thread",
    title: "Separatfrieden <1943>",
    author: null,
    lang: "de",
    date: "2013-05",
    kind: "forum",
    source: "Test & fixture",
    rawFile: "fixture.txt",
  },
  version: "0000000000000000",
  parts: [
    { id: "post1", kind: "post", n: 1, author: "thanepower", authorTitle: "Aktives Mitglied", authorConfidence: "explicit", lines: [1, 5] },
    { id: "post2", kind: "post", n: 2, author: null, authorConfidence: "unknown", lines: [6, 8] },
    { id: "post3", kind: "post", n: 3, author: "M.", authorConfidence: "inferred", edited: true, lines: [9, 12] },
  ],
  blocks: [
    { id: "h1", type: "heading", level: 2, text: "Einleitung", marks: [], lines: [[1, 1]] },
    {
      id: "p1",
      type: "paragraph",
      part: "post1",
      text: "Stalin wollte nie einen Frieden.",
      marks: [
        { kind: "em", start: 7, end: 20 },
        { kind: "strong", start: 14, end: 20 },
        { kind: "footnote-ref", at: 13, footnoteId: "fn1", label: "1" },
        { kind: "footnote-ref", at: 32, footnoteId: "fn2", label: "2" },
      ],
      lines: [[2, 3]],
    },
    { id: "post1-q1", type: "quote", part: "post1", quoteOf: null, text: "Ein Zitat von außen.", marks: [], lines: [[4, 4]] },
    {
      id: "p2",
      type: "paragraph",
      part: "post2",
      text: "Siehe Google Books & <mehr>.",
      marks: [{ kind: "link", start: 6, end: 18, href: "https://books.google.com/x?a=1&b=2" }],
      lines: [[6, 7]],
    },
    { id: "post3-q1", type: "quote", part: "post3", quoteOf: "post1", text: "Stalin wollte nie", marks: [], lines: [[9, 9]] },
    {
      id: "li1",
      type: "list-item",
      part: "post3",
      label: "1.",
      text: "Erstens",
      marks: [{ kind: "footnote-ref", at: 7, footnoteId: "fn3", label: "3" }],
      lines: [[10, 10]],
    },
    {
      id: "li2",
      type: "list-item",
      part: "post3",
      label: "2.",
      text: "Zweitens",
      marks: [{ kind: "link", start: 0, end: 8, href: "javascript:alert(1)" }],
      lines: [[11, 11]],
    },
    {
      id: "fn1",
      type: "footnote",
      text: "Vgl. Fleischhauer, 1986.",
      marks: [{ kind: "em", start: 5, end: 17 }],
      footnote: { label: "1", status: "ok", refs: ["p1"] },
      lines: [[13, 13]],
    },
    { id: "fn2", type: "footnote", text: "", marks: [], footnote: { label: "2", status: "missing", refs: ["p1"] }, lines: [[14, 14]] },
    { id: "fn3", type: "footnote", text: "Ebd., S.", marks: [], footnote: { label: "3", status: "truncated", refs: ["li1"] }, lines: [[15, 15]] },
  ],
};
