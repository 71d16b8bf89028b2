/**
 * The clean document's file format (content/documents/<slug>.md): YAML front matter (meta, version, parts),
 * then every block as an HTML comment naming it, followed by its Markdown:
 *
 *     <!-- p12 paragraph lines=22-24,30 section=2 -->
 *     Text with *em*, [links](http://…) and a footnote.[^12]
 *
 *     <!-- fn12 footnote fn=12 status=ok lines=104 -->
 *     [^12]: The note, *italics* kept.
 *
 * Comment syntax: `<!-- ID TYPE key=value … -->`. Values are bare when they are simple tokens, JSON strings
 * otherwise, `null` for null. Keys: lines (raw line spans "a-b,c", or "none"), section, part, label (list items),
 * quoteOf, attribution, fn + status (footnotes), role (what the block is in its edition: "dateline", "source"),
 * ed (an edition's marks — variants, edits, gaps, pages, names, cells — as one JSON list; Markdown has no form
 * for them and the text stays the reading text). Heading level is the Markdown heading depth; footnote `refs`
 * are derived from the footnote references in the body.
 *
 * The mdast is built here and serialized with remark-stringify, so escaping is the library's; parsing uses
 * remark-parse. parse(serialize(doc)) deep-equals doc for canonical documents (see canonicalizeBlocks).
 */
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import remarkFrontmatter from "remark-frontmatter";
import remarkStringify from "remark-stringify";
import YAML, { isMap, isPair, isScalar, isSeq, visit } from "yaml";
import type { PhrasingContent, Root, RootContent } from "mdast";
import { ContentError } from "./errors";
import { blockPhrasing } from "./phrasing";
import { DocumentFrontMatterSchema, parseYaml, validateYaml } from "./schema";
import { EDITION_MARK_KINDS, type Block, type BlockType, type DocumentMeta, type EditionMark, type Mark, type Part, type SynopseDocument } from "./types";

const BLOCK_TYPES: readonly BlockType[] = [
  "heading",
  "paragraph",
  "quote",
  "list-item",
  "link",
  "epigraph",
  "signoff",
  "separator",
  "bio",
  "footnote",
  "note",
  "verse",
  "table-row",
  "figure",
];

const processor = () =>
  unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ["yaml"])
    .use(remarkGfm)
    .use(remarkStringify, { bullet: "-", emphasis: "*", strong: "*", rule: "*", listItemIndent: "one" });

// ---------------------------------------------------------------------------------------------------------
// Canonical form

/** The marks Markdown itself expresses (the edition's marks travel in the block comment, see `ed=`). */
type RangeMark = Extract<Mark, { kind: "em" | "strong" | "link" }>;
type RefMark = Extract<Mark, { kind: "footnote-ref" }>;
const KIND_RANK: Record<Mark["kind"], number> = { "footnote-ref": 0, link: 1, strong: 2, em: 3, variant: 4, edit: 5, entity: 6, cell: 7, gap: 8, page: 9 };
const isRange = (m: Mark): m is RangeMark => m.kind === "em" || m.kind === "strong" || m.kind === "link";
const isEdition = (m: Mark): m is EditionMark => EDITION_MARK_KINDS.has(m.kind);

function markPos(m: Mark): number {
  return "at" in m ? m.at : m.start;
}

/** Deterministic mark order: by position, then outer before inner. */
export function compareMarks(a: Mark, b: Mark): number {
  const d = markPos(a) - markPos(b);
  if (d !== 0) return d;
  if (KIND_RANK[a.kind] !== KIND_RANK[b.kind]) return KIND_RANK[a.kind] - KIND_RANK[b.kind];
  if ("end" in a && "end" in b && a.end !== b.end) return b.end - a.end;
  return JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0;
}

/**
 * The form a block has after a trip through Markdown: empty ranges dropped, touching/overlapping em (or strong,
 * or same-href link) ranges merged, marks sorted, footnote refs derived from the body. The pipeline applies it
 * before writing, so the written file and the in-memory document agree.
 */
export function canonicalizeBlocks(blocks: Block[]): Block[] {
  const out = blocks.map((b) => {
    const refs = b.marks.filter((m): m is RefMark => m.kind === "footnote-ref");
    const ranges = b.marks.filter((m): m is RangeMark => isRange(m) && m.end > m.start);
    const edition = b.marks.filter(isEdition);
    ranges.sort(compareMarks);
    const merged: RangeMark[] = [];
    for (const m of ranges) {
      const prev = [...merged].reverse().find((p) => p.kind === m.kind && (p.kind !== "link" || p.href === (m as typeof p).href));
      if (prev && prev.end >= m.start) prev.end = Math.max(prev.end, m.end);
      else merged.push({ ...m });
    }
    return { ...b, marks: [...refs, ...merged, ...edition].sort(compareMarks) };
  });
  return withFootnoteRefs(out);
}

/** Fill `footnote.refs` of each footnote block: ids of the blocks referring to it, in reading order, once each. */
export function withFootnoteRefs(blocks: Block[]): Block[] {
  const refs = new Map<string, string[]>();
  for (const b of blocks)
    for (const m of b.marks)
      if (m.kind === "footnote-ref") {
        const list = refs.get(m.footnoteId) ?? [];
        if (!list.includes(b.id)) list.push(b.id);
        refs.set(m.footnoteId, list);
      }
  return blocks.map((b) => (b.footnote ? { ...b, footnote: { ...b.footnote, refs: refs.get(b.id) ?? [] } } : b));
}

// ---------------------------------------------------------------------------------------------------------
// Serialize

function formatLines(lines: Array<[number, number]>): string {
  if (lines.length === 0) return "none"; // e.g. a footnote whose text the source lost
  return lines.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(",");
}

function formatValue(v: string | number | null): string {
  if (v === null) return "null";
  if (typeof v === "number") return String(v);
  if (/^[\p{L}\p{N}_.:\/-]+$/u.test(v) && v !== "null") return v;
  // JSON string; ">" escaped so that no value can close the comment.
  return JSON.stringify(v).replace(/>/g, "\\u003e");
}

function blockComment(b: Block): string {
  const attrs: string[] = [`lines=${formatLines(b.lines)}`];
  if (b.section !== undefined) attrs.push(`section=${b.section}`);
  if (b.part !== undefined) attrs.push(`part=${formatValue(b.part)}`);
  if (b.label !== undefined) attrs.push(`label=${formatValue(b.label)}`);
  if (b.quoteOf !== undefined) attrs.push(`quoteOf=${formatValue(b.quoteOf)}`);
  if (b.attribution !== undefined) attrs.push(`attribution=${formatValue(b.attribution)}`);
  if (b.footnote) attrs.push(`fn=${formatValue(b.footnote.label)}`, `status=${b.footnote.status}`);
  if (b.role !== undefined) attrs.push(`role=${formatValue(b.role)}`);
  // The edition's marks (variants, names, pages …) have no Markdown form: one JSON list, in canonical order.
  const edition = b.marks.filter(isEdition).sort(compareMarks);
  if (edition.length) attrs.push(`ed=${formatValue(JSON.stringify(edition))}`);
  return `<!-- ${b.id} ${b.type} ${attrs.join(" ")} -->`;
}

/** Text (with "\n" as hard line breaks) and Markdown's own marks → mdast phrasing (./phrasing; crossing marks split). */
function toPhrasing(block: Block): PhrasingContent[] {
  const outside = block.marks.find((m) => m.kind === "footnote-ref" && (m.at < 0 || m.at > block.text.length));
  if (outside?.kind === "footnote-ref") throw new Error(`block ${block.id}: footnote reference outside the text (at ${outside.at})`);
  return blockPhrasing(block, { edition: false, lineBreaks: true });
}

function blockNode(b: Block): RootContent {
  switch (b.type) {
    case "heading":
      return { type: "heading", depth: Math.min(6, Math.max(1, b.level ?? 2)) as 1 | 2 | 3 | 4 | 5 | 6, children: toPhrasing(b) };
    case "quote":
    case "epigraph":
      return { type: "blockquote", children: b.text ? [{ type: "paragraph", children: toPhrasing(b) }] : [] };
    case "list-item": {
      const ordered = /^\d+[.)]$/.test(b.label ?? "");
      return {
        type: "list",
        ordered,
        start: ordered ? parseInt(b.label as string, 10) : null,
        spread: false,
        children: [{ type: "listItem", spread: false, children: b.text ? [{ type: "paragraph", children: toPhrasing(b) }] : [] }],
      };
    }
    case "separator":
      if (b.text === "") return { type: "thematicBreak" };
      return { type: "paragraph", children: toPhrasing(b) };
    case "footnote":
      return {
        type: "footnoteDefinition",
        identifier: (b.footnote?.label ?? b.id).toLowerCase(),
        label: b.footnote?.label ?? b.id,
        children: b.text ? [{ type: "paragraph", children: toPhrasing(b) }] : [],
      };
    default:
      return { type: "paragraph", children: toPhrasing(b) };
  }
}

function frontMatter(doc: SynopseDocument): string {
  const m = doc.meta;
  const data: Record<string, unknown> = { slug: m.slug, title: m.title };
  if (m.subtitle !== undefined) data.subtitle = m.subtitle;
  if (m.kicker !== undefined) data.kicker = m.kicker;
  Object.assign(data, { author: m.author, lang: m.lang, date: m.date, kind: m.kind, source: m.source, rawFile: m.rawFile });
  if (m.licence !== undefined) data.licence = m.licence;
  data.version = doc.version;
  data.parts = doc.parts.map((p) => {
    const o: Record<string, unknown> = { id: p.id, kind: p.kind, n: p.n, author: p.author };
    if (p.authorTitle !== undefined) o.authorTitle = p.authorTitle;
    o.authorConfidence = p.authorConfidence;
    if (p.edited !== undefined) o.edited = p.edited;
    o.lines = p.lines;
    return o;
  });
  const yamlDoc = new YAML.Document(data);
  // Line spans read best on one line: lines: [3, 25]
  visit(yamlDoc, {
    Pair(_, pair) {
      if (isPair(pair) && isScalar(pair.key) && pair.key.value === "lines" && isSeq(pair.value)) pair.value.flow = true;
    },
  });
  if (isMap(yamlDoc.contents) && doc.parts.length === 0) {
    const parts = yamlDoc.contents.get("parts", true);
    if (isSeq(parts)) parts.flow = true;
  }
  return yamlDoc.toString({ lineWidth: 0, flowCollectionPadding: false }).trimEnd();
}

/** The document as Markdown (see the module comment). Deterministic. */
export function serializeDocument(doc: SynopseDocument): string {
  const children: RootContent[] = [{ type: "yaml", value: frontMatter(doc) }];
  for (const b of doc.blocks) {
    children.push({ type: "html", value: blockComment(b) });
    children.push(blockNode(b));
  }
  const root: Root = { type: "root", children };
  return String(processor().stringify(root));
}

// ---------------------------------------------------------------------------------------------------------
// Parse

const COMMENT = /^<!--\s*(\S+)\s+(\S+)((?:\s+[A-Za-z]+=(?:"(?:[^"\\]|\\.)*"|\S+))*)\s*-->$/;
const ATTR = /([A-Za-z]+)=("(?:[^"\\]|\\.)*"|\S+)/g;

function parseValue(raw: string): string | null {
  if (raw === "null") return null;
  if (raw.startsWith('"')) return JSON.parse(raw) as string;
  return raw;
}

function parseLines(raw: string, fail: (msg: string) => never): Array<[number, number]> {
  if (raw === "none") return [];
  return raw.split(",").map((span) => {
    const m = /^(\d+)(?:-(\d+))?$/.exec(span);
    if (!m) fail(`bad line span ${JSON.stringify(span)}`);
    const a = parseInt(m[1], 10);
    const b = m[2] ? parseInt(m[2], 10) : a;
    if (a < 1 || b < a) fail(`bad line span ${JSON.stringify(span)}`);
    return [a, b] as [number, number];
  });
}

interface Inline {
  text: string;
  marks: Mark[];
}

/**
 * Parse a clean document (the format written by serializeDocument). `fileName` names the file in errors.
 * Throws ContentError with the line of the problem.
 */
export function parseDocumentMarkdown(md: string, fileName: string): SynopseDocument {
  const nodes = parseInChunks(md);
  const fm = nodes[0];
  if (!fm || fm.type !== "yaml")
    throw new ContentError(fileName, 1, "internal-clean-document", { detail: "missing front matter (a --- YAML block at the top)" });
  const front = validateYaml(DocumentFrontMatterSchema, parseYaml(fm.value, fileName, 1), fileName, 1);
  const { version, parts, ...metaRest } = front;
  const meta: DocumentMeta = { ...metaRest } as DocumentMeta;

  const blocks: Block[] = [];
  const ids = new Set<string>();
  const footnoteIdByLabel = new Map<string, string>();
  const pendingRefs: Array<{ block: Block; mark: RefMark; line: number }> = [];

  for (let i = 1; i < nodes.length; i++) {
    const node = nodes[i];
    const line = node.position?.start.line ?? 0;
    const fail = (msg: string): never => {
      throw new ContentError(fileName, line, "internal-clean-document", { detail: msg });
    };
    if (node.type !== "html") fail(`expected a block comment <!-- id type … -->, found ${node.type}`);
    const html = (node as { value: string }).value.trim();
    const cm = COMMENT.exec(html);
    if (!cm) fail(`malformed block comment ${JSON.stringify(html.slice(0, 80))}`);
    const [, id, type, attrText] = cm as RegExpExecArray;
    if (!BLOCK_TYPES.includes(type as BlockType)) fail(`unknown block type ${JSON.stringify(type)}`);
    if (ids.has(id)) fail(`duplicate block id ${JSON.stringify(id)}`);
    ids.add(id);
    const attrs = new Map<string, string>();
    for (const a of attrText.matchAll(ATTR)) attrs.set(a[1], a[2]);
    if (!attrs.has("lines")) fail(`block ${id} has no lines=`);

    const content = nodes[i + 1];
    const contentLine = content?.position?.start.line ?? line;
    if (!content || content.type === "html") fail(`block ${id} has no content after its comment`);
    i++;

    const block: Block = { id, type: type as BlockType, text: "", marks: [], lines: parseLines(attrs.get("lines") as string, fail) };
    let inline: Inline = { text: "", marks: [] };
    const phr = (children: PhrasingContent[]) => fromPhrasing(children, fileName, contentLine, md);
    const single = (children: RootContent[], what: string): Inline => {
      if (children.length === 0) return { text: "", marks: [] };
      if (children.length !== 1 || children[0].type !== "paragraph") fail(`block ${id}: ${what} must hold exactly one paragraph`);
      return phr((children[0] as { children: PhrasingContent[] }).children);
    };
    switch (content.type) {
      case "paragraph":
        inline = phr(content.children);
        break;
      case "heading":
        inline = phr(content.children);
        block.level = content.depth;
        break;
      case "blockquote":
        inline = single(content.children, "a quote");
        break;
      case "list":
        if (content.children.length !== 1) fail(`block ${id}: a list item block must hold one item`);
        inline = single(content.children[0].children, "a list item");
        break;
      case "thematicBreak":
        break;
      case "footnoteDefinition":
        inline = single(content.children, "a footnote");
        break;
      default:
        fail(`block ${id}: unsupported Markdown ${content.type}`);
    }
    block.text = inline.text;
    block.marks = inline.marks;

    const section = attrs.get("section");
    if (section !== undefined) block.section = parseInt(section, 10);
    if (attrs.has("part")) block.part = parseValue(attrs.get("part") as string) ?? undefined;
    if (attrs.has("label")) block.label = parseValue(attrs.get("label") as string) ?? undefined;
    if (attrs.has("quoteOf")) block.quoteOf = parseValue(attrs.get("quoteOf") as string);
    if (attrs.has("attribution")) block.attribution = parseValue(attrs.get("attribution") as string);
    if (attrs.has("role")) block.role = parseValue(attrs.get("role") as string) ?? undefined;
    if (attrs.has("ed")) {
      let edition: unknown;
      try {
        edition = JSON.parse(parseValue(attrs.get("ed") as string) ?? "[]");
      } catch {
        fail(`block ${id}: ed= is not a JSON list of marks`);
      }
      if (!Array.isArray(edition) || !edition.every((m) => m && typeof m === "object" && EDITION_MARK_KINDS.has((m as Mark).kind)))
        fail(`block ${id}: ed= holds an unknown mark`);
      block.marks.push(...(edition as EditionMark[]));
    }
    if (content.type === "footnoteDefinition" || type === "footnote") {
      if (content.type !== "footnoteDefinition") fail(`footnote block ${id} must be a footnote definition [^label]: …`);
      const status = attrs.get("status") ?? "ok";
      if (status !== "ok" && status !== "missing" && status !== "truncated") fail(`block ${id}: bad footnote status ${status}`);
      const label = (content as { label?: string | null; identifier: string }).label ?? (content as { identifier: string }).identifier;
      if (footnoteIdByLabel.has(label.toLowerCase())) fail(`duplicate footnote [^${label}]`);
      footnoteIdByLabel.set(label.toLowerCase(), id);
      block.footnote = { label, status: status as "ok" | "missing" | "truncated", refs: [] };
    }
    for (const m of block.marks) if (m.kind === "footnote-ref") pendingRefs.push({ block, mark: m, line: contentLine });
    blocks.push(block);
  }

  for (const { mark, line } of pendingRefs) {
    const fid = footnoteIdByLabel.get(mark.label.toLowerCase());
    if (!fid) throw new ContentError(fileName, line, "footnote-reference-undefined", { label: mark.label });
    mark.footnoteId = fid;
  }
  for (const b of blocks) b.marks.sort(compareMarks);
  return { meta, version, blocks: withFootnoteRefs(blocks), parts: parts as Part[] };
}

const BLOCK_COMMENT_LINE = /^<!--\s*\S+\s+\S+/;
const DEFINITION_LABEL = /^\[\^([^\]\s]+)\]:/gm;
const REFERENCE_LABEL = /\[\^([^\]\s]+)\]/g;
const CHUNK_BLOCKS = 200;

/**
 * The document's top-level mdast nodes, positions relative to `md`. Parsed in chunks of CHUNK_BLOCKS blocks
 * because micromark slows down superlinearly on one multi-megabyte input (a whole uploaded volume took
 * minutes). Block comments start at column 0 and block content never does with "<!--" (the serializer
 * escapes "<"), so cutting before a comment line cannot split a block. A footnote reference is only one
 * when its definition is in the same parse: each chunk gets stand-in definitions for the labels it refers
 * to but does not define (when the document defines them), and the stand-ins are dropped after parsing.
 */
function parseInChunks(md: string): RootContent[] {
  const lines = md.split("\n");
  const cuts: number[] = [0]; // line indexes where chunks start
  let blocksInChunk = 0;
  for (let i = 1; i < lines.length; i++) {
    if (!BLOCK_COMMENT_LINE.test(lines[i]) || lines[i - 1] !== "") continue;
    if (++blocksInChunk > CHUNK_BLOCKS) {
      cuts.push(i);
      blocksInChunk = 1;
    }
  }
  if (cuts.length === 1) return (processor().parse(md) as Root).children;
  const defined = new Set([...md.matchAll(DEFINITION_LABEL)].map((m) => m[1].toLowerCase()));
  const out: RootContent[] = [];
  let offset = 0;
  cuts.forEach((startLine, k) => {
    const endLine = k + 1 < cuts.length ? cuts[k + 1] : lines.length;
    const chunk = lines.slice(startLine, endLine).join("\n") + (endLine < lines.length ? "\n" : "");
    const own = new Set([...chunk.matchAll(DEFINITION_LABEL)].map((m) => m[1].toLowerCase()));
    const standIns = [...new Set([...chunk.matchAll(REFERENCE_LABEL)].map((m) => m[1]))].filter(
      (l) => defined.has(l.toLowerCase()) && !own.has(l.toLowerCase()),
    );
    const text = standIns.length ? `${chunk}\n\n${standIns.map((l) => `[^${l}]: x`).join("\n\n")}\n` : chunk;
    for (const node of (processor().parse(text) as Root).children) {
      if ((node.position?.start.offset ?? 0) >= chunk.length) continue; // a stand-in definition
      shiftPositions(node, startLine, offset);
      out.push(node);
    }
    offset += chunk.length;
  });
  return out;
}

function shiftPositions(
  node: { position?: { start: { line: number; offset?: number }; end: { line: number; offset?: number } }; children?: unknown[] },
  lines: number,
  offset: number,
): void {
  if (node.position) {
    node.position.start.line += lines;
    node.position.end.line += lines;
    if (node.position.start.offset !== undefined) node.position.start.offset += offset;
    if (node.position.end.offset !== undefined) node.position.end.offset += offset;
  }
  for (const c of node.children ?? []) shiftPositions(c as typeof node, lines, offset);
}

function fromPhrasing(children: PhrasingContent[], fileName: string, line: number, source: string): Inline {
  let text = "";
  const marks: Mark[] = [];
  const walk = (nodes: PhrasingContent[]) => {
    for (const n of nodes) {
      switch (n.type) {
        case "text": {
          // remark-gfm leaves [^x] without a definition as text; the serializer escapes literal "[" as "\["
          const start = n.position?.start.offset;
          const end = n.position?.end.offset;
          const unescaped = start !== undefined && end !== undefined ? /(?:^|[^\\])\[\^([^\]\s]+)\]/.exec(source.slice(start, end)) : null;
          if (unescaped) throw new ContentError(fileName, n.position?.start.line ?? line, "footnote-reference-undefined", { label: unescaped[1] });
          text += n.value;
          break;
        }
        case "break":
          text += "\n";
          break;
        case "emphasis":
        case "strong": {
          const start = text.length;
          walk(n.children);
          marks.push({ kind: n.type === "emphasis" ? "em" : "strong", start, end: text.length });
          break;
        }
        case "link": {
          const start = text.length;
          walk(n.children);
          marks.push({ kind: "link", start, end: text.length, href: n.url === "" ? null : n.url });
          break;
        }
        case "footnoteReference":
          marks.push({ kind: "footnote-ref", at: text.length, footnoteId: "", label: n.label ?? n.identifier });
          break;
        default:
          throw new ContentError(fileName, n.position?.start.line ?? line, "internal-clean-document", { detail: `unsupported inline Markdown ${n.type}` });
      }
    }
  };
  walk(undoAutolinkLiterals(children, source));
  return { text, marks };
}

/**
 * remark-gfm turns bare URLs in text into links even when the serializer escaped them (its autolink literals are
 * found after escapes are resolved). Links in our documents are always written as [text](url) or <url>, so a
 * link node whose source does not start with "[" or "<" is plain text.
 */
function undoAutolinkLiterals(children: PhrasingContent[], source: string): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const n of children) {
    if (n.type === "link" && n.data === undefined && isLiteral(n, source)) {
      const value = n.children.map((c) => (c.type === "text" ? c.value : "")).join("");
      const prev = out[out.length - 1];
      if (prev?.type === "text") prev.value += value;
      else out.push({ type: "text", value });
    } else if (n.type === "text" && out[out.length - 1]?.type === "text") {
      (out[out.length - 1] as { value: string }).value += n.value;
    } else {
      if ("children" in n && n.type !== "link")
        (n as { children: PhrasingContent[] }).children = undoAutolinkLiterals((n as { children: PhrasingContent[] }).children, source);
      if (n.type === "link") n.children = undoAutolinkLiterals(n.children, source);
      out.push(n);
    }
  }
  return out;
}

function isLiteral(link: { position?: { start: { offset?: number } } }, source: string): boolean {
  const at = link.position?.start.offset;
  if (at === undefined) return true; // the autolink-literal transform makes nodes without a position
  const c = source[at];
  return c !== "[" && c !== "<";
}
