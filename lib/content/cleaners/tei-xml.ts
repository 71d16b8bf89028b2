/**
 * TEI/XML parsing for the TEI cleaner: saxes (a SAX parser: well-formedness, entity decoding) builds a tree
 * of offsets into the raw text, which the BlockBuilder needs to account for every character.
 *
 * Refused here, with the line and a code the interface translates: malformed XML (saxes' messages mapped to
 * codes), a document type declaration (it can declare entities — "billion laughs" — or point at external
 * files; no TEI P5 edition needs one), and nesting deeper than MAX_DEPTH (the tree is built with an explicit
 * stack, but every walk over it recurses: a 20,000-deep file must be a clear refusal, not a stack overflow).
 */
import { SaxesParser } from "saxes";
import { ContentError, type ContentErrorCode, type ContentErrorParams } from "../errors";

export interface ElementNode {
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
export interface TextNode {
  kind: "text";
  start: number;
  end: number;
  value: string;
}
export interface OtherNode {
  kind: "comment" | "pi";
  start: number;
  end: number;
}
export type XmlNode = ElementNode | TextNode | OtherNode;

/** Deeper than any edition nests (FRUS: about 15); the walks recurse about twice per level. */
export const MAX_DEPTH = 400;

export function localName(name: string): string {
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
  if (
    /^(attribute without value|value must be quoted|unquoted attribute value|no whitespace between attributes|disallowed character in attribute name)\.$/.test(
      m,
    )
  )
    return { code: "xml-bad-attribute", params: {} };
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
    const el: ElementNode = {
      kind: "element",
      name: localName(tag.name),
      attrs: tag.attributes as unknown as Record<string, string>,
      start,
      openEnd: parser.position,
      closeStart: parser.position,
      end: parser.position,
      children: [],
    };
    top().children.push(el);
    cursor = parser.position;
    if (!tag.isSelfClosing) stack.push(el);
    if (stack.length > MAX_DEPTH + 1 && !failure) failure = new ContentError(file, parser.line || 1, "xml-too-deep", { limit: MAX_DEPTH });
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
    if (!failure) failure = new ContentError(file, parser.line || 1, "xml-doctype", {});
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
