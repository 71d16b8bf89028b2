/**
 * A Document as reader HTML: one element per block (data-block-id + a fragment id), its text and marks
 * exactly as Block.text/marks say, footnote markers in `data-fn-marker` elements, forum posts as
 * articles, quotes with their attribution, notes at the end with links back to their markers.
 *
 * Why a string and not React elements: the reader's three panes can hold thousands of blocks. Rendering
 * them as React trees on every request (and again as the RSC payload, and hydrating them) made the
 * server slow and the page heavy, for text that never changes between requests. As a string it is built
 * once per (document version, pane, interface language) and cached; React owns none of its text nodes,
 * which is also what the CSS Custom Highlight API painting (deep links, annotations) wants.
 * The string is built as a hast tree (hastscript) and serialized by hast-util-to-html, which does all the
 * escaping; link targets are limited to http(s)/mailto.
 *
 * Framework-free: the translated labels come in as plain strings/functions.
 */
import { h, type Properties } from "hastscript";
import { LRUCache } from "lru-cache";
import { createHash } from "node:crypto";
import { installHandoffStore } from "./html-handoff";
import type { Element, ElementContent, Root, Text } from "hast";
import { toHtml } from "hast-util-to-html";
import type { FootnoteReference, Link, Root as MdastRoot, Text as MdastText } from "mdast";
import { toHast, type Handlers, type State } from "mdast-util-to-hast";
import { blockPhrasing, type EditionPoint, type EditionRange } from "@/lib/content/phrasing";
import type { Block, Mark, Part, SynopseDocument } from "@/lib/content/types";
import type { WindowPlan } from "./window";
import { blockDomId } from "./dom-ids";

export { blockDomId };

export interface DocumentLabels {
  /** The interface language, put on every label so that screen readers switch voice correctly. */
  uiLang: string;
  untitled: string;
  notes: string;
  noteMarker: (label: string) => string;
  backToMarker: (label: string) => string;
  noteMissing: string;
  noteTruncated: string;
  post: (n: number) => string;
  comment: (n: number) => string;
  bio: string;
  unknownMember: string;
  authorInferred: string;
  edited: string;
  quotingPost: (n: number, author: string) => string;
  quotingOutside: string;
  quotedFrom: (attribution: string) => string;
  formatDate: (date: string) => string;
  source: string;
  /** "Licence" before a document's licence (TEI editions). */
  licence?: string;
  /** Accessible name of a page-break marker: "page 12". */
  page?: (n: string) => string;
  /** Accessible name of a gap marker ("text missing"), with the edition's reason when it gives one. */
  gap?: (reason: string | null) => string;
}

export interface OutlineEntry {
  /** Fragment id of the target element. */
  id: string;
  text: string;
  level: number;
  /** The entry's text is in the interface language (labels), not the document's. */
  ui?: boolean;
}

/** A pane's HTML as /api/documents/[slug]/html answers it (components/reader/PaneHtml fetches it). */
export interface PaneHtmlAnswer {
  html: string;
}

export interface RenderedDocument {
  html: string;
  outline: OutlineEntry[];
}

export const markerDomId = (paneId: string, footnoteId: string, n: number) => `${paneId}-fnref-${footnoteId}-${n}`;
export const partDomId = (paneId: string, partId: string) => `${paneId}-part-${partId}`;
export const titleDomId = (paneId: string) => `${paneId}-title`;

function safeHref(href: string | null): string | null {
  if (!href) return null;
  return /^(https?:|mailto:)/i.test(href.trim()) ? href.trim() : null;
}

type FootnoteRef = Extract<Mark, { kind: "footnote-ref" }>;

interface InlineContext {
  paneId: string;
  labels: DocumentLabels;
  /** How many markers of each footnote were rendered so far (for unique marker ids). */
  markerCount: Map<string, number>;
  footnotes: Map<string, Block>;
  lastSection?: number;
  /** The mdast → hast handlers of this rendering (made once, they close over the context). */
  handlers?: Handlers;
}

function markerHast(ref: FootnoteRef, ctx: InlineContext): Element {
  const n = (ctx.markerCount.get(ref.footnoteId) ?? 0) + 1;
  ctx.markerCount.set(ref.footnoteId, n);
  const status = ctx.footnotes.get(ref.footnoteId)?.footnote?.status ?? "missing";
  const button = h(
    "button",
    {
      type: "button",
      id: markerDomId(ctx.paneId, ref.footnoteId, n),
      className: "fn-button",
      dataNote: blockDomId(ctx.paneId, ref.footnoteId),
      dataNoteStatus: status,
      ariaExpanded: "false",
      ariaLabel: ctx.labels.noteMarker(ref.label),
      lang: ctx.labels.uiLang,
    },
    ref.label,
  );
  return h("sup", { className: "fn-ref", dataFnMarker: "" }, button);
}

/**
 * mdast → hast for a block's phrasing (lib/content/phrasing). Links open outside and only to http(s)/mailto; a
 * footnote marker is a button naming its note. An edition's marks: what only the diplomatic view shows (original
 * spellings, abbreviations, deletions) and the gap and page markers are rendered in `data-fn-marker` elements,
 * which lib/reader/selection skips: they are not the block's text. The reading text is the one anchored text in
 * both views, and the pane's `data-tei-view` attribute decides with CSS which alternative is visible — switching
 * views never changes the offsets a note or a link points at.
 */
function inlineHandlers(ctx: InlineContext): Handlers {
  const uiLang = ctx.labels.uiLang;
  return {
    root: (state: State, node: MdastRoot) => ({ type: "root", children: state.all(node) }),
    // mdast-util-to-hast's own text handler trims spaces around line endings: the block's text is kept as is.
    text: (_state: State, node: MdastText) => ({ type: "text", value: node.value }),
    link: (state: State, node: Link) => {
      const href = safeHref(node.url);
      return href ? h("a", { href, rel: "noopener noreferrer", target: "_blank" }, state.all(node)) : h("span", { className: "link-lost" }, state.all(node));
    },
    footnoteReference: (_state: State, node: FootnoteReference) => markerHast(node.data!.mark!, ctx),
    editionRange: (state: State, node: EditionRange) => {
      const m = node.mark;
      const children = state.all(node);
      switch (m.kind) {
        case "variant":
          return h("span", { className: `tei-reading tei-${m.type}-reading` }, children);
        case "edit":
          return m.type === "add" ? h("ins", { className: "tei-add" }, children) : h("span", { className: `tei-${m.type}` }, children);
        case "entity":
          return h("span", { className: `tei-entity tei-${m.type}`, dataRef: m.ref || undefined, dataWhen: m.when || undefined }, children);
        case "cell":
          return h("span", { className: "tei-cell", role: "cell" }, children);
      }
    },
    editionPoint: (_state: State, node: EditionPoint) => {
      const m = node.mark;
      switch (m.kind) {
        case "variant":
          return h(m.type === "del" ? "del" : "span", { className: `tei-dipl tei-${m.type}`, dataFnMarker: "" }, m.written);
        case "gap": {
          const label = ctx.labels.gap ? { role: "img", ariaLabel: ctx.labels.gap(m.reason), lang: uiLang } : {};
          return h("span", { className: "tei-gap", dataFnMarker: "", ...label }, "[…]");
        }
        case "page": {
          if (m.n === null) return undefined;
          const label = ctx.labels.page ? { ariaLabel: ctx.labels.page(m.n), lang: uiLang } : {};
          return h("span", { className: "tei-pb", dataFnMarker: "", ...label }, m.n);
        }
      }
    },
  } as unknown as Handlers;
}

/** `&amp;` and `&lt;` as the reader always wrote them (the library's default is the shorter `&#x26;`, `&#x3C;`). */
const HTML_OPTIONS = { characterReferences: { useNamedReferences: true } } as const;

/** A block's inline content as hast: Block → mdast phrasing (lib/content/phrasing) → hast. */
function inlineHast(block: Block, ctx: InlineContext): ElementContent[] {
  const children = blockPhrasing(block, { edition: true, lineBreaks: false });
  // Most blocks are plain text: no tree to convert.
  if (children.length === 1 && children[0].type === "text") return [{ type: "text", value: children[0].value }];
  ctx.handlers ??= inlineHandlers(ctx);
  return (toHast({ type: "root", children }, { handlers: ctx.handlers }) as Root).children as ElementContent[];
}

/** A block's inline content as HTML (the escaping is hast-util-to-html's). */
export function renderInline(block: Block, ctx: InlineContext): string {
  return toHtml({ type: "root", children: inlineHast(block, ctx) }, HTML_OPTIONS);
}

const BLOCK_TAGS: Record<Block["type"], string> = {
  heading: "h3",
  paragraph: "p",
  quote: "blockquote",
  "list-item": "li",
  link: "p",
  epigraph: "p",
  signoff: "p",
  separator: "p",
  bio: "p",
  footnote: "p",
  note: "aside",
  verse: "p",
  "table-row": "div",
  figure: "p",
};

/** A block's element: its classes, fragment id and block id, and its inline content. */
function blockElement(block: Block, ctx: InlineContext, tag: string, extra: Properties = {}): Element {
  const role = block.role ? ` role-${block.role.replace(/[^A-Za-z0-9-]/g, "-")}` : "";
  const cls = `b b-${block.type}${role}${block.section !== undefined && block.section !== ctx.lastSection && block.type !== "footnote" ? " section-start" : ""}`;
  const properties: Properties = { className: cls, id: blockDomId(ctx.paneId, block.id), dataBlockId: block.id, ...extra };
  if (block.type === "table-row") properties.role = "row";
  return h(tag, properties, inlineHast(block, ctx));
}

/** A label in the interface language (the document's own text keeps its lang from the pane). */
function ui(ctx: InlineContext, text: string, cls: string, tag = "span"): Element {
  return h(tag, { className: cls, lang: ctx.labels.uiLang }, text);
}

const space: Text = { type: "text", value: " " };

function renderBlock(block: Block, ctx: InlineContext, doc: SynopseDocument): Element {
  if (block.type === "heading") {
    const level = Math.min(6, Math.max(3, (block.level ?? 2) + 1));
    return blockElement(block, ctx, `h${level}`);
  }
  if (block.type === "quote") {
    const caption = quoteCaption(block, ctx, doc);
    return h("figure", { className: "quote" }, caption ? [caption, blockElement(block, ctx, "blockquote")] : [blockElement(block, ctx, "blockquote")]);
  }
  if (block.type === "list-item") return blockElement(block, ctx, "li", block.label ? { dataLabel: block.label } : {});
  return blockElement(block, ctx, BLOCK_TAGS[block.type]);
}

const UNKNOWN_ATTRIBUTION = "unknown member";

function quoteCaption(block: Block, ctx: InlineContext, doc: SynopseDocument): Element | null {
  const { labels, paneId } = ctx;
  if (block.quoteOf) {
    const part = doc.parts.find((p) => p.id === block.quoteOf);
    if (part) {
      const author = block.attribution ?? part.author ?? labels.unknownMember;
      const text = labels.quotingPost(part.n, author);
      return h("figcaption", { className: "quote-of", lang: labels.uiLang }, h("a", { href: `#${partDomId(paneId, part.id)}` }, text));
    }
  }
  if (block.attribution) {
    // "unknown member" is the pipeline's word for a quoted writer the source does not name: translate it.
    const who = block.attribution === UNKNOWN_ATTRIBUTION ? labels.unknownMember : block.attribution;
    return h("figcaption", { className: "quote-of" }, ui(ctx, labels.quotedFrom(who), "quote-label"));
  }
  // "From outside this thread" is forum wording: only a post or comment has a thread. A block quote in an essay
  // or an edition is simply a quotation and gets no caption.
  const thread = block.part ? doc.parts.find((p) => p.id === block.part) : undefined;
  if (block.quoteOf === null && (thread?.kind === "post" || thread?.kind === "comment")) {
    return h("figcaption", { className: "quote-of" }, ui(ctx, labels.quotingOutside, "quote-label"));
  }
  return null;
}

function partHeading(part: Part, ctx: InlineContext): Element {
  const { labels } = ctx;
  const name = part.kind === "post" ? labels.post(part.n) : part.kind === "comment" ? labels.comment(part.n) : labels.bio;
  const children: ElementContent[] = [ui(ctx, name, "part-name"), space];
  children.push(part.author ? h("span", { className: "part-author" }, part.author) : ui(ctx, labels.unknownMember, "part-author part-author-unknown"));
  if (part.authorTitle) children.push(space, h("span", { className: "part-author-title" }, part.authorTitle));
  if (part.author && part.authorConfidence === "inferred") children.push(space, ui(ctx, labels.authorInferred, "part-note"));
  if (part.edited) children.push(space, ui(ctx, labels.edited, "part-note"));
  return h("h3", { className: "part-head", id: `${partDomId(ctx.paneId, part.id)}-h` }, children);
}

function partLabel(part: Part, labels: DocumentLabels): string {
  const name = part.kind === "post" ? labels.post(part.n) : part.kind === "comment" ? labels.comment(part.n) : labels.bio;
  return `${name} — ${part.author ?? labels.unknownMember}`;
}

/** A licence's words, its first web address as a link. */
function licenceContent(licence: string): ElementContent[] {
  const url = /https?:\/\/\S+/.exec(licence)?.[0] ?? null;
  if (!url || !safeHref(url)) return [{ type: "text", value: licence }];
  const at = licence.indexOf(url);
  return [
    { type: "text", value: licence.slice(0, at) },
    h("a", { href: url, rel: "license noopener noreferrer", target: "_blank" }, url),
    { type: "text", value: licence.slice(at + url.length) },
  ];
}

function renderHead(doc: SynopseDocument, ctx: InlineContext): Element {
  const { meta } = doc;
  const { labels } = ctx;
  const head: ElementContent[] = [];
  if (meta.kicker) head.push(h("p", { className: "doc-kicker" }, meta.kicker));
  head.push(h("h2", { className: "doc-title", id: titleDomId(ctx.paneId) }, meta.title ? meta.title : ui(ctx, labels.untitled, "untitled")));
  if (meta.subtitle) head.push(h("p", { className: "doc-subtitle" }, meta.subtitle));
  const byline: ElementContent[] = [];
  if (meta.author) byline.push(h("span", { className: "doc-author" }, meta.author));
  if (meta.date) {
    if (byline.length > 0) byline.push({ type: "text", value: " · " });
    byline.push(ui(ctx, labels.formatDate(meta.date), "doc-date", "span"));
  }
  if (byline.length > 0) head.push(h("p", { className: "doc-byline" }, byline));
  head.push(h("p", { className: "doc-source" }, [ui(ctx, labels.source, "doc-source-label"), { type: "text", value: ` ${meta.source}` }]));
  if (meta.licence)
    head.push(h("p", { className: "doc-licence" }, [ui(ctx, labels.licence ?? "Licence", "doc-source-label"), space, ...licenceContent(meta.licence)]));
  return h("header", { className: "doc-head" }, head);
}

/**
 * The notes list. A window of a long document lists the notes it carries under its own heading id, with links
 * back to the markers rendered in that window only (`markersBefore`: markers of each note in earlier windows).
 */
function renderNotes(notes: Block[], ctx: InlineContext, headingId = `${ctx.paneId}-footnotes`, markersBefore?: ReadonlyMap<string, number>): Element[] {
  if (notes.length === 0) return [];
  const { labels, paneId } = ctx;
  const items = notes.map((note) => {
    const fn = note.footnote ?? { label: note.id, status: "ok" as const, refs: [] };
    const body: ElementContent[] = [blockElement(note, ctx, "p")];
    if (fn.status === "missing") body.push(ui(ctx, labels.noteMissing, "note-status", "p"));
    if (fn.status === "truncated") body.push(ui(ctx, labels.noteTruncated, "note-status", "p"));
    const count = Math.max(1, ctx.markerCount.get(note.id) ?? 0);
    const before = markersBefore?.get(note.id) ?? 0;
    if ((ctx.markerCount.get(note.id) ?? 0) > before) {
      const back: ElementContent[] = [];
      for (let n = before + 1; n <= count; n++) {
        const href = `#${markerDomId(paneId, note.id, n)}`;
        back.push(h("a", { href, className: "note-backlink", lang: labels.uiLang, ariaLabel: labels.backToMarker(fn.label) }, "↩"), space);
      }
      body.push(h("p", { className: "note-back" }, back));
    }
    return h("li", { className: `note note-${fn.status}` }, [h("span", { className: "note-label" }, fn.label), h("div", { className: "note-body" }, body)]);
  });
  return [
    h("section", { className: "notes", ariaLabelledBy: headingId }, [
      h("h3", { id: headingId, lang: labels.uiLang }, labels.notes),
      h("ol", { className: "notes-list" }, items),
    ]),
  ];
}

/**
 * Body blocks in runs: a run by one writer (a forum post) becomes an article with its header and an outline
 * entry; other blocks render as they are. `continuedPart`: a post whose first blocks are in an earlier window
 * opens here as an article without header (its header and outline entry belong to that window).
 */
function renderBody(body: Block[], parts: Map<string, Part>, ctx: InlineContext, doc: SynopseDocument, continuedPart?: string): ElementContent[] {
  const out: ElementContent[] = [];
  let i = 0;
  while (i < body.length) {
    const part = body[i].part ? parts.get(body[i].part!) : undefined;
    let j = i + 1;
    if (part) {
      while (j < body.length && body[j].part === part.id) j++;
      if (i === 0 && part.id === continuedPart) {
        out.push(h("article", { className: `part part-${part.kind} part-continued` }, renderRun(body.slice(i, j), ctx, doc)));
      } else {
        const id = partDomId(ctx.paneId, part.id);
        const heading = partHeading(part, ctx);
        out.push(h("article", { className: `part part-${part.kind}`, id, ariaLabelledBy: `${id}-h` }, [heading, ...renderRun(body.slice(i, j), ctx, doc)]));
      }
    } else {
      while (j < body.length && !(body[j].part && parts.has(body[j].part!))) j++;
      out.push(...renderRun(body.slice(i, j), ctx, doc));
    }
    i = j;
  }
  return out;
}

/** The document's reader HTML and outline for one pane. Pure; see renderDocumentCached for the cache. */
export function renderDocument(doc: SynopseDocument, paneId: string, labels: DocumentLabels): RenderedDocument {
  const footnotes = new Map(doc.blocks.filter((b) => b.type === "footnote").map((b) => [b.id, b]));
  const ctx: InlineContext = { paneId, labels, markerCount: new Map(), footnotes };
  const parts = new Map(doc.parts.map((p) => [p.id, p]));
  const body = doc.blocks.filter((b) => b.type !== "footnote");
  const head = renderHead(doc, ctx);
  const main = h("div", { className: "doc-body" }, renderBody(body, parts, ctx, doc));
  const notes = renderNotes(
    doc.blocks.filter((b) => b.type === "footnote"),
    ctx,
  );
  return { html: toHtml({ type: "root", children: [head, main, ...notes] }, HTML_OPTIONS), outline: documentOutline(doc, paneId, labels) };
}

/** Blocks outside or inside one part; list items are gathered into lists, an edition's table rows into a table. */
function renderRun(blocks: Block[], ctx: InlineContext, doc: SynopseDocument): ElementContent[] {
  const out: ElementContent[] = [];
  // The open list or table the next item or row joins (rows gathered into one table for assistive technology).
  let group: Element | null = null;
  let groupKind: "list" | "table" | null = null;
  for (const block of blocks) {
    const kind = block.type === "list-item" ? "list" : block.type === "table-row" ? "table" : null;
    if (kind !== groupKind) {
      group = kind === null ? null : kind === "list" ? h("ul", { className: "list" }) : h("div", { className: "table", role: "table" });
      groupKind = kind;
      if (group) out.push(group);
    }
    const element = renderBlock(block, ctx, doc);
    if (group) group.children.push(element);
    else out.push(element);
    if (block.section !== undefined) ctx.lastSection = block.section;
  }
  return out;
}

/** A section's opening words for the outline: its small-caps lead-in ("THE FEAR THAT"), or its first words. */
export function leadIn(text: string): string {
  const caps = /^(?:[\p{Lu}\d'’.,-]+\s+){1,8}/u.exec(text)?.[0].trim();
  if (caps && caps.length >= 6) return `${caps} …`;
  const words = text.split(/\s+/).slice(0, 6).join(" ");
  return words.length < text.length ? `${words} …` : words;
}

/**
 * Rendered documents and windows, least recently used dropped first, bounded by the HTML they hold (a window of
 * a volume is hundreds of KB, a short essay a few): about 48 MB of UTF-16 at most.
 */
const renderCache = new LRUCache<string, RenderedDocument | string>({
  maxSize: 24_000_000,
  sizeCalculation: (v) => Math.max(1, typeof v === "string" ? v.length : v.html.length),
});

/**
 * Pane HTML handed from the server-component render to the server render of components/reader/PaneHtml
 * (lib/reader/html-handoff.ts). It only has to outlive one request, so it is small; the strings are the
 * render cache's own (no copy).
 */
const handoff = installHandoffStore(() => new LRUCache<string, string>({ maxSize: 8_000_000, sizeCalculation: (v) => Math.max(1, v.length) }));

const fingerprints = new WeakMap<SynopseDocument, string>();

/**
 * What the rendered HTML depends on in a document: all of it, not only `version` (which hashes the plain text:
 * a new title, source line or mark keeps the version but changes the HTML). Computed once per document object
 * the store holds; a content build or an upload that leaves a document as it was gives the same fingerprint,
 * so exactly the documents it changed are rendered again.
 */
export function renderFingerprint(doc: SynopseDocument): string {
  let fp = fingerprints.get(doc);
  if (fp === undefined) {
    fp = createHash("sha256")
      .update(JSON.stringify([doc.version, doc.meta, doc.blocks, doc.parts ?? null]))
      .digest("hex")
      .slice(0, 16);
    fingerprints.set(doc, fp);
  }
  return fp;
}

/**
 * The cache key of a pane's rendering (also the key its HTML is handed over under, and the `v=` of its fetch
 * address). Labels are the same for the same interface language: they come from the message files.
 */
export function paneRenderKey(doc: SynopseDocument, paneId: string, uiLang: string): string {
  return `${doc.meta.slug}.${renderFingerprint(doc)}.${paneId}.${uiLang}`;
}

/** renderDocument, cached by the document's content, pane and interface language. */
export function renderDocumentCached(doc: SynopseDocument, paneId: string, labels: DocumentLabels): RenderedDocument {
  const key = `doc|${paneRenderKey(doc, paneId, labels.uiLang)}`;
  const hit = renderCache.get(key);
  if (hit !== undefined && typeof hit !== "string") return hit;
  const rendered = renderDocument(doc, paneId, labels);
  renderCache.set(key, rendered);
  return rendered;
}

/**
 * renderDocumentCached, with its HTML handed over for this request's server render of PaneHtml: the key
 * goes to the browser instead of the HTML (lib/reader/html-handoff.ts).
 */
export function renderDocumentShared(doc: SynopseDocument, paneId: string, labels: DocumentLabels): RenderedDocument & { key: string } {
  const rendered = renderDocumentCached(doc, paneId, labels);
  const key = paneRenderKey(doc, paneId, labels.uiLang);
  handoff.set(key, rendered.html);
  return { ...rendered, key };
}

// ---- long documents in windows (lib/reader/window.ts) ----

/** The document's header (title, author, source) alone: a windowed pane shows it above its windows. */
export function renderDocumentHead(doc: SynopseDocument, paneId: string, labels: DocumentLabels): string {
  return toHtml(renderHead(doc, { paneId, labels, markerCount: new Map(), footnotes: new Map() }), HTML_OPTIONS);
}

/**
 * One window of a long document: its body blocks as renderDocument renders them, then the notes it carries.
 * Marker numbering and section starts continue from the windows before it, so ids are the whole document's;
 * a forum post that began in an earlier window continues in an article without its header.
 */
export function renderWindow(doc: SynopseDocument, plan: WindowPlan, n: number, paneId: string, labels: DocumentLabels): string {
  const w = plan.windows[n];
  if (!w) throw new RangeError(`no window ${n} (the document has ${plan.windows.length})`);
  const markerCount = new Map<string, number>();
  let lastSection: number | undefined;
  for (let k = 0; k < w.start; k++) {
    const block = plan.body[k];
    for (const m of block.marks) if (m.kind === "footnote-ref") markerCount.set(m.footnoteId, (markerCount.get(m.footnoteId) ?? 0) + 1);
    if (block.section !== undefined) lastSection = block.section;
  }
  const markersBefore = new Map(markerCount);
  const footnotes = new Map(doc.blocks.filter((b) => b.type === "footnote").map((b) => [b.id, b]));
  const ctx: InlineContext = { paneId, labels, markerCount, footnotes, lastSection };
  const parts = new Map(doc.parts.map((p) => [p.id, p]));
  const body = plan.body.slice(w.start, w.end);
  // A forum post that began in the window before continues here, without its header.
  const continued = w.start > 0 ? plan.body[w.start - 1].part : undefined;
  const children = [...renderBody(body, parts, ctx, doc, continued), ...renderNotes(w.footnotes, ctx, `${paneId}-footnotes-${n}`, markersBefore)];
  return toHtml({ type: "root", children }, HTML_OPTIONS);
}

/** An outline entry of a windowed document knows its block, so that the reader can load the block's window. */
export interface WindowedOutlineEntry extends OutlineEntry {
  block?: string;
}

/**
 * The document's outline, the one builder of it: forum posts, headings, and the numbered sections of a
 * heading-less essay (sections opened by a lead-in), then the notes. renderDocument returns it beside the HTML; a windowed pane gets
 * it without rendering any HTML (a windowed pane lists every heading
 * of the volume, loaded or not). `withBlocks` adds each entry's block id; `notes: false` leaves out the notes
 * entry (a windowed document lists its notes per window).
 */
export function documentOutline(
  doc: SynopseDocument,
  paneId: string,
  labels: DocumentLabels,
  options: { withBlocks?: boolean; notes?: boolean } = {},
): WindowedOutlineEntry[] {
  const withBlock = (entry: OutlineEntry, block: string): WindowedOutlineEntry => (options.withBlocks ? { ...entry, block } : entry);
  const outlineSections = !doc.blocks.some((b) => b.type === "heading") && doc.blocks.some((b) => b.section !== undefined);
  const parts = new Map(doc.parts.map((p) => [p.id, p]));
  const body = doc.blocks.filter((b) => b.type !== "footnote");
  const outline: WindowedOutlineEntry[] = [];
  let lastSection: number | undefined;
  for (let i = 0; i < body.length; i++) {
    const block = body[i];
    const part = block.part ? parts.get(block.part) : undefined;
    if (part && body[i - 1]?.part !== part.id) {
      outline.push(withBlock({ id: `${partDomId(paneId, part.id)}-h`, text: partLabel(part, labels), level: 1, ui: true }, block.id));
    }
    if (block.type === "heading")
      outline.push(withBlock({ id: blockDomId(paneId, block.id), text: block.text, level: Math.max(1, (block.level ?? 2) - 1) }, block.id));
    if (outlineSections && block.section !== undefined && block.section !== lastSection) {
      outline.push(withBlock({ id: blockDomId(paneId, block.id), text: `§ ${block.section} ${leadIn(block.text)}`, level: 1 }, block.id));
    }
    if (block.section !== undefined) lastSection = block.section;
  }
  if (options.notes !== false && doc.blocks.some((b) => b.type === "footnote"))
    outline.push({ id: `${paneId}-footnotes`, text: labels.notes, level: 1, ui: true });
  return outline;
}

/** renderWindow, cached by the document's content, window, pane and interface language (as renderDocumentCached). */
export function renderWindowCached(doc: SynopseDocument, plan: WindowPlan, n: number, paneId: string, labels: DocumentLabels): string {
  const key = `window|${paneRenderKey(doc, paneId, labels.uiLang)}|${plan.windows.length}|${n}`;
  const hit = renderCache.get(key);
  if (typeof hit === "string") return hit;
  const html = renderWindow(doc, plan, n, paneId, labels);
  renderCache.set(key, html);
  return html;
}

/**
 * renderWindowCached, with its HTML handed over for this request's server render of the windowed pane
 * (components/reader/WindowedDocument): the key goes to the browser instead of the HTML, as for a whole pane.
 */
export function renderWindowShared(doc: SynopseDocument, plan: WindowPlan, n: number, paneId: string, labels: DocumentLabels): { key: string } {
  const html = renderWindowCached(doc, plan, n, paneId, labels);
  const key = `window|${paneRenderKey(doc, paneId, labels.uiLang)}|${plan.windows.length}|${n}`;
  handoff.set(key, html);
  return { key };
}

/**
 * A long outline's items as one HTML string (a volume has a thousand chapters or more): as React elements they
 * would weigh about twice as much in the page, once in the HTML and once more in the RSC payload.
 */
export function outlineItemsHtml(entries: readonly WindowedOutlineEntry[], docLang: string, uiLang: string): string {
  const items = entries.map((e) =>
    h(
      "li",
      { className: `outline-l${Math.min(e.level, 3)}` },
      h("a", { href: `#${e.id}`, dataOutlineLink: "", dataTargetBlock: e.block, lang: e.ui ? uiLang : docLang }, e.text),
    ),
  );
  return toHtml({ type: "root", children: items }, HTML_OPTIONS);
}
