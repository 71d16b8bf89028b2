/**
 * Note bodies: Tiptap JSON or HTML in, sanitized HTML and plain text out. Only a small, harmless
 * subset survives (p, br, strong, em, lists, blockquote, links to http/https/mailto with rel and
 * target forced). Everything is sanitized on save, so stored HTML is safe to render as is.
 */
import sanitizeHtml from "sanitize-html";
import { AppError } from "@/lib/errors";
import { decodeHTML } from "entities";
import type { ElementContent } from "hast";
import { toHtml } from "hast-util-to-html";
import { h } from "hastscript";

/** Characters of plain text a note may have (the translated error is "note-too-long"). */
export const MAX_BODY_TEXT = 10_000;
/** Raw input cap, checked before any parsing so huge payloads cost nothing. */
export const MAX_BODY_INPUT = 200_000;

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "a"],
  allowedAttributes: { a: ["href", "rel", "target"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // b/i from pasted HTML become their semantic equivalents instead of vanishing.
  transformTags: {
    b: "strong",
    i: "em",
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...(attribs.href ? { href: attribs.href } : {}), rel: "noopener noreferrer nofollow ugc", target: "_blank" },
    }),
  },
  exclusiveFilter: (frame) => frame.tag === "a" && !frame.attribs.href && !frame.text.trim(),
};

export interface TiptapNode {
  type?: string;
  text?: string;
  content?: TiptapNode[];
  marks?: Array<{ type?: string; attrs?: Record<string, unknown> }>;
  attrs?: Record<string, unknown>;
}

/**
 * Tiptap JSON → HTML for the node types our editor allows, through hast (hast-util-to-html escapes). Written
 * here because @tiptap/html needs a DOM on the server; unknown nodes keep their text, and the result goes
 * through sanitize-html anyway.
 */
export function tiptapToHtml(node: TiptapNode): string {
  return toHtml({ type: "root", children: tiptapToHast(node, 0) }, { characterReferences: { useNamedReferences: true } });
}

const BLOCK_ELEMENTS: Record<string, string> = {
  paragraph: "p",
  bulletList: "ul",
  orderedList: "ol",
  listItem: "li",
  blockquote: "blockquote",
};

function tiptapToHast(node: TiptapNode, depth: number): ElementContent[] {
  if (depth > 50) return [];
  if (node.type === "text") {
    let content: ElementContent = { type: "text", value: String(node.text ?? "") };
    for (const mark of node.marks ?? []) {
      if (mark.type === "bold") content = h("strong", [content]);
      else if (mark.type === "italic") content = h("em", [content]);
      else if (mark.type === "link") content = h("a", { href: String(mark.attrs?.href ?? "") }, content);
    }
    return [content];
  }
  if (node.type === "hardBreak") return [h("br")];
  const inner = (node.content ?? []).flatMap((c) => tiptapToHast(c, depth + 1));
  const tag = node.type ? BLOCK_ELEMENTS[node.type] : undefined;
  return tag ? [h(tag, inner)] : inner;
}

export function sanitizeBodyHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE).trim();
}

/** Plain text for search and previews: block boundaries become line breaks. */
export function htmlToText(html: string): string {
  const spaced = html.replace(/<br\s*\/?>/gi, "\n").replace(/<\/(p|li|blockquote|ul|ol)>/gi, "</$1>\n");
  const text = sanitizeHtml(spaced, { allowedTags: [], allowedAttributes: {} });
  return decodeHTML(text)
    .replace(/\u00a0/g, " ")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

export type BodyInput = string | TiptapNode | null | undefined;

/** Normalise a body from the client: sanitized HTML + plain text, or a typed error. */
export function prepareBody(body: BodyInput): { html: string; text: string } {
  if (body === null || body === undefined) return { html: "", text: "" };
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  if (raw.length > MAX_BODY_INPUT) throw new AppError("note-too-long", { max: MAX_BODY_TEXT });
  const html = sanitizeBodyHtml(typeof body === "string" ? body : tiptapToHtml(body));
  const text = htmlToText(html);
  if (text.length > MAX_BODY_TEXT) throw new AppError("note-too-long", { max: MAX_BODY_TEXT });
  // A body that is only markup (e.g. "<p></p>") is empty.
  return text ? { html, text } : { html: "", text: "" };
}
