/**
 * Cleaner for TEI P5 XML: an uploaded edition (a FRUS volume, DTA letters, a DraCor play …) or a corpus source.
 *
 * No well-formed TEI document is refused for its vocabulary. Elements this cleaner knows are rendered as what
 * they are; any other element keeps its text, in reading order, inside the nearest block (an element with
 * text of its own becomes a paragraph, one holding only blocks is walked as a container), and is counted in
 * `result.generic`, which the audit trail and the upload preview show. Refused (with the line): malformed XML,
 * a DOCTYPE, nesting deeper than tei-xml's MAX_DEPTH, a root that is not TEI/teiCorpus, a text with no words.
 *
 * Known structure:
 *   divisions    div, div1–div7 (any depth; heading level = depth + 1, at most 6; the heading's role = @type)
 *   blocks       head, p, ab; letter parts opener/closer/postscript (containers) with dateline, salute, signed,
 *                address/addrLine, byline, docAuthor, docDate, epigraph, trailer; title pages; drama (sp,
 *                speaker, stage, castList); list/item (nested lists follow their item), table/row/cell,
 *                lg/l (a run of lines is one verse block), quote/cit/bibl, figure/figDesc
 *   notes        inside text → footnotes linked both ways (label @n, made unique per division);
 *                standing between blocks (FRUS source notes, margin notes) → their own "note" block
 *   inline       hi (italic → em, bold → strong), ref (http(s) target → link), persName/placeName/orgName/name/
 *                rs/date → entity marks with @ref/@key and @when; lb → line break; pb → page mark + removal
 *   the editor   choice (sic/corr, orig/reg, abbr/expan), del, add, supplied, unclear, gap: the block's text is
 *                the reading text, the diplomatic alternatives are variant marks (see types.ts EditionMark)
 *   apart        fw (running heads, folio numbers), facsimile/standOff, graphic, comments, PIs → recorded removals
 *
 * Every tag that disappears is a recorded mend and every dropped line a removal, so lib/content/fidelity proves
 * the clean text is the file's text, as for the other cleaners. Blocks claim whole raw lines; where several
 * blocks share a line each removes its neighbours' text ("text of neighbouring blocks …").
 */
import { ContentError, type ContentErrorCode, type ContentErrorParams } from "../errors";
import type { Block, BlockType, EditType, EntityType, Mark, VariantType } from "../types";
import { BlockBuilder } from "./block-builder";
import { collapse, elements, headerMeta, isoDate, textOf } from "./tei-header";
import { parseXml, type ElementNode, type XmlNode } from "./tei-xml";
import type { Cleaner, CleanResult } from "./types";

export { parseXml } from "./tei-xml";

const MARKUP = "TEI markup → structure";
const OUTSIDE = "text of neighbouring blocks on the same raw lines";
const NESTED = "a block inside this one (it follows as its own block)";

const DIVISIONS = new Set([
  "div",
  "div1",
  "div2",
  "div3",
  "div4",
  "div5",
  "div6",
  "div7",
  "body",
  "front",
  "back",
  "group",
  "text",
  "floatingText",
  "TEI",
  "teiCorpus",
]);
/** Known containers: their element children are blocks; loose text in them becomes a paragraph with their role. */
const CONTAINERS = new Set([
  ...DIVISIONS,
  "opener",
  "closer",
  "postscript",
  "epigraph",
  "address",
  "titlePage",
  "docTitle",
  "argument",
  "castList",
  "castGroup",
  "set",
  "sp",
  "spGrp",
  "list",
  "listBibl",
  "table",
  "figure",
  "cit",
  "lg",
  "app",
  "subst",
  "listPerson",
  "listPlace",
]);
/** Known blocks: their content is inline. */
const BLOCKS = new Set([
  "head",
  "p",
  "ab",
  "dateline",
  "salute",
  "signed",
  "byline",
  "docAuthor",
  "docDate",
  "docEdition",
  "docImprint",
  "titlePart",
  "trailer",
  "speaker",
  "stage",
  "castItem",
  "roleDesc",
  "addrLine",
  "item",
  "row",
  "l",
  "quote",
  "bibl",
  "figDesc",
  "label",
  "caption",
]);
/** Dropped with a reason: not reading text. */
const APART: Record<string, string> = {
  fw: "forme work (running head, folio or catch word): not reading text",
  facsimile: "facsimile (images, not text)",
  standOff: "stand-off annotations (not reading text)",
  graphic: "image reference",
  media: "media reference",
  include: "XInclude (not followed: an external reference)",
  teiHeader: "teiHeader → metadata",
};
/** Inline elements whose semantics are rendered (the rest keep their text and are counted as generic). */
const INLINE_KNOWN = new Set([
  "hi",
  "emph",
  "foreign",
  "term",
  "title",
  "ref",
  "ptr",
  "lb",
  "pb",
  "cb",
  "milestone",
  "anchor",
  "note",
  "choice",
  "sic",
  "corr",
  "orig",
  "reg",
  "abbr",
  "expan",
  "del",
  "add",
  "supplied",
  "unclear",
  "gap",
  "damage",
  "persName",
  "placeName",
  "orgName",
  "name",
  "rs",
  "date",
  "time",
  "quote",
  "q",
  "said",
  "seg",
  "space",
  "metamark",
  "handShift",
  "subst",
  "bibl",
  "cit",
  "fw",
  "figure",
  "graphic",
  "lem",
  "rdg",
  "app",
  "num",
  "measure",
  "mentioned",
  "soCalled",
  "gloss",
  "forename",
  "surname",
  "roleName",
  "addName",
  "geogName",
  "settlement",
  "country",
  "region",
]);
/** Blocks that cannot live inside a paragraph: met inline, they are taken out and follow as blocks of their own. */
const HOISTED = new Set([
  "p",
  "ab",
  "list",
  "table",
  "lg",
  "sp",
  "figure",
  "castList",
  "opener",
  "closer",
  "postscript",
  "head",
  "item",
  "row",
  ...[...DIVISIONS].filter((d) => d !== "TEI"),
]);

const ROLE_TYPES: Record<string, BlockType> = { item: "list-item", row: "table-row", figDesc: "figure", epigraph: "epigraph" };
const ENTITY_TYPES: Record<string, EntityType> = {
  persName: "person",
  placeName: "place",
  orgName: "org",
  name: "name",
  date: "date",
  time: "date",
  geogName: "place",
  settlement: "place",
  country: "place",
  region: "place",
};
const VARIANT_OF: Record<string, { reading: string; type: VariantType }> = {
  sic: { reading: "corr", type: "sic" },
  orig: { reading: "reg", type: "orig" },
  abbr: { reading: "expan", type: "abbr" },
};

function hasText(node: XmlNode): boolean {
  return /\S/.test(textOf(node));
}

function directText(el: ElementNode): boolean {
  return el.children.some((c) => c.kind === "text" && /\S/.test(c.value));
}

/** A note somewhere inside (iterative: the tree may be deep). */
function hasNote(el: ElementNode): boolean {
  const stack: ElementNode[] = [...elements(el)];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.name === "note") return true;
    stack.push(...elements(n));
  }
  return false;
}

/** The reading text an element yields (deletions, the diplomatic alternatives and forme work left out). */
function readingText(node: XmlNode): string {
  if (node.kind === "text") return node.value;
  if (node.kind !== "element") return "";
  if (node.name === "del" || node.name === "fw") return "";
  if (node.name === "choice") {
    const reading = elements(node).find((c) => c.name === "corr" || c.name === "reg" || c.name === "expan") ?? elements(node)[0];
    return reading ? readingText(reading) : "";
  }
  return node.children.map(readingText).join("");
}

function hiMark(el: ElementNode): "em" | "strong" | null {
  const rend = `${el.attrs.rend ?? ""} ${el.attrs.rendition ?? ""} ${el.attrs.style ?? ""}`.toLowerCase().trim();
  if (rend === "") return "em";
  if (/bold|strong|#b\b|font-weight/.test(rend)) return "strong";
  if (/ital|#i\b|#it\b|underline|#u\b|#aq|emph/.test(rend)) return "em";
  return null;
}

interface Context {
  depth: number;
  /** directly inside a division (a head there is a heading) */
  inDivision: boolean;
  /** @type/@n of the innermost division */
  divType?: string;
  divN?: string;
  /** role given to loose text and unnamed blocks in this container */
  role?: string;
  /** inside a list item: nested items keep their own labels */
  blockType?: BlockType;
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
  const root = elements(doc)[0];
  if (!root) fail(0, "xml-no-root");
  if (root.name !== "TEI" && root.name !== "teiCorpus") fail(root.start, "tei-wrong-root", { element: root.name });
  const header = elements(root, "teiHeader")[0];

  const result: CleanResult = { meta: headerMeta(header, root, ctx.meta), blocks: [], parts: [], removals: [], mends: [], generic: {} };
  const generic = result.generic!;
  const countGeneric = (name: string) => (generic[name] = (generic[name] ?? 0) + 1);
  const body: Block[] = [];
  const notes: Block[] = [];
  const counters: Record<string, number> = {};
  const nextId = (prefix: string) => `${prefix}${(counters[prefix] = (counters[prefix] ?? 0) + 1)}`;
  const usedLabels = new Set<string>();
  let noteCounter = 0;
  /** a page break between blocks: its mark goes at the start of the next block */
  let pendingPage: string | null | undefined;
  /** why each raw line outside any block was dropped (header, page break, markup) */
  const lineReason = new Map<number, string>();
  const mark = (from: number, to: number, reason: string) => {
    for (let l = lineOf(from); l <= lineOf(Math.max(from, to - 1)); l++) if (!lineReason.has(l)) lineReason.set(l, reason);
  };
  const pageReason = (el: ElementNode) => `page break${el.attrs.n ? ` (page ${el.attrs.n})` : ""}`;

  const noteLabel = (note: ElementNode, c: Context): string => {
    const n = note.attrs.n?.trim();
    const ok = (l: string | undefined): l is string => !!l && /^[A-Za-z0-9][\w.-]*$/.test(l) && !usedLabels.has(l);
    // FRUS numbers notes per document: "1" again in the next one becomes "18.1" (document 18, note 1).
    const label = ok(n) ? n : n && c.divN && ok(`${c.divN}.${n}`) ? `${c.divN}.${n}` : undefined;
    let chosen = label;
    while (!chosen) {
      const next = String(++noteCounter);
      if (!usedLabels.has(next)) chosen = next;
    }
    usedLabels.add(chosen);
    return chosen;
  };

  /** End offset of the element the block being built comes from (a line break at its very end is dropped). */
  let blockEnd = 0;
  /** A block over the raw lines of [from, to): text of neighbours on those lines is removed, then `fill` walks the element. */
  const makeBlock = (id: string, type: BlockType, from: number, to: number, fill: (b: BlockBuilder) => void): Block => {
    const span: [number, number] = [lineOf(from), lineOf(Math.max(from, to - 1))];
    const base = lineStart[span[0] - 1];
    const b = new BlockBuilder(id, lines, [span]);
    const skip = (abs: number, reason: string) => {
      const piece = b.raw.slice(b.raw.length - b.rest.length, abs - base);
      if (piece === "") return;
      if (piece.trim() === "") b.keep(piece);
      else b.remove(piece, reason);
    };
    const outerEnd = blockEnd;
    blockEnd = to;
    skip(from, OUTSIDE);
    if (pendingPage !== undefined) {
      b.addMark({ kind: "page", at: 0, n: pendingPage });
      pendingPage = undefined;
    }
    fill(b);
    blockEnd = outerEnd;
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
  const startTag = (b: BlockBuilder, el: ElementNode) => tag(b, el.start, el.openEnd);
  const endTag = (b: BlockBuilder, el: ElementNode) => tag(b, el.closeStart, el.end);

  /** Elements met inline that must become blocks of their own, in order (processed after the current block). */
  let hoisted: Array<{ el: ElementNode; c: Context }> = [];

  /** A note's content: its paragraphs separated by line breaks, nested notes kept inline. */
  const noteContent = (nb: BlockBuilder, note: ElementNode, c: Context) => {
    let first = true;
    for (const k of note.children) {
      if (k.kind === "element" && (BLOCKS.has(k.name) || CONTAINERS.has(k.name)) && k.name !== "quote" && k.name !== "bibl" && k.name !== "cit") {
        if (!first && hasText(k)) nb.lineBreak("", "paragraph break inside the note");
        if (hasText(k)) first = false;
        if (!INLINE_KNOWN.has(k.name) && !BLOCKS.has(k.name) && !CONTAINERS.has(k.name)) countGeneric(k.name);
        startTag(nb, k);
        noteContent(nb, k, c);
        endTag(nb, k);
      } else {
        inlineNode(nb, k, c, true);
        if (k.kind !== "text" || /\S/.test(k.value)) first = false;
      }
    }
  };

  const footnote = (b: BlockBuilder, el: ElementNode, c: Context) => {
    const label = noteLabel(el, c);
    b.ref(raw.slice(el.start, el.end), label, "<note> → footnote");
    const block = makeBlock(`fn${label}`, "footnote", el.start, el.end, (nb) => {
      nb.remove(raw.slice(el.start, el.openEnd), "note tag (its label is the footnote's label)");
      noteContent(nb, el, c);
      nb.remove(raw.slice(el.closeStart, el.end), "note end tag");
    });
    const role = el.attrs.type ?? el.attrs.place;
    notes.push({ ...block, footnote: { label, status: "ok", refs: [] }, ...(role ? { role } : {}) });
  };

  /** One inline node into the block being built. `inNote`: inside a footnote (notes there stay inline). */
  const inlineNode = (b: BlockBuilder, k: XmlNode, c: Context, inNote: boolean): void => {
    if (k.kind === "text") {
      const r = raw.slice(k.start, k.end);
      if (r === k.value) b.keep(r);
      else b.change(r, k.value, "XML entity / character reference");
      return;
    }
    if (k.kind !== "element") {
      b.remove(raw.slice(k.start, k.end), k.kind === "comment" ? "XML comment" : "XML processing instruction");
      return;
    }
    const el = k;
    const whole = raw.slice(el.start, el.end);
    const inner = () => el.children.forEach((ch) => inlineNode(b, ch, c, inNote));
    const wrapped = (around?: (start: number, end: number) => Mark | null) => {
      startTag(b, el);
      const start = around ? b.startRange() : 0;
      inner();
      if (around) {
        const m = around(start, b.endRange());
        if (m) b.addMark(m);
      }
      endTag(b, el);
    };
    if (el.name in APART) {
      b.remove(whole, APART[el.name]);
      return;
    }
    if (!inNote && HOISTED.has(el.name) && hasText(el)) {
      b.remove(whole, NESTED);
      hoisted.push({ el, c });
      return;
    }
    switch (el.name) {
      case "note":
        if (inNote)
          wrapped(); // a note inside a note keeps its text where it stands
        else footnote(b, el, c);
        return;
      case "lb":
        if (el.attrs.break === "no") b.change(whole, "", '<lb break="no"/>: a word continues on the next line');
        else if (b.at === 0 || !/\S/.test(raw.slice(el.end, blockEnd).replace(/<[^>]*>/g, ""))) b.change(whole, "", "<lb/> at the start or end of a block");
        else b.lineBreak(whole, "<lb/> → line break");
        return;
      case "pb":
        b.addMark({ kind: "page", at: b.at, n: el.attrs.n ?? null });
        b.remove(whole, pageReason(el));
        return;
      case "hi":
      case "emph":
      case "foreign":
      case "title":
      case "term":
      case "mentioned":
      case "soCalled": {
        const kind =
          el.name === "hi" ? hiMark(el) : el.name === "emph" || el.name === "title" || el.name === "foreign" || el.name === "mentioned" ? "em" : null;
        if (!kind) return wrapped();
        b.open(kind, raw.slice(el.start, el.openEnd), MARKUP);
        inner();
        b.close(raw.slice(el.closeStart, el.end), MARKUP);
        return;
      }
      case "ref": {
        const href = el.attrs.target?.trim();
        if (href && /^https?:\/\//i.test(href) && el.closeStart > el.openEnd) {
          b.open("link", raw.slice(el.start, el.openEnd), MARKUP, href);
          inner();
          b.close(raw.slice(el.closeStart, el.end), MARKUP);
        } else wrapped();
        return;
      }
      case "ptr":
        b.remove(whole, `pointer${el.attrs.target ? ` to ${el.attrs.target}` : ""} (no text of its own)`);
        return;
      case "choice": {
        const kids = elements(el);
        // the reading: corr/reg/expan, else the first alternative that is not a diplomatic one, else the first
        const readingEl =
          kids.find((x) => x.name === "corr" || x.name === "reg" || x.name === "expan") ?? kids.find((x) => !(x.name in VARIANT_OF)) ?? kids[0] ?? null;
        const written = kids.find((x) => x.name in VARIANT_OF && x !== readingEl);
        startTag(b, el);
        let range: [number, number] | null = null;
        for (const ch of el.children) {
          if (ch === readingEl) {
            startTag(b, ch);
            const s = b.startRange();
            ch.children.forEach((g) => inlineNode(b, g, c, inNote));
            range = [s, b.endRange()];
            endTag(b, ch);
          } else if (ch.kind === "text" && !/\S/.test(ch.value)) {
            b.change(raw.slice(ch.start, ch.end), "", "space between the alternatives of a <choice>");
          } else {
            b.remove(raw.slice(ch.start, ch.end), ch.kind === "element" ? `<${ch.name}> of a <choice>: shown in the diplomatic view` : "text inside <choice>");
          }
        }
        endTag(b, el);
        if (written && range)
          b.addMark({
            kind: "variant",
            start: range[0],
            end: range[1],
            type: VARIANT_OF[written.name].type,
            written: collapse(readingText({ ...written, name: "seg" })) ?? "",
          });
        return;
      }
      case "del":
        b.addMark({ kind: "variant", start: b.at, end: b.at, type: "del", written: collapse(textOf(el)) ?? "" });
        b.remove(whole, "deletion: shown struck through in the diplomatic view");
        return;
      case "add":
      case "supplied":
      case "unclear":
      case "sic":
      case "corr":
        return wrapped((start, end) => (end > start ? { kind: "edit", start, end, type: el.name as EditType } : null));
      case "gap":
        b.addMark({ kind: "gap", at: b.at, reason: el.attrs.reason ?? el.attrs.agent ?? null });
        if (el.closeStart > el.openEnd && hasText(el)) wrapped();
        else b.change(whole, "", "<gap/>: text the source lost or the editor left out (marked)");
        return;
      case "persName":
      case "placeName":
      case "orgName":
      case "name":
      case "rs":
      case "date":
      case "time":
      case "geogName":
      case "settlement":
      case "country":
      case "region": {
        const type: EntityType =
          el.name === "rs" || el.name === "name"
            ? (ENTITY_TYPES[`${el.attrs.type}Name`] ??
              (el.attrs.type === "person" ? "person" : el.attrs.type === "place" ? "place" : el.attrs.type === "org" ? "org" : "name"))
            : ENTITY_TYPES[el.name];
        const ref = (el.attrs.ref ?? el.attrs.key ?? "").trim() || null;
        const when = type === "date" ? isoDate(el.attrs.when ?? el.attrs.from ?? el.attrs.notBefore) : null;
        return wrapped((start, end) => (end > start ? { kind: "entity", start, end, type, ref, when } : null));
      }
      case "cell": {
        // cells of a row are separated by a space in the text; the cell marks say where each one is
        b.change(raw.slice(el.start, el.openEnd), " ", "table cell → a space before it");
        const start = b.startRange();
        inner();
        b.addMark({ kind: "cell", start, end: b.endRange() });
        endTag(b, el);
        return;
      }
      default:
        if (!INLINE_KNOWN.has(el.name) && !BLOCKS.has(el.name) && !CONTAINERS.has(el.name)) countGeneric(el.name);
        return wrapped();
    }
  };

  /** Fill a block with an element's content, its tags recorded. */
  const fillWith = (el: ElementNode, c: Context) => (b: BlockBuilder) => {
    startTag(b, el);
    el.children.forEach((k) => inlineNode(b, k, c, false));
    endTag(b, el);
  };

  const pushBlock = (block: Block) => {
    body.push(block);
    const queue = hoisted;
    hoisted = [];
    for (const h of queue) blockElement(h.el, h.c);
  };

  /** A generic block (p, item …) takes its container's role ("opener", "sp"); a named one its own name. */
  const roleOf = (el: ElementNode, c: Context): string | undefined => {
    if (["p", "ab", "l", "item", "row", "quote", "figDesc"].includes(el.name)) return c.role && !DIVISIONS.has(c.role) ? c.role : undefined;
    return el.name;
  };

  /** A block element (inline content) as one block. */
  const simpleBlock = (el: ElementNode, c: Context) => {
    if (!hasText(el) && !hasNote(el)) {
      mark(el.start, el.end, `empty <${el.name}>`);
      return;
    }
    if (!/\S/.test(readingText(el)) && !hasNote(el)) {
      // only deletions or forme work: nothing to read; the pieces are recorded removals
      mark(el.start, el.end, `<${el.name}> without reading text (deletions or forme work only)`);
      return;
    }
    if (el.name === "head" && c.inDivision) {
      const block = makeBlock(nextId("h"), "heading", el.start, el.end, fillWith(el, c));
      pushBlock({ ...block, level: Math.min(Math.max(c.depth, 1) + 1, 6), ...(c.divType ? { role: c.divType } : {}) });
      return;
    }
    const type: BlockType = el.name === "quote" ? "quote" : el.name === "l" ? "verse" : (ROLE_TYPES[el.name] ?? c.blockType ?? "paragraph");
    const prefix = { quote: "q", verse: "v", "list-item": "li", "table-row": "tr", figure: "fig", epigraph: "ep" }[type as string] ?? "p";
    if (el.name === "quote" && elements(el).some((k) => BLOCKS.has(k.name) || CONTAINERS.has(k.name))) {
      // a block quote of paragraphs: one quote, its paragraphs separated by line breaks
      const block = makeBlock(nextId("q"), "quote", el.start, el.end, (b) => {
        startTag(b, el);
        let first = true;
        for (const k of el.children) {
          if (k.kind === "element" && (BLOCKS.has(k.name) || CONTAINERS.has(k.name))) {
            if (!first) b.lineBreak("", "paragraph break inside the quote");
            first = false;
            startTag(b, k);
            k.children.forEach((g) => inlineNode(b, g, c, false));
            endTag(b, k);
          } else inlineNode(b, k, c, false);
        }
        endTag(b, el);
      });
      pushBlock({ ...block, quoteOf: null });
      return;
    }
    const block = makeBlock(nextId(prefix), type, el.start, el.end, fillWith(el, c));
    const role = roleOf(el, c);
    const extra: Partial<Block> = {};
    if (role && role !== type && !(type === "paragraph" && role === "p")) extra.role = role;
    if (type === "quote") extra.quoteOf = null;
    if (type === "list-item") extra.label = el.attrs.n ?? "-";
    pushBlock({ ...block, ...extra });
  };

  /** Loose inline content in a container (text, hi, persName …): one paragraph. */
  const runBlock = (run: XmlNode[], c: Context) => {
    const first = run.find((k) => k.kind !== "text" || /\S/.test(k.value))!;
    const last = [...run].reverse().find((k) => k.kind !== "text" || /\S/.test(k.value))!;
    if (
      !run.some((k) => (k.kind === "text" ? /\S/.test(k.value) : hasText(k))) &&
      !run.some((k) => k.kind === "element" && (k.name === "note" || hasNote(k)))
    ) {
      for (const k of run) if (k.kind === "element" && k.name === "pb") pendingPage = k.attrs.n ?? null;
      for (const k of run) mark(k.start, k.end, k.kind === "element" && k.name === "pb" ? pageReason(k) : MARKUP);
      return;
    }
    const type: BlockType = c.blockType ?? "paragraph";
    // the block spans from the first word to the last (a text node's surrounding whitespace stays outside)
    const lead = (k: XmlNode) => (k.kind === "text" ? k.value.length - k.value.trimStart().length : 0);
    const trail = (k: XmlNode) => (k.kind === "text" ? k.value.length - k.value.trimEnd().length : 0);
    const from = first.start + lead(first);
    const to = last.end - trail(last);
    const block = makeBlock(nextId(type === "list-item" ? "li" : "p"), type, from, to, (b) => {
      for (const k of run.slice(run.indexOf(first), run.indexOf(last) + 1)) {
        if (k.kind === "text" && (k === first || k === last)) {
          const value = k.value.slice(k === first ? lead(k) : 0, k.value.length - (k === last ? trail(k) : 0));
          const r = raw.slice(k === first ? from : k.start, k === last ? to : k.end);
          if (r === value) b.keep(r);
          else b.change(r, value, "XML entity / character reference");
        } else inlineNode(b, k, c, false);
      }
    });
    pushBlock({ ...block, ...(c.role && !DIVISIONS.has(c.role) ? { role: c.role } : {}), ...(type === "list-item" ? { label: "-" } : {}) });
  };

  /** A run of verse lines (l siblings, with the lb/pb/whitespace between them): one verse block. */
  const verseBlock = (run: ElementNode[], between: XmlNode[], c: Context) => {
    const first = run[0];
    const last = run[run.length - 1];
    const block = makeBlock(nextId("v"), "verse", first.start, last.end, (b) => {
      let started = false;
      for (const k of between) {
        if (k.kind === "element" && k.name === "l") {
          if (started) b.lineBreak("", "verse line");
          started = true;
          startTag(b, k);
          k.children.forEach((g) => inlineNode(b, g, c, false));
          endTag(b, k);
        } else if (k.kind === "element" && k.name === "lb") b.change(raw.slice(k.start, k.end), "", "<lb/> between verse lines");
        else inlineNode(b, k, c, false);
      }
    });
    pushBlock({ ...block, ...(c.role && !DIVISIONS.has(c.role) && c.role !== "lg" ? { role: c.role } : {}) });
  };

  /** One element met between blocks. */
  const blockElement = (el: ElementNode, c: Context): void => {
    if (el.name in APART) {
      mark(el.start, el.end, APART[el.name]);
      return;
    }
    if (el.name === "pb") {
      pendingPage = el.attrs.n ?? null;
      mark(el.start, el.end, pageReason(el));
      return;
    }
    if (el.name === "note") {
      if (!hasText(el)) return mark(el.start, el.end, "empty <note>");
      const block = makeBlock(nextId("n"), "note", el.start, el.end, (b) => {
        startTag(b, el);
        noteContent(b, el, c);
        endTag(b, el);
      });
      pushBlock({ ...block, role: el.attrs.type ?? el.attrs.place ?? "note" });
      return;
    }
    const known = CONTAINERS.has(el.name) || BLOCKS.has(el.name) || INLINE_KNOWN.has(el.name);
    // a block made only of paragraphs (<item><p>…</p><p>…</p></item>) is walked as a container of them
    const madeOfParagraphs =
      BLOCKS.has(el.name) && !["quote", "head", "p", "ab", "l"].includes(el.name) && !directText(el) && elements(el).some((k) => HOISTED.has(k.name));
    const container =
      (CONTAINERS.has(el.name) && !(el.name === "cit" && !elements(el).some((k) => k.name === "quote" || k.name === "bibl"))) ||
      madeOfParagraphs ||
      (!BLOCKS.has(el.name) && !directText(el) && elements(el).some((k) => BLOCKS.has(k.name) || CONTAINERS.has(k.name) || k.name === "note"));
    if (!known) countGeneric(el.name);
    if (!container) return simpleBlock(el, c);
    mark(el.start, el.openEnd, MARKUP);
    const inner: Context = DIVISIONS.has(el.name)
      ? {
          depth: ["TEI", "teiCorpus", "text", "body", "front", "back", "group"].includes(el.name) ? c.depth : c.depth + 1,
          inDivision: true,
          divType: el.attrs.type ?? (el.name.startsWith("div") ? undefined : c.divType),
          divN: el.attrs.n ?? el.attrs["xml:id"] ?? c.divN,
          role: el.name,
        }
      : {
          ...c,
          inDivision: false,
          role: el.name === "lg" || el.name === "list" || el.name === "table" || el.name === "item" ? c.role : el.name,
          blockType: el.name === "epigraph" ? "epigraph" : madeOfParagraphs && ROLE_TYPES[el.name] ? ROLE_TYPES[el.name] : c.blockType,
        };
    blocks(el, inner);
    mark(el.closeStart, el.end, MARKUP);
  };

  /** The children of a container: blocks, containers, loose text runs, runs of verse lines. */
  const blocks = (container: ElementNode, c: Context) => {
    let run: XmlNode[] = [];
    const flush = () => {
      if (run.length) runBlock(run, c);
      run = [];
    };
    const kids = container.children;
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i];
      if (k.kind === "text") {
        if (/\S/.test(k.value)) run.push(k);
        else if (run.length) run.push(k);
        continue;
      }
      if (k.kind !== "element") {
        if (run.length) run.push(k);
        else mark(k.start, k.end, k.kind === "comment" ? "XML comment" : "XML processing instruction");
        continue;
      }
      if (k.name === "l") {
        flush();
        const between: XmlNode[] = [k];
        const ls: ElementNode[] = [k];
        let lastL = i;
        for (let j = i + 1; j < kids.length; j++) {
          const n = kids[j];
          if (n.kind === "text" && !/\S/.test(n.value)) between.push(n);
          else if (n.kind === "element" && (n.name === "l" || n.name === "lb")) {
            between.push(n);
            if (n.name === "l") {
              ls.push(n);
              lastL = j;
            }
          } else break;
        }
        while (between.length && between[between.length - 1] !== ls[ls.length - 1]) between.pop();
        verseBlock(ls, between, c);
        i = lastL;
        continue;
      }
      const inlineHere =
        (INLINE_KNOWN.has(k.name) && !["note", "quote", "bibl", "cit", "figure", "fw", "graphic", "pb", "app", "subst"].includes(k.name)) ||
        ((k.name === "pb" || k.name === "lb") && run.length > 0);
      if (inlineHere || (k.name === "note" && run.length > 0 && run.some((r) => r.kind === "text" && /\S/.test(r.value)))) {
        if (k.name === "lb" && run.length === 0) {
          mark(k.start, k.end, MARKUP);
          continue;
        }
        run.push(k);
        continue;
      }
      if (k.name === "lb") {
        mark(k.start, k.end, MARKUP);
        continue;
      }
      flush();
      blockElement(k, c);
    }
    flush();
  };

  mark(root.start, root.openEnd, MARKUP);
  blocks(root, { depth: 0, inDivision: true, role: "TEI" });
  mark(root.closeStart, root.end, MARKUP);
  if (body.every((b) => b.text.trim() === "") && notes.length === 0) fail(root.start, "tei-empty-body");

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
    const open = run as { from: number; to: number; reason: string } | null;
    if (open && open.reason === reason && open.to === l - 1) open.to = l;
    else {
      flush();
      run = { from: l, to: l, reason };
    }
  }
  flush();
  if (Object.keys(generic).length === 0) delete result.generic;
  result.blocks = [...body, ...notes];
  return result;
};
