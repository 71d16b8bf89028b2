/**
 * Cleaner for TEI P5 XML (an uploaded edition or a whole volume). The supported subset:
 *
 *   teiHeader  title, author (fileDesc/titleStmt), language (profileDesc/langUsage/language@ident, or
 *              xml:lang on <TEI>/<text>), date and source (publicationStmt, sourceDesc) → metadata
 *   text, front, body, back, div (nested: heading level = depth + 1, at most 4)
 *   head → heading; p → paragraph; quote → block quote (its <p>s separated by line breaks), inside a
 *   paragraph its text stays inline; note → footnote, linked both ways (label = @n or a running number);
 *   hi → emphasis (rend="bold"/"strong" → strong); lb → line break; pb → dropped, recorded with its @n;
 *   comments and processing instructions are dropped and recorded.
 *
 * Anything else stops the import with the element's line ("unsupported element <table>"), as does text
 * outside a paragraph or heading; malformed XML is reported with saxes' line. Every tag that disappears is a
 * recorded mend and every dropped line a removal, so lib/content/fidelity proves the clean text is the
 * file's text, exactly as for the other cleaners.
 *
 * saxes parses (it checks well-formedness and decodes entities); the tree keeps each node's UTF-16 offsets
 * in the raw text, which the BlockBuilder needs to account for every character.
 */
import { SaxesParser } from "saxes";
import { ContentError, type ContentErrorCode, type ContentErrorParams } from "../errors";
import { LANGUAGES, type Block, type DocumentMeta, type Language } from "../types";
import { BlockBuilder } from "./block-builder";
import type { Cleaner, CleanResult } from "./types";

interface ElementNode {
  kind: "element";
  name: string;
  attrs: Record<string, string>;
  /** offsets in the raw text: whole element, and the end of its start tag / start of its end tag */
  start: number;
  openEnd: number;
  closeStart: number;
  end: number;
  children: XmlNode[];
}
interface TextNode {
  kind: "text";
  start: number;
  end: number;
  value: string;
}
interface OtherNode {
  kind: "comment" | "pi";
  start: number;
  end: number;
}
type XmlNode = ElementNode | TextNode | OtherNode;

const MARKUP = "TEI markup → structure";
const OUTSIDE = "text of neighbouring blocks on the same raw lines";
const SUPPORTED = new Set(["TEI", "teiHeader", "text", "front", "body", "back", "div", "head", "p", "quote", "note", "hi", "lb", "pb"]);

function localName(name: string): string {
  const i = name.indexOf(":");
  return i >= 0 ? name.slice(i + 1) : name;
}

/**
 * saxes reports well-formedness errors as English sentences; the common ones become codes the interface
 * translates, with what the sentence does not say (which element was open, which entity) read from the raw
 * text. Anything else keeps saxes' words as a detail.
 */
function xmlProblem(message: string, raw: string, position: number, lastClosed: string | null): { code: ContentErrorCode; params: ContentErrorParams } {
  const m = message.replace(/^(?:[^:\n]*:)?\d+:\d+: /, "");
  const before = (opener: string) => raw.slice(Math.max(0, raw.lastIndexOf(opener, position - 1)), position);
  if (m === "unexpected close tag.") {
    const found = /^<\/\s*([^\s>]+)/.exec(before("</"))?.[1];
    if (found && lastClosed) return { code: "xml-close-tag-mismatch", params: { found, expected: lastClosed } };
  }
  let g: RegExpExecArray | null;
  if ((g = /^unmatched closing tag: (.+)\.$/.exec(m))) return { code: "xml-unmatched-close-tag", params: { element: g[1] } };
  if ((g = /^unclosed tag: (.+)$/.exec(m))) return { code: "xml-unclosed-tag", params: { element: g[1] } };
  if (m === "document must contain a root element.") return { code: "xml-no-root", params: {} };
  if (m === "documents may contain only one root.") return { code: "xml-several-roots", params: {} };
  if (m === "text data outside of root node.") return { code: "xml-text-outside-root", params: {} };
  if (m === "undefined entity.") {
    const entity = /^&([^;\s&<]+)/.exec(before("&"))?.[1];
    if (entity) return { code: "xml-undefined-entity", params: { entity } };
  }
  if ((g = /^duplicate attribute: (.+)\.$/.exec(m))) return { code: "xml-duplicate-attribute", params: { name: g[1] } };
  if (/^(attribute without value|value must be quoted|unquoted attribute value|no whitespace between attributes|disallowed character in attribute name)\.$/.test(m)) return { code: "xml-bad-attribute", params: {} };
  if (/^disallowed character/.test(m)) return { code: "xml-bad-character", params: {} };
  if ((g = /^unbound namespace prefix: "(.+)"\.$/.exec(m))) return { code: "xml-unbound-prefix", params: { prefix: g[1] } };
  if (m === "malformed comment.") return { code: "xml-bad-comment", params: {} };
  if (m === "unexpected end.") return { code: "xml-unexpected-end", params: {} };
  return { code: "xml-malformed", params: { detail: m } };
}

/** Parse with saxes into a tree of offsets. Malformed XML → ContentError at saxes' line (an unclosed element: at its start tag). */
export function parseXml(raw: string, file: string): ElementNode {
  const parser = new SaxesParser({ position: true });
  const root: ElementNode = { kind: "element", name: "#document", attrs: {}, start: 0, openEnd: 0, closeStart: raw.length, end: raw.length, children: [] };
  const stack: ElementNode[] = [root];
  let cursor = 0; // end of the last markup token
  let pendingText: string[] = [];
  let failure: ContentError | null = null;
  const top = () => stack[stack.length - 1];
  const flushText = (upTo: number) => {
    if (upTo > cursor) top().children.push({ kind: "text", start: cursor, end: upTo, value: pendingText.join("") });
    pendingText = [];
  };
  const markupStart = (opener: string) => raw.lastIndexOf(opener, parser.position - 1);
  let lastClosed: string | null = null;
  const fail = (message: string) => {
    if (failure) return;
    const problem = xmlProblem(message, raw, parser.position, lastClosed);
    let line = parser.line || 1;
    if (problem.code === "xml-unclosed-tag") {
      // saxes notices at the end of the file; the start tag is where the instructor has to look.
      const open = [...stack].reverse().find((el) => el.name === localName(String(problem.params.element)));
      if (open) line = raw.slice(0, open.start).split("\n").length;
    }
    failure = new ContentError(file, line, problem.code, problem.params);
  };

  parser.on("error", (e) => fail(e.message));
  parser.on("text", (t) => pendingText.push(t));
  parser.on("cdata", (t) => pendingText.push(t));
  parser.on("opentag", (tag) => {
    const start = markupStart("<");
    flushText(start);
    const el: ElementNode = { kind: "element", name: localName(tag.name), attrs: tag.attributes as unknown as Record<string, string>, start, openEnd: parser.position, closeStart: parser.position, end: parser.position, children: [] };
    top().children.push(el);
    cursor = parser.position;
    if (!tag.isSelfClosing) stack.push(el);
  });
  parser.on("closetag", (tag) => {
    if (tag.isSelfClosing) return;
    const start = markupStart("</");
    flushText(start);
    const el = stack.pop()!;
    lastClosed = el.name;
    el.closeStart = start;
    el.end = parser.position;
    cursor = parser.position;
  });
  parser.on("comment", () => {
    const start = markupStart("<!--");
    flushText(start);
    top().children.push({ kind: "comment", start, end: parser.position });
    cursor = parser.position;
  });
  parser.on("processinginstruction", () => {
    const start = markupStart("<?");
    flushText(start);
    top().children.push({ kind: "pi", start, end: parser.position });
    cursor = parser.position;
  });
  parser.on("doctype", () => {
    const start = markupStart("<!DOCTYPE");
    flushText(start);
    top().children.push({ kind: "pi", start, end: parser.position });
    cursor = parser.position;
  });
  try {
    parser.write(raw).close();
  } catch (e) {
    fail((e as Error).message);
  }
  if (failure) throw failure;
  flushText(raw.length);
  return root;
}

function elements(node: ElementNode, name?: string): ElementNode[] {
  return node.children.filter((c): c is ElementNode => c.kind === "element" && (name === undefined || c.name === name));
}

function textOf(node: XmlNode): string {
  if (node.kind === "text") return node.value;
  if (node.kind !== "element") return "";
  return node.children.map(textOf).join("");
}

function clean(s: string): string | null {
  const t = s.replace(/\s+/g, " ").trim();
  return t === "" ? null : t;
}

function path(node: ElementNode | undefined, ...names: string[]): ElementNode | undefined {
  let cur = node;
  for (const n of names) cur = cur ? elements(cur, n)[0] : undefined;
  return cur;
}

function headerMeta(header: ElementNode | undefined, tei: ElementNode, text: ElementNode | undefined): Partial<DocumentMeta> {
  const meta: Partial<DocumentMeta> = {};
  const titleStmt = path(header, "fileDesc", "titleStmt");
  const titles = titleStmt ? elements(titleStmt, "title") : [];
  const main = titles.find((t) => !t.attrs.type || t.attrs.type === "main") ?? titles[0];
  if (main) meta.title = clean(textOf(main));
  const sub = titles.find((t) => t.attrs.type === "sub");
  if (sub) meta.subtitle = clean(textOf(sub));
  const authors = titleStmt ? elements(titleStmt, "author").map((a) => clean(textOf(a))).filter((a): a is string => !!a) : [];
  if (authors.length) meta.author = authors.join(", ");
  const language = path(header, "profileDesc", "langUsage", "language");
  const langCode = (language?.attrs.ident ?? text?.attrs["xml:lang"] ?? tei.attrs["xml:lang"] ?? "").toLowerCase().split("-")[0];
  if ((LANGUAGES as readonly string[]).includes(langCode)) meta.lang = langCode as Language;
  const sourceDesc = path(header, "fileDesc", "sourceDesc");
  const source = sourceDesc ? clean(textOf(sourceDesc)) : null;
  if (source) meta.source = source;
  const dateEl = path(header, "fileDesc", "publicationStmt", "date") ?? (sourceDesc ? findFirst(sourceDesc, "date") : undefined);
  const when = dateEl?.attrs.when ?? (dateEl ? clean(textOf(dateEl)) : null);
  const date = when?.match(/^\d{4}(?:-\d{2}(?:-\d{2})?)?/)?.[0];
  if (date) meta.date = date;
  return meta;
}

function findFirst(node: ElementNode, name: string): ElementNode | undefined {
  for (const c of elements(node)) {
    if (c.name === name) return c;
    const deeper = findFirst(c, name);
    if (deeper) return deeper;
  }
  return undefined;
}

export const cleanTei: Cleaner = (raw, ctx) => {
  const file = ctx.file;
  const lines = raw.split("\n");
  const lineStart: number[] = [0];
  for (let i = 0; i < raw.length; i++) if (raw.charCodeAt(i) === 10) lineStart.push(i + 1);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = lineStart.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStart[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const fail = (offset: number, code: ContentErrorCode, params: ContentErrorParams = {}): never => {
    throw new ContentError(file, lineOf(offset), code, params);
  };

  const doc = parseXml(raw, file);
  const tei = elements(doc)[0];
  if (!tei) fail(0, "xml-no-root");
  if (tei.name !== "TEI") fail(tei.start, "tei-wrong-root", { element: tei.name });
  const header = elements(tei, "teiHeader")[0];
  const text = elements(tei, "text")[0];
  if (!text) fail(tei.start, "tei-no-text");
  for (const el of elements(tei)) if (el.name !== "teiHeader" && el.name !== "text") fail(el.start, "tei-unsupported-element", { element: el.name, parent: "TEI", supported: "teiHeader, text" });
  for (const c of tei.children) if (c.kind === "text" && c.value.trim() !== "") fail(c.start, "tei-text-outside-text");

  const result: CleanResult = { meta: headerMeta(header, tei, text), blocks: [], parts: [], removals: [], mends: [] };
  const body: Block[] = [];
  const notes: Block[] = [];
  const counters: Record<string, number> = {};
  const nextId = (prefix: string) => `${prefix}${(counters[prefix] = (counters[prefix] ?? 0) + 1)}`;
  const usedLabels = new Set<string>();
  let noteCounter = 0;
  /** why each raw line outside any block was dropped (header, page break, markup) */
  const lineReason = new Map<number, string>();
  const mark = (from: number, to: number, reason: string) => {
    for (let l = lineOf(from); l <= lineOf(Math.max(from, to - 1)); l++) if (!lineReason.has(l)) lineReason.set(l, reason);
  };
  if (header) mark(header.start, header.end, "teiHeader → metadata");

  const noteLabel = (note: ElementNode): string => {
    const n = note.attrs.n?.trim();
    const label = n && /^[A-Za-z0-9][\w.-]*$/.test(n) && !usedLabels.has(n) ? n : String(++noteCounter);
    if (usedLabels.has(label)) return noteLabel({ ...note, attrs: {} });
    usedLabels.add(label);
    return label;
  };

  /** A block over the raw lines of [from, to): text of neighbours on those lines is removed, then `fill` walks the element. */
  const makeBlock = (id: string, type: Block["type"], from: number, to: number, fill: (b: BlockBuilder, upTo: (abs: number) => void) => void): Block => {
    const span: [number, number] = [lineOf(from), lineOf(Math.max(from, to - 1))];
    const base = lineStart[span[0] - 1];
    const b = new BlockBuilder(id, lines, [span]);
    const skip = (abs: number, reason: string) => {
      const piece = b.raw.slice(b.raw.length - b.rest.length, abs - base);
      if (piece === "") return;
      if (piece.trim() === "") b.keep(piece);
      else b.remove(piece, reason);
    };
    skip(from, OUTSIDE);
    fill(b, (abs) => skip(abs, OUTSIDE));
    skip(base + b.raw.length, OUTSIDE);
    let built;
    try {
      built = b.finish();
    } catch (e) {
      fail(from, "internal-block", { detail: (e as Error).message });
    }
    result.mends.push(...built!.mends);
    result.removals.push(...built!.removals);
    return { id, type, text: built!.text, marks: built!.marks, lines: [span] };
  };

  const tag = (b: BlockBuilder, from: number, to: number) => {
    if (to > from) b.change(raw.slice(from, to), "", MARKUP);
  };

  /** Inline content of a paragraph, heading or quote: text, hi, lb, pb, note, inline quote. */
  const inline = (b: BlockBuilder, el: ElementNode, inNote: boolean) => {
    for (const c of el.children) {
      if (c.kind === "text") {
        const r = raw.slice(c.start, c.end);
        if (r === c.value) b.keep(r);
        else b.change(r, c.value, "XML entity / character reference");
        continue;
      }
      if (c.kind !== "element") {
        b.remove(raw.slice(c.start, c.end), c.kind === "comment" ? "XML comment" : "XML processing instruction");
        continue;
      }
      switch (c.name) {
        case "hi": {
          const rend = (c.attrs.rend ?? "").toLowerCase();
          b.open(/bold|strong/.test(rend) ? "strong" : "em", raw.slice(c.start, c.openEnd), MARKUP);
          inline(b, c, inNote);
          b.close(raw.slice(c.closeStart, c.end), MARKUP);
          break;
        }
        case "quote":
          tag(b, c.start, c.openEnd);
          inline(b, c, inNote);
          tag(b, c.closeStart, c.end);
          break;
        case "lb":
          b.lineBreak(raw.slice(c.start, c.end), "<lb/> → line break");
          break;
        case "pb":
          b.remove(raw.slice(c.start, c.end), `page break${c.attrs.n ? ` (page ${c.attrs.n})` : ""}`);
          break;
        case "note": {
          if (inNote) fail(c.start, "tei-nested-note");
          const label = noteLabel(c);
          b.ref(raw.slice(c.start, c.end), label, "<note> → footnote");
          notes.push({
            ...makeBlock(`fn${label}`, "footnote", c.start, c.end, (nb, upTo) => {
              upTo(c.start);
              nb.remove(raw.slice(c.start, c.openEnd), "note tag (its label is the footnote's label)");
              for (const p of c.children) {
                if (p.kind === "element" && p.name === "p") {
                  tag(nb, p.start, p.openEnd);
                  inline(nb, p, true);
                  tag(nb, p.closeStart, p.end);
                } else inline(nb, { ...c, children: [p] }, true);
              }
              nb.remove(raw.slice(c.closeStart, c.end), "note end tag");
            }),
            footnote: { label, status: "ok", refs: [] },
          });
          break;
        }
        default:
          if (SUPPORTED.has(c.name)) fail(c.start, "tei-not-allowed-inside", { element: c.name, parent: el.name });
          fail(c.start, "tei-unsupported-element", { element: c.name, parent: el.name, supported: "hi, lb, pb, note, quote" });
      }
    }
  };

  /** Block-level content: div, head, p, quote; pb and comments between blocks are dropped and recorded. */
  const blocks = (container: ElementNode, depth: number) => {
    for (const c of container.children) {
      if (c.kind === "text") {
        if (c.value.trim() !== "") fail(c.start + (raw.slice(c.start, c.end).search(/\S/) || 0), "tei-text-outside-paragraph", { parent: container.name });
        continue;
      }
      if (c.kind !== "element") {
        mark(c.start, c.end, c.kind === "comment" ? "XML comment" : "XML processing instruction");
        continue;
      }
      if ((c.name === "p" || c.name === "head") && textOf(c).trim() === "" && elements(c, "note").length === 0) {
        mark(c.start, c.end, c.name === "p" ? "empty paragraph" : "empty heading");
        continue;
      }
      switch (c.name) {
        case "div":
          mark(c.start, c.openEnd, MARKUP);
          blocks(c, depth + 1);
          mark(c.closeStart, c.end, MARKUP);
          break;
        case "head": {
          const block = makeBlock(nextId("h"), "heading", c.start, c.end, (b, upTo) => {
            upTo(c.start);
            tag(b, c.start, c.openEnd);
            inline(b, c, false);
            tag(b, c.closeStart, c.end);
          });
          body.push({ ...block, level: Math.min(Math.max(depth, 1) + 1, 4) });
          break;
        }
        case "p": {
          const block = makeBlock(nextId("p"), "paragraph", c.start, c.end, (b, upTo) => {
            upTo(c.start);
            tag(b, c.start, c.openEnd);
            inline(b, c, false);
            tag(b, c.closeStart, c.end);
          });
          body.push(block);
          break;
        }
        case "quote": {
          const block = makeBlock(nextId("q"), "quote", c.start, c.end, (b, upTo) => {
            upTo(c.start);
            tag(b, c.start, c.openEnd);
            const paras = elements(c, "p");
            if (paras.length === 0) inline(b, c, false);
            else {
              let first = true;
              for (const k of c.children) {
                if (k.kind === "text" && k.value.trim() === "") {
                  b.keep(raw.slice(k.start, k.end));
                  continue;
                }
                if (k.kind !== "element" || k.name !== "p") fail(k.start, "tei-quote-mixed");
                const p = k as ElementNode;
                if (!first) b.lineBreak("", "paragraph break inside the quote");
                first = false;
                tag(b, p.start, p.openEnd);
                inline(b, p, false);
                tag(b, p.closeStart, p.end);
              }
            }
            tag(b, c.closeStart, c.end);
          });
          body.push({ ...block, quoteOf: null });
          break;
        }
        case "pb":
          mark(c.start, c.end, `page break${c.attrs.n ? ` (page ${c.attrs.n})` : ""}`);
          break;
        case "lb":
          mark(c.start, c.end, MARKUP);
          break;
        default:
          if (SUPPORTED.has(c.name)) fail(c.start, "tei-not-allowed-inside", { element: c.name, parent: container.name });
          fail(c.start, "tei-unsupported-element", { element: c.name, parent: container.name, supported: "div, head, p, quote, note, hi, lb, pb" });
      }
    }
  };

  mark(tei.start, tei.openEnd, MARKUP);
  mark(text.start, text.openEnd, MARKUP);
  for (const c of text.children) {
    if (c.kind === "text") {
      if (c.value.trim() !== "") fail(c.start, "tei-text-directly-in-text");
      continue;
    }
    if (c.kind !== "element") {
      mark(c.start, c.end, "XML comment");
      continue;
    }
    if (!["front", "body", "back"].includes(c.name)) fail(c.start, "tei-unsupported-element", { element: c.name, parent: "text", supported: "front, body, back" });
    mark(c.start, c.openEnd, MARKUP);
    blocks(c, 0);
    mark(c.closeStart, c.end, MARKUP);
  }
  if (body.length === 0) fail(text.start, "tei-empty-body");

  // Every raw line no block claims is a whole-line removal, grouped into runs with one reason.
  const claimed = new Set<number>();
  for (const b of [...body, ...notes]) for (const [a, z] of b.lines) for (let l = a; l <= z; l++) claimed.add(l);
  let run: { from: number; to: number; reason: string } | null = null;
  const flush = () => {
    if (run) result.removals.push({ lines: [run.from, run.to], text: lines.slice(run.from - 1, run.to).join("\n"), reason: run.reason });
    run = null;
  };
  for (let l = 1; l <= lines.length; l++) {
    if (claimed.has(l) || lines[l - 1].trim() === "") {
      flush();
      continue;
    }
    const reason = lineReason.get(l) ?? MARKUP;
    if (run && (run as { reason: string }).reason === reason && (run as { to: number }).to === l - 1) (run as { to: number }).to = l;
    else {
      flush();
      run = { from: l, to: l, reason };
    }
  }
  flush();
  result.blocks = [...body, ...notes];
  return result;
};
