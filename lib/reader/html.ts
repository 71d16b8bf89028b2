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
 * Every value is escaped here; link targets are limited to http(s)/mailto.
 *
 * Framework-free: the translated labels come in as plain strings/functions.
 */
import { h } from "hastscript";
import { escapeHtml } from "@/lib/text/html";
import { LRUCache } from "lru-cache";
import type { Element } from "hast";
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

/** A block's inline content as HTML: Block → mdast phrasing → hast → HTML (the escaping is hast-util-to-html's). */
export function renderInline(block: Block, ctx: InlineContext): string {
  const children = blockPhrasing(block, { edition: true, lineBreaks: false });
  // Most blocks are plain text: no tree to convert.
  if (children.length === 1 && children[0].type === "text") return toHtml({ type: "text", value: children[0].value }, HTML_OPTIONS);
  ctx.handlers ??= inlineHandlers(ctx);
  return toHtml(toHast({ type: "root", children }, { handlers: ctx.handlers }), HTML_OPTIONS);
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

function blockOpen(block: Block, ctx: InlineContext, tag: string, extra = ""): string {
  const role = block.role ? ` role-${block.role.replace(/[^A-Za-z0-9-]/g, "-")}` : "";
  const cls = `b b-${block.type}${role}${block.section !== undefined && block.section !== ctx.lastSection && block.type !== "footnote" ? " section-start" : ""}`;
  if (block.type === "table-row") extra += ` role="row"`;
  return `<${tag} class="${cls}" id="${escapeHtml(blockDomId(ctx.paneId, block.id))}" data-block-id="${escapeHtml(block.id)}"${extra}>`;
}

function ui(ctx: InlineContext, text: string, cls: string, tag = "span"): string {
  return `<${tag} class="${cls}" lang="${escapeHtml(ctx.labels.uiLang)}">${escapeHtml(text)}</${tag}>`;
}

function renderBlock(block: Block, ctx: InlineContext, doc: SynopseDocument): string {
  if (block.type === "heading") {
    const level = Math.min(6, Math.max(3, (block.level ?? 2) + 1));
    return blockOpen(block, ctx, `h${level}`) + renderInline(block, ctx) + `</h${level}>`;
  }
  if (block.type === "quote") {
    const caption = quoteCaption(block, ctx, doc);
    const quote = blockOpen(block, ctx, "blockquote") + renderInline(block, ctx) + "</blockquote>";
    return `<figure class="quote">${caption}${quote}</figure>`;
  }
  if (block.type === "list-item") {
    const label = block.label ? ` data-label="${escapeHtml(block.label)}"` : "";
    return blockOpen(block, ctx, "li", label) + renderInline(block, ctx) + "</li>";
  }
  const tag = BLOCK_TAGS[block.type];
  return blockOpen(block, ctx, tag) + renderInline(block, ctx) + `</${tag}>`;
}

const UNKNOWN_ATTRIBUTION = "unknown member";

function quoteCaption(block: Block, ctx: InlineContext, doc: SynopseDocument): string {
  const { labels, paneId } = ctx;
  if (block.quoteOf) {
    const part = doc.parts.find((p) => p.id === block.quoteOf);
    if (part) {
      const author = block.attribution ?? part.author ?? labels.unknownMember;
      const text = labels.quotingPost(part.n, author);
      return `<figcaption class="quote-of" lang="${escapeHtml(labels.uiLang)}"><a href="#${escapeHtml(partDomId(paneId, part.id))}">${escapeHtml(text)}</a></figcaption>`;
    }
  }
  if (block.attribution) {
    // "unknown member" is the pipeline's word for a quoted writer the source does not name: translate it.
    const who = block.attribution === UNKNOWN_ATTRIBUTION ? labels.unknownMember : block.attribution;
    return `<figcaption class="quote-of">${ui(ctx, labels.quotedFrom(who), "quote-label")}</figcaption>`;
  }
  // "From outside this thread" is forum wording: only a post or comment has a thread. A block quote in an essay
  // or an edition is simply a quotation and gets no caption.
  const thread = block.part ? doc.parts.find((p) => p.id === block.part) : undefined;
  if (block.quoteOf === null && (thread?.kind === "post" || thread?.kind === "comment")) return `<figcaption class="quote-of">${ui(ctx, labels.quotingOutside, "quote-label")}</figcaption>`;
  return "";
}

function partHeading(part: Part, ctx: InlineContext): string {
  const { labels } = ctx;
  const name = part.kind === "post" ? labels.post(part.n) : part.kind === "comment" ? labels.comment(part.n) : labels.bio;
  const author = part.author
    ? `<span class="part-author">${escapeHtml(part.author)}</span>`
    : ui(ctx, labels.unknownMember, "part-author part-author-unknown");
  const title = part.authorTitle ? ` <span class="part-author-title">${escapeHtml(part.authorTitle)}</span>` : "";
  const inferred = part.author && part.authorConfidence === "inferred" ? ` ${ui(ctx, labels.authorInferred, "part-note")}` : "";
  const edited = part.edited ? ` ${ui(ctx, labels.edited, "part-note")}` : "";
  return `<h3 class="part-head" id="${escapeHtml(partDomId(ctx.paneId, part.id))}-h">${ui(ctx, name, "part-name")} ${author}${title}${inferred}${edited}</h3>`;
}

function partLabel(part: Part, labels: DocumentLabels): string {
  const name = part.kind === "post" ? labels.post(part.n) : part.kind === "comment" ? labels.comment(part.n) : labels.bio;
  return `${name} — ${part.author ?? labels.unknownMember}`;
}

function renderHead(doc: SynopseDocument, ctx: InlineContext): string {
  const { meta } = doc;
  const { labels } = ctx;
  let out = `<header class="doc-head">`;
  if (meta.kicker) out += `<p class="doc-kicker">${escapeHtml(meta.kicker)}</p>`;
  out += meta.title
    ? `<h2 class="doc-title" id="${escapeHtml(titleDomId(ctx.paneId))}">${escapeHtml(meta.title)}</h2>`
    : `<h2 class="doc-title" id="${escapeHtml(titleDomId(ctx.paneId))}">${ui(ctx, labels.untitled, "untitled")}</h2>`;
  if (meta.subtitle) out += `<p class="doc-subtitle">${escapeHtml(meta.subtitle)}</p>`;
  const byline = [meta.author ? `<span class="doc-author">${escapeHtml(meta.author)}</span>` : "", meta.date ? ui(ctx, labels.formatDate(meta.date), "doc-date", "span") : ""]
    .filter(Boolean)
    .join(" · ");
  if (byline) out += `<p class="doc-byline">${byline}</p>`;
  out += `<p class="doc-source">${ui(ctx, labels.source, "doc-source-label")} ${escapeHtml(meta.source)}</p>`;
  if (meta.licence) {
    const url = /https?:\/\/\S+/.exec(meta.licence)?.[0] ?? null;
    const words = escapeHtml(meta.licence);
    const shown = url && safeHref(url) ? words.replace(escapeHtml(url), `<a href="${escapeHtml(url)}" rel="license noopener noreferrer" target="_blank">${escapeHtml(url)}</a>`) : words;
    out += `<p class="doc-licence">${ui(ctx, labels.licence ?? "Licence", "doc-source-label")} ${shown}</p>`;
  }
  return out + `</header>`;
}

/**
 * The notes list. A window of a long document lists the notes it carries under its own heading id, with links
 * back to the markers rendered in that window only (`markersBefore`: markers of each note in earlier windows).
 */
function renderNotes(notes: Block[], ctx: InlineContext, headingId = `${ctx.paneId}-footnotes`, markersBefore?: ReadonlyMap<string, number>): string {
  if (notes.length === 0) return "";
  const { labels, paneId } = ctx;
  let out = `<section class="notes" aria-labelledby="${headingId}"><h3 id="${headingId}" lang="${escapeHtml(labels.uiLang)}">${escapeHtml(labels.notes)}</h3><ol class="notes-list">`;
  for (const note of notes) {
    const fn = note.footnote ?? { label: note.id, status: "ok" as const, refs: [] };
    out += `<li class="note note-${fn.status}"><span class="note-label">${escapeHtml(fn.label)}</span><div class="note-body">`;
    out += blockOpen(note, ctx, "p") + renderInline(note, ctx) + "</p>";
    if (fn.status === "missing") out += ui(ctx, labels.noteMissing, "note-status", "p");
    if (fn.status === "truncated") out += ui(ctx, labels.noteTruncated, "note-status", "p");
    const count = Math.max(1, ctx.markerCount.get(note.id) ?? 0);
    const before = markersBefore?.get(note.id) ?? 0;
    if ((ctx.markerCount.get(note.id) ?? 0) > before) {
      out += `<p class="note-back">`;
      for (let n = before + 1; n <= count; n++) {
        out += `<a href="#${escapeHtml(markerDomId(paneId, note.id, n))}" class="note-backlink" lang="${escapeHtml(labels.uiLang)}" aria-label="${escapeHtml(labels.backToMarker(fn.label))}">↩</a> `;
      }
      out += `</p>`;
    }
    out += `</div></li>`;
  }
  return out + `</ol></section>`;
}

/**
 * Body blocks in runs: a run by one writer (a forum post) becomes an article with its header and an outline
 * entry; other blocks render as they are. `continuedPart`: a post whose first blocks are in an earlier window
 * opens here as an article without header (its header and outline entry belong to that window).
 */
function renderBody(body: Block[], parts: Map<string, Part>, ctx: InlineContext, doc: SynopseDocument, continuedPart?: string): string {
  let out = "";
  let i = 0;
  while (i < body.length) {
    const part = body[i].part ? parts.get(body[i].part!) : undefined;
    let j = i + 1;
    if (part) {
      while (j < body.length && body[j].part === part.id) j++;
      if (i === 0 && part.id === continuedPart) {
        out += `<article class="part part-${part.kind} part-continued">`;
      } else {
        const id = escapeHtml(partDomId(ctx.paneId, part.id));
        out += `<article class="part part-${part.kind}" id="${id}" aria-labelledby="${id}-h">` + partHeading(part, ctx);
      }
      out += renderRun(body.slice(i, j), ctx, doc) + `</article>`;
    } else {
      while (j < body.length && !(body[j].part && parts.has(body[j].part!))) j++;
      out += renderRun(body.slice(i, j), ctx, doc);
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
  let out = renderHead(doc, ctx);
  out += `<div class="doc-body">`;

  out += renderBody(body, parts, ctx, doc);
  out += `</div>`;
  const notes = doc.blocks.filter((b) => b.type === "footnote");
  out += renderNotes(notes, ctx);
  return { html: out, outline: documentOutline(doc, paneId, labels) };
}

/** Blocks outside or inside one part; list items are gathered into lists. */
function renderRun(blocks: Block[], ctx: InlineContext, doc: SynopseDocument): string {
  let out = "";
  let inList = false;
  let inTable = false;
  for (const block of blocks) {
    // rows of an edition's table, one block each, gathered into one table for assistive technology
    if (block.type === "table-row" && !inTable) {
      out += `<div class="table" role="table">`;
      inTable = true;
    } else if (block.type !== "table-row" && inTable) {
      out += `</div>`;
      inTable = false;
    }
    if (block.type === "list-item" && !inList) {
      out += `<ul class="list">`;
      inList = true;
    } else if (block.type !== "list-item" && inList) {
      out += `</ul>`;
      inList = false;
    }
    out += renderBlock(block, ctx, doc);
    if (block.section !== undefined) ctx.lastSection = block.section;
  }
  if (inList) out += `</ul>`;
  if (inTable) out += `</div>`;
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
 * renderDocument, cached by document version, pane and interface language (the labels must be the
 * same for the same uiLang, which they are: they come from the message files).
 */
export function renderDocumentCached(doc: SynopseDocument, paneId: string, labels: DocumentLabels): RenderedDocument {
  const key = `doc|${doc.meta.slug}|${doc.version}|${paneId}|${labels.uiLang}`;
  const hit = renderCache.get(key);
  if (hit !== undefined && typeof hit !== "string") return hit;
  const rendered = renderDocument(doc, paneId, labels);
  renderCache.set(key, rendered);
  return rendered;
}

// ---- long documents in windows (lib/reader/window.ts) ----

/** The document's header (title, author, source) alone: a windowed pane shows it above its windows. */
export function renderDocumentHead(doc: SynopseDocument, paneId: string, labels: DocumentLabels): string {
  return renderHead(doc, { paneId, labels, markerCount: new Map(), footnotes: new Map() });
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
  const out = renderBody(body, parts, ctx, doc, continued);
  return out + renderNotes(w.footnotes, ctx, `${paneId}-footnotes-${n}`, markersBefore);
}

/** An outline entry of a windowed document knows its block, so that the reader can load the block's window. */
export interface WindowedOutlineEntry extends OutlineEntry {
  block?: string;
}

/**
 * The document's outline, the one builder of it: forum posts, headings, and the numbered sections of a
 * heading-less essay (Mastný), then the notes. renderDocument returns it beside the HTML; a windowed pane gets
 * it without rendering any HTML (a windowed pane lists every heading
 * of the volume, loaded or not). `withBlocks` adds each entry's block id; `notes: false` leaves out the notes
 * entry (a windowed document lists its notes per window).
 */
export function documentOutline(doc: SynopseDocument, paneId: string, labels: DocumentLabels, options: { withBlocks?: boolean; notes?: boolean } = {}): WindowedOutlineEntry[] {
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
    if (block.type === "heading") outline.push(withBlock({ id: blockDomId(paneId, block.id), text: block.text, level: Math.max(1, (block.level ?? 2) - 1) }, block.id));
    if (outlineSections && block.section !== undefined && block.section !== lastSection) {
      outline.push(withBlock({ id: blockDomId(paneId, block.id), text: `§ ${block.section} ${leadIn(block.text)}`, level: 1 }, block.id));
    }
    if (block.section !== undefined) lastSection = block.section;
  }
  if (options.notes !== false && doc.blocks.some((b) => b.type === "footnote")) outline.push({ id: `${paneId}-footnotes`, text: labels.notes, level: 1, ui: true });
  return outline;
}

/** renderWindow, cached by document version, window, pane and interface language (as renderDocumentCached). */
export function renderWindowCached(doc: SynopseDocument, plan: WindowPlan, n: number, paneId: string, labels: DocumentLabels): string {
  const key = `window|${doc.meta.slug}|${doc.version}|${plan.windows.length}|${n}|${paneId}|${labels.uiLang}`;
  const hit = renderCache.get(key);
  if (typeof hit === "string") return hit;
  const html = renderWindow(doc, plan, n, paneId, labels);
  renderCache.set(key, html);
  return html;
}

/**
 * A long outline's items as one HTML string (a volume has a thousand chapters or more): as React elements they
 * would weigh about twice as much in the page, once in the HTML and once more in the RSC payload.
 */
export function outlineItemsHtml(entries: readonly WindowedOutlineEntry[], docLang: string, uiLang: string): string {
  let out = "";
  for (const e of entries) {
    const block = e.block ? ` data-target-block="${escapeHtml(e.block)}"` : "";
    out += `<li class="outline-l${Math.min(e.level, 3)}"><a href="#${escapeHtml(e.id)}" data-outline-link=""${block} lang="${escapeHtml(e.ui ? uiLang : docLang)}">${escapeHtml(e.text)}</a></li>`;
  }
  return out;
}
