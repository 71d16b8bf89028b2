/**
 * Generic cleaner for a user-added `<slug>.md`: YAML front matter (title, author?, lang, date?, kind, source)
 * and a CommonMark/GFM body, parsed with remark. Every top-level node becomes a block over its raw lines;
 * the Markdown syntax that disappears (heading marks, *, [](url), "> ", escapes) is recorded as mends, so the
 * fidelity proof covers user texts too. Unsupported constructs (tables, code, images, raw HTML) stop the build
 * with the line, rather than being dropped silently.
 */
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import remarkFrontmatter from "remark-frontmatter";
import type { PhrasingContent, Root, RootContent } from "mdast";
import { ContentError } from "../errors";
import { MarkdownSourceFrontMatterSchema, parseYaml, validateYaml } from "../schema";
import { BlockBuilder } from "./block-builder";
import type { Block } from "../types";
import type { Cleaner, CleanResult } from "./types";

const SYNTAX = "Markdown syntax → structure";
const UNDEFINED_REF = /\[\^([^\]\s]+)\]/;

/** Parse the front matter of a Markdown source; errors name the line. */
export function markdownSourceFrontMatter(raw: string, file: string): { meta: ReturnType<typeof MarkdownSourceFrontMatterSchema.parse>; endLine: number } {
  const tree = unified().use(remarkParse).use(remarkFrontmatter, ["yaml"]).parse(raw) as Root;
  const fm = tree.children[0];
  if (!fm || fm.type !== "yaml" || fm.position?.start.line !== 1) throw new ContentError(file, 1, "front-matter-missing");
  const meta = validateYaml(MarkdownSourceFrontMatterSchema, parseYaml(fm.value, file, 1), file, 1);
  return { meta, endLine: fm.position.end.line };
}

export const cleanMarkdownSource: Cleaner = (raw, ctx) => {
  const file = ctx.file;
  const { meta, endLine } = markdownSourceFrontMatter(raw, file);
  const lines = raw.split("\n");
  const lineStart: number[] = [0];
  for (let i = 0; i < raw.length; i++) if (raw[i] === "\n") lineStart.push(i + 1);

  const tree = unified().use(remarkParse).use(remarkFrontmatter, ["yaml"]).use(remarkGfm).parse(raw) as Root;
  const result: CleanResult = { meta: { ...meta }, blocks: [], parts: [], removals: [], mends: [] };
  result.removals.push({ lines: [1, endLine], text: lines.slice(0, endLine).join("\n"), reason: "front matter → metadata" });
  const body: Block[] = [];
  const notes: Block[] = [];
  const counters: Record<string, number> = {};
  const nextId = (prefix: string) => `${prefix}${(counters[prefix] = (counters[prefix] ?? 0) + 1)}`;

  const lineOf = (node: { position?: { start: { line: number } } }) => node.position?.start.line ?? 1;
  const unsupported = (node: { type: string; position?: { start: { line: number } } }): never => {
    throw new ContentError(file, lineOf(node), "markdown-unsupported", { construct: node.type });
  };

  const makeBlock = (node: RootContent, id: string, type: Block["type"], fill: (b: BlockBuilder, upTo: (abs: number) => void) => void): Block => {
    const span: [number, number] = [node.position!.start.line, node.position!.end.line];
    const base = lineStart[span[0] - 1];
    const b = new BlockBuilder(id, lines, [span]);
    const upTo = (abs: number) => {
      const gap = b.raw.slice(b.raw.length - b.rest.length, abs - base);
      if (gap === "") return;
      if (gap.trim() === "") b.keep(gap);
      else b.change(gap, "", SYNTAX);
    };
    fill(b, upTo);
    upTo(node.position!.end.offset!);
    const built = b.finish();
    // a [^x] the parser left as text (no definition, or swallowed by a www. autolink)
    const stray = UNDEFINED_REF.exec(built.text);
    if (stray) throw new ContentError(file, span[0], "footnote-reference-undefined", { label: stray[1] });
    result.mends.push(...built.mends);
    result.removals.push(...built.removals);
    return { id, type, text: built.text, marks: built.marks, lines: [span] };
  };

  const phrasing = (b: BlockBuilder, upTo: (abs: number) => void, nodes: PhrasingContent[]) => {
    const base = (abs: number) => abs;
    for (const n of nodes) {
      const s = n.position!.start.offset!;
      const e = n.position!.end.offset!;
      upTo(base(s));
      const rawOf = (a: number, z: number) => raw.slice(a, z);
      switch (n.type) {
        case "text": {
          const undefinedRef = UNDEFINED_REF.exec(n.value);
          if (undefinedRef) throw new ContentError(file, lineOf(n), "footnote-reference-undefined", { label: undefinedRef[1] });
          const r = rawOf(s, e);
          if (r === n.value) b.keep(r);
          else b.change(r, n.value, SYNTAX);
          break;
        }
        case "emphasis":
        case "strong":
        case "link": {
          const first = n.children[0]?.position?.start.offset ?? e;
          const last = n.children[n.children.length - 1]?.position?.end.offset ?? first;
          const kind = n.type === "emphasis" ? "em" : n.type;
          b.open(kind, rawOf(s, first), SYNTAX, n.type === "link" ? n.url : null);
          phrasing(b, upTo, n.children);
          upTo(last);
          b.close(rawOf(last, e), SYNTAX);
          break;
        }
        case "delete":
          phrasing(b, upTo, n.children);
          break;
        case "footnoteReference":
          b.ref(rawOf(s, e), n.label ?? n.identifier, "footnote reference");
          break;
        case "break":
          b.lineBreak(rawOf(s, e), "hard line break");
          break;
        case "inlineCode":
          b.change(rawOf(s, e), n.value, SYNTAX);
          break;
        case "html":
          if (/^<br\s*\/?>$/i.test(n.value)) b.lineBreak(rawOf(s, e), "<br> → line break");
          else unsupported(n);
          break;
        default:
          unsupported(n);
      }
      upTo(e);
    }
  };

  /** Paragraph children of a container, separated by line breaks. */
  const paragraphs = (b: BlockBuilder, upTo: (abs: number) => void, children: RootContent[]) => {
    children.forEach((c, i) => {
      if (c.type !== "paragraph") unsupported(c);
      if (i > 0) {
        const gapStart = b.raw.length - b.rest.length;
        const abs = c.position!.start.offset!;
        const startAbs = lineStart[b.spans[0][0] - 1] + gapStart;
        b.lineBreak(raw.slice(startAbs, abs), "paragraph break inside the block");
      }
      phrasing(b, upTo, (c as { children: PhrasingContent[] }).children);
    });
  };

  for (const node of tree.children) {
    switch (node.type) {
      case "yaml":
        break;
      case "heading":
        body.push({ ...makeBlock(node, nextId("h"), "heading", (b, upTo) => phrasing(b, upTo, node.children)), level: node.depth });
        break;
      case "paragraph":
        body.push(makeBlock(node, nextId("p"), "paragraph", (b, upTo) => phrasing(b, upTo, node.children)));
        break;
      case "blockquote":
        body.push({ ...makeBlock(node, nextId("q"), "quote", (b, upTo) => paragraphs(b, upTo, node.children)), quoteOf: null });
        break;
      case "list":
        node.children.forEach((item, i) => {
          const label = node.ordered ? `${(node.start ?? 1) + i}.` : "-";
          const block = makeBlock(item as unknown as RootContent, nextId("li"), "list-item", (b, upTo) => paragraphs(b, upTo, item.children));
          body.push({ ...block, label });
        });
        break;
      case "thematicBreak": {
        const block = makeBlock(node, nextId("hr"), "separator", (b) => {
          b.remove(b.rest.trimEnd(), "thematic break (kept as a separator)");
        });
        body.push(block);
        break;
      }
      case "footnoteDefinition": {
        const label = node.label ?? node.identifier;
        if (notes.some((n) => n.footnote?.label === label)) throw new ContentError(file, lineOf(node), "footnote-defined-twice", { label });
        const block = makeBlock(node, `fn${label}`, "footnote", (b, upTo) => {
          const first = node.children[0]?.position?.start.offset ?? node.position!.end.offset!;
          const prefix = raw.slice(node.position!.start.offset!, first);
          b.keep(b.rest.slice(0, node.position!.start.offset! - lineStart[node.position!.start.line - 1]));
          b.remove(prefix, "footnote label (kept as the footnote's label)");
          paragraphs(b, upTo, node.children);
        });
        notes.push({ ...block, footnote: { label, status: "ok", refs: [] } });
        break;
      }
      case "html":
        if (/^<!--[\s\S]*-->$/.test(node.value.trim())) {
          result.removals.push({ lines: [node.position!.start.line, node.position!.end.line], text: node.value, reason: "HTML comment" });
          break;
        }
        unsupported(node);
        break;
      default:
        unsupported(node);
    }
  }
  result.blocks = [...body, ...notes];
  return result;
};
