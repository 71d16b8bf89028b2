/**
 * Export a seminar's annotations (or one's own) as W3C Web Annotation JSON-LD, CSV or a Markdown report,
 * and import W3C JSON-LD back. Framework-free: the route (app/api/seminars/[id]/export|import) and the
 * CLI (scripts/export.ts, scripts/import.ts) call the same functions.
 *
 * Authorization is never re-implemented here: everything comes from listAnnotations (read a bounded page
 * at a time, lib/annotations/list; membership,
 * visibility, moderation, "post first"), and every import goes through createAnnotation (as the importer, or
 * as the note's member author where access.ts' canImportAs allows it).
 */
import { fromHtml } from "hast-util-from-html";
import { toMdast } from "hast-util-to-mdast";
import type { BlockContent, Blockquote, InlineCode, List, ListItem, Paragraph, PhrasingContent, RootContent, Text } from "mdast";
import remarkStringify from "remark-stringify";
import { unified } from "unified";
import { AppError, isAppError, type ErrorCode } from "@/lib/errors";
import { getSeminar, requireMember, roleIn } from "@/lib/seminars";
import { canImportAs, type Viewer } from "./access";
import { documentCatalog } from "@/lib/seminars/catalog";
import { listAnnotations } from "./list";
import type { AnnotationDto, TargetDto } from "./types";
import { reportWords, type ReportLocale, type ReportWords } from "./report-words";
import { createInputFromW3C } from "./w3c-import";
import { createAnnotation } from "./store";
import { ANNO_CONTEXT, parse, toCollection, W3CParseError } from "./w3c";

export const EXPORT_FORMATS = ["jsonld", "csv", "md"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_SCOPES = ["seminar", "mine"] as const;
export type ExportScope = (typeof EXPORT_SCOPES)[number];

export interface ExportOptions {
  scope: ExportScope;
  format: ExportFormat;
  /** Absolute base for the collection's IRI (e.g. the public origin); default a `urn:synopse:` IRI. */
  collectionIri?: string;
  /** The Markdown report's language (headings, kinds, relations); default English. */
  locale?: ReportLocale;
}

export interface ExportFile {
  contentType: string;
  filename: string;
  body: string;
}

export const JSONLD_CONTENT_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

export function isExportFormat(v: unknown): v is ExportFormat {
  return typeof v === "string" && (EXPORT_FORMATS as readonly string[]).includes(v);
}
export function isExportScope(v: unknown): v is ExportScope {
  return typeof v === "string" && (EXPORT_SCOPES as readonly string[]).includes(v);
}

/** What the viewer may read in the seminar; "mine" narrows it to the viewer's own notes, replies and links. */
export async function annotationsForExport(viewerId: string, seminarId: string, scope: ExportScope): Promise<AnnotationDto[]> {
  const all = await listAnnotations(viewerId, seminarId);
  return scope === "mine" ? all.filter((a) => a.author.id === viewerId) : all;
}

function fileStem(title: string, scope: ExportScope): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `synopse-${slug || "seminar"}-${scope === "mine" ? "my-annotations" : "annotations"}`;
}

export async function exportAnnotations(viewerId: string, seminarId: string, options: ExportOptions): Promise<ExportFile> {
  if (!isExportFormat(options.format) || !isExportScope(options.scope)) throw new AppError("invalid-request", { reason: "format or scope" });
  const seminar = await getSeminar(viewerId, seminarId); // not-found for non-members
  const annotations = await annotationsForExport(viewerId, seminarId, options.scope);
  const stem = fileStem(seminar.title, options.scope);
  switch (options.format) {
    case "jsonld": {
      const id = options.collectionIri ?? `urn:synopse:seminar:${encodeURIComponent(seminarId)}:export:${options.scope}`;
      const label = options.scope === "mine" ? `${seminar.title} (own annotations)` : seminar.title;
      // One page holding every item: an export is a file, not a paged Protocol container.
      const page = { id: `${id}?page=0` };
      const collection = toCollection(annotations, { first: page, last: page.id }, { id, label, total: annotations.length, modified: latest(annotations) });
      return { contentType: JSONLD_CONTENT_TYPE, filename: `${stem}.jsonld`, body: JSON.stringify(collection, null, 2) + "\n" };
    }
    case "csv":
      // A UTF-8 byte order mark first: without it Excel reads the file as the system's legacy code page and
      // garbles umlauts and Cyrillic (the overview CSV starts with one too).
      return { contentType: "text/csv; charset=utf-8; header=present", filename: `${stem}.csv`, body: `\ufeff${toCsv(annotations)}` };
    case "md":
      return {
        contentType: "text/markdown; charset=utf-8",
        filename: `${stem}.md`,
        body: await toMarkdown(seminar.title, seminar.documents, annotations, reportWords(options.locale)),
      };
  }
}

function latest(annotations: AnnotationDto[]): string | undefined {
  return annotations
    .map((a) => a.updatedAt)
    .sort()
    .pop();
}

// ---------------------------------------------------------------- CSV

export const CSV_COLUMNS = [
  "id",
  "created",
  "author",
  "motivation",
  "visibility",
  "document",
  "block",
  "quote",
  "relation",
  "linked_document",
  "linked_quote",
  "tags",
  "body",
  "parent_id",
] as const;

/**
 * One RFC 4180 field. Hand-written (no CSV library is installed, and this is five lines): quote when the
 * value holds a comma, quote, CR or LF; double inner quotes. A leading = + - @ (or tab/CR) would make
 * spreadsheets run the cell as a formula, so such values get a leading apostrophe (OWASP "CSV injection").
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(annotations: AnnotationDto[]): string {
  const rows = [CSV_COLUMNS as readonly string[]];
  for (const a of annotations) {
    const main = a.targets.find((t) => t.role === "target");
    const linked = a.targets.find((t) => t.role === "body");
    rows.push([
      a.id,
      a.createdAt,
      a.author.name,
      a.motivation,
      a.visibility,
      main?.documentSlug ?? "",
      main?.blockId ?? "",
      main?.exact ?? "",
      a.relation ?? "",
      linked?.documentSlug ?? "",
      linked?.exact ?? "",
      a.tags.join("; "),
      a.bodyText,
      a.parentId ?? "",
    ]);
  }
  // RFC 4180: CRLF between records (also after the last one).
  return rows.map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}

// ---------------------------------------------------------------- Markdown
// The report is built as an mdast tree and written by remark-stringify, so every name, title, tag, quote and
// note text is escaped by the library: "<img onerror=…>" in a display name stays text in any Markdown viewer,
// also in one that passes raw HTML through.

const markdown = unified().use(remarkStringify, { bullet: "-", emphasis: "*", strong: "*", listItemIndent: "one" });

const text = (value: string): Text => ({ type: "text", value });
/** Names, titles, tags and slugs are one line: a line break in one would end the heading or code span it is in. */
const oneLine = (value: string) => value.replace(/\s+/g, " ").trim();
const code = (value: string): InlineCode => ({ type: "inlineCode", value: oneLine(value) });
const paragraph = (...children: PhrasingContent[]): Paragraph => ({ type: "paragraph", children });

/** A multi-line text (a quote, a note) as paragraphs, its single line breaks kept as hard breaks. */
function paragraphs(value: string): Paragraph[] {
  return value
    .split(/\r?\n\s*\n/)
    .filter((chunk) => chunk.trim())
    .map((chunk) => paragraph(...chunk.split(/\r?\n/).flatMap((line, i): PhrasingContent[] => (i ? [{ type: "break" }, text(line)] : [text(line)]))));
}

const quote = (value: string): Blockquote => ({ type: "blockquote", children: paragraphs(value) });

const day = (iso: string) => iso.slice(0, 10);

/** The annotations at one passage of a document, for its section of the report. */
interface PassageGroup {
  key: string;
  target: TargetDto;
  entries: Array<{ annotation: AnnotationDto; other?: { target: TargetDto; outgoing: boolean } }>;
}

const passageKey = (t: TargetDto) => `${t.start}:${t.end}`;

/**
 * A note's text as Markdown blocks, from its sanitized HTML (lib/annotations/body: p, br, strong, em, lists,
 * blockquote, http/https/mailto links) through hast-util-to-mdast, so a citation keeps its URL and a list
 * its items and numbering. A note without HTML falls back to its plain text.
 */
function noteBlocks(a: AnnotationDto): BlockContent[] {
  if (!a.bodyHtml.trim()) return paragraphs(a.bodyText);
  const tree = toMdast(fromHtml(a.bodyHtml, { fragment: true }));
  const blocks = (tree.type === "root" ? tree.children : [tree]) as RootContent[];
  // Inline content at the top (HTML without <p>) is wrapped so the list item stays valid Markdown.
  const out: BlockContent[] = [];
  for (const node of blocks) {
    if (
      node.type === "paragraph" ||
      node.type === "list" ||
      node.type === "blockquote" ||
      node.type === "heading" ||
      node.type === "code" ||
      node.type === "thematicBreak"
    )
      out.push(node as BlockContent);
    else if (node.type === "text" && !node.value.trim()) continue;
    else {
      const last = out.at(-1);
      if (last?.type === "paragraph" && (last as Paragraph & { loose?: boolean }).loose) last.children.push(node as PhrasingContent);
      else out.push(Object.assign(paragraph(node as PhrasingContent), { loose: true }));
    }
  }
  for (const node of out) {
    delete (node as { loose?: boolean }).loose;
    tighten(node);
  }
  return out.length ? out : paragraphs(a.bodyText);
}

/** The editor wraps every list item's text in a <p>, which reads as a loose list; items of one paragraph stay tight. */
function tighten(node: RootContent): void {
  if (node.type === "list") {
    const tight = node.children.every((item) => item.children.length <= 1);
    if (tight) node.spread = false;
    for (const item of node.children) {
      if (tight) item.spread = false;
      item.children.forEach(tighten);
    }
  } else if (node.type === "blockquote") node.children.forEach(tighten);
}

/**
 * "# Seminar", then per document (in the seminar's order) its passages by position, each quoted, with
 * its notes, highlights and links (a link appears under both of its documents) and their replies.
 */
export async function toMarkdown(title: string, documentOrder: string[], annotations: AnnotationDto[], words: ReportWords = reportWords()): Promise<string> {
  const catalog = await documentCatalog();
  const children = new Map<string, AnnotationDto[]>();
  for (const a of annotations) if (a.parentId) children.set(a.parentId, [...(children.get(a.parentId) ?? []), a]);

  const byDocument = new Map<string, Map<string, PassageGroup>>();
  const place = (t: TargetDto, entry: PassageGroup["entries"][number]) => {
    const passages = byDocument.get(t.documentSlug) ?? new Map<string, PassageGroup>();
    byDocument.set(t.documentSlug, passages);
    const p = passages.get(passageKey(t)) ?? { key: passageKey(t), target: t, entries: [] };
    passages.set(p.key, p);
    p.entries.push(entry);
  };
  for (const a of annotations) {
    if (a.parentId) continue;
    const main = a.targets.find((t) => t.role === "target");
    const linked = a.targets.find((t) => t.role === "body");
    if (main) place(main, { annotation: a, other: linked ? { target: linked, outgoing: true } : undefined });
    if (main && linked) place(linked, { annotation: a, other: { target: main, outgoing: false } });
  }

  const titles = new Map<string, { title: string; lang: string }>();
  const slugs = [...documentOrder.filter((s) => byDocument.has(s)), ...[...byDocument.keys()].filter((s) => !documentOrder.includes(s)).sort()];
  for (const slug of slugs) {
    const doc = await catalog.get(slug);
    titles.set(slug, { title: doc?.meta.title ?? slug, lang: doc?.meta.lang ?? byDocument.get(slug)!.values().next().value!.target.lang });
  }

  const { t } = words;
  const out: RootContent[] = [{ type: "heading", depth: 1, children: [text(oneLine(title))] }];
  if (!slugs.length) out.push(paragraph({ type: "emphasis", children: [text(t("noAnnotations"))] }));
  for (const slug of slugs) {
    const info = titles.get(slug)!;
    out.push({ type: "heading", depth: 2, children: [text(oneLine(info.title))] });
    out.push(paragraph(text(`${t("document")} `), code(slug), text(` · ${t("language", { lang: oneLine(info.lang) })}`)));
    const passages = [...byDocument.get(slug)!.values()].sort((x, y) => x.target.start - y.target.start || x.target.end - y.target.end);
    for (const p of passages) {
      const where = { block: p.target.blockId ?? "", start: p.target.start, end: p.target.end };
      out.push({ type: "heading", depth: 3, children: [text(t(p.target.blockId ? "passage" : "passageNoBlock", where))] });
      out.push(quote(p.target.exact));
      out.push(list(p.entries.map(({ annotation, other }) => entryItem(annotation, other, titles, children, words))));
    }
  }
  // Replies whose thread is not in the export (e.g. one's own answers in a "mine" export) still appear.
  const present = new Set(annotations.map((a) => a.id));
  const orphans = annotations.filter((a) => a.parentId && !present.has(a.parentId));
  if (orphans.length) {
    out.push({ type: "heading", depth: 2, children: [text(t("repliesElsewhere"))] });
    out.push(list(orphans.map((reply) => entryItem(reply, undefined, titles, children, words))));
  }
  return String(markdown.stringify({ type: "root", children: out })).trimEnd() + "\n";
}

const list = (items: ListItem[]): List => ({ type: "list", ordered: false, spread: true, children: items });

/** One annotation as a list item: who and when, the linked passage, the note's text, then its replies nested. */
function entryItem(
  a: AnnotationDto,
  other: PassageGroup["entries"][number]["other"],
  titles: Map<string, { title: string }>,
  children: Map<string, AnnotationDto[]>,
  words: ReportWords,
): ListItem {
  const { t } = words;
  const meta = [day(a.createdAt)];
  if (a.visibility !== "seminar") meta.push(t("audience", { audience: t(`audienceName.${a.visibility}`) }));
  if (a.tags.length) meta.push(t("tags", { tags: a.tags.map((tag) => `#${oneLine(tag)}`).join(", ") }));
  const content: BlockContent[] = [
    paragraph({ type: "strong", children: [text(t(`kind.${a.motivation}`))] }, text(` ${t("by", { name: oneLine(a.author.name) })} · ${meta.join(" · ")}`)),
  ];
  if (other) {
    const otherTitle = titles.get(other.target.documentSlug)?.title ?? other.target.documentSlug;
    const relation = a.relation ? words.relation(a.relation) : t("linked");
    const arrow = other.outgoing ? `${relation} → ` : `← ${relation} `;
    content.push(
      paragraph(
        text(arrow),
        { type: "emphasis", children: [text(oneLine(otherTitle))] },
        text(" ("),
        code(other.target.documentSlug),
        text(`, ${t("characters", { start: other.target.start, end: other.target.end })}):`),
      ),
      quote(other.target.exact),
    );
  }
  if (a.bodyText) content.push(...noteBlocks(a));
  const replies = children.get(a.id) ?? [];
  if (replies.length) content.push(list(replies.map((reply) => entryItem(reply, undefined, new Map(), children, words))));
  return { type: "listItem", spread: true, children: content };
}

// ---------------------------------------------------------------- Import

/** Which annotation of the file an import line is about: its quoted passage (a reply: its text) and document. */
export interface ImportItemRef {
  /** Position in the file (0-based). */
  index: number;
  /** The quoted passage, or a reply's opening words; "" when the file gives neither. */
  quote: string;
  kind: "note" | "reply";
  documentSlug?: string;
}

export interface ImportResult {
  imported: number;
  /** Imported under the account that wrote them (the importer's own, or a member's when an instructor imports). */
  authorsKept: number;
  /** Imported in the importer's name although someone else wrote them, and why. */
  reattributed: Array<ImportItemRef & { author: string; why: "not-member" | "not-instructor" }>;
  skipped: Array<ImportItemRef & { code: ErrorCode; detail?: string }>;
}

const QUOTE_CHARS = 80;
const clip = (value: string) => {
  const line = value.replace(/\s+/g, " ").trim();
  return line.length > QUOTE_CHARS ? `${line.slice(0, QUOTE_CHARS - 1)}…` : line;
};

/** The quote or reply text of an item even when it is not a valid annotation (for the error line). */
function refOf(index: number, item: unknown, dto: AnnotationDto | null): ImportItemRef {
  if (dto) {
    const main = dto.targets.find((t) => t.role === "target");
    if (dto.motivation === "replying" || !main) return { index, kind: "reply", quote: clip(dto.bodyText) };
    return { index, kind: "note", quote: clip(main.exact || dto.bodyText), documentSlug: main.documentSlug };
  }
  // Not parseable as ours: look for the usual places a TextQuoteSelector or a body value sits.
  const o = (item && typeof item === "object" ? item : {}) as Record<string, unknown>;
  const target = (Array.isArray(o.target) ? o.target[0] : o.target) as Record<string, unknown> | undefined;
  const selectors = target && typeof target === "object" ? [target.selector].flat() : [];
  const exact = selectors
    .map((sel) => (sel && typeof sel === "object" ? (sel as Record<string, unknown>).exact : undefined))
    .find((x) => typeof x === "string");
  const body = (Array.isArray(o.body) ? o.body[0] : o.body) as Record<string, unknown> | undefined;
  const value = body && typeof body === "object" && typeof body.value === "string" ? body.value.replace(/<[^>]*>/g, " ") : "";
  return { index, kind: exact ? "note" : "reply", quote: clip(typeof exact === "string" ? exact : value) };
}

/** A short, file-side reason for a skipped item (parse problems, a missing document); shown beside the translated one. */
function detailOf(e: AppError): string | undefined {
  const d = e.details as Record<string, unknown> | undefined;
  if (typeof d?.reason === "string") return d.reason;
  if (typeof d?.slug === "string") return d.slug;
  return undefined;
}

/** The annotations in a W3C upload: an AnnotationCollection (first page embedded), an AnnotationPage, one Annotation, or an array. */
export function annotationItems(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  if (!json || typeof json !== "object") throw new AppError("invalid-request", { reason: "not a W3C annotation or collection" });
  const o = json as Record<string, unknown>;
  const types = Array.isArray(o.type) ? o.type : [o.type];
  const context = o["@context"] ?? [ANNO_CONTEXT];
  const withContext = (item: unknown) => (item && typeof item === "object" && !("@context" in item) ? { "@context": context, ...(item as object) } : item);
  if (types.includes("AnnotationCollection")) {
    const first = o.first as Record<string, unknown> | undefined;
    if (o.first !== undefined && (typeof first !== "object" || first === null)) {
      // Only the page IRI: a file export always embeds it, so a bare link is someone else's paged container.
      throw new AppError("invalid-request", { reason: "the collection's first page is not embedded" });
    }
    return ((first?.items as unknown[] | undefined) ?? []).map(withContext);
  }
  if (types.includes("AnnotationPage")) return ((o.items as unknown[] | undefined) ?? []).map(withContext);
  return [json];
}

/**
 * Create the uploaded annotations in the seminar. Each keeps its author when lib/annotations/access.ts'
 * canImportAs allows it (the importer's own notes; a member's, matched by account, when an instructor
 * imports); every other one becomes the importer's, and the result lists it with the original author's name.
 * Replies whose parent is in the same upload are attached to the parent's new copy; anything that cannot be
 * created (passage not found, unknown document, invalid JSON-LD…) is skipped with its quote and error code.
 */
export async function importAnnotations(importerId: string, seminarId: string, json: unknown): Promise<ImportResult> {
  await getSeminar(importerId, seminarId); // members only; not-found otherwise
  const importer: Viewer = { userId: importerId, role: await requireMember(importerId, seminarId) };
  const items = annotationItems(json);
  const result: ImportResult = { imported: 0, authorsKept: 0, reattributed: [], skipped: [] };
  const newIds = new Map<string, string>();
  const parsed = items.map((item, index) => {
    try {
      return { index, item, dto: parse(item) };
    } catch (e) {
      // URIError: a creator IRI with broken percent-encoding.
      if (e instanceof W3CParseError || e instanceof URIError) result.skipped.push({ ...refOf(index, item, null), code: "invalid-request", detail: e.message });
      else throw e;
      return null;
    }
  });
  const membership = new Map<string, boolean>();
  const isMember = async (userId: string) => {
    if (!membership.has(userId)) membership.set(userId, (await roleIn(userId, seminarId)) !== null);
    return membership.get(userId)!;
  };
  let pending = parsed.filter((p): p is NonNullable<typeof p> => p !== null);
  const inUpload = new Set(pending.map((p) => p.dto.id).filter(Boolean));
  // Parents before their replies: repeat until a pass makes no progress (replies to replies nest).
  while (pending.length) {
    const next: typeof pending = [];
    for (const p of pending) {
      const parent = p.dto.motivation === "replying" ? p.dto.parentId : null;
      if (parent && inUpload.has(parent) && !newIds.has(parent)) {
        next.push(p);
        continue;
      }
      const ref = refOf(p.index, p.item, p.dto);
      const writer = p.dto.author.id;
      const member = writer ? await isMember(writer) : false;
      const keep = !!writer && canImportAs(importer, writer, member);
      try {
        const input = await createInputFromW3C(p.item);
        if (parent) input.parentId = newIds.get(parent) ?? parent;
        const created = await createAnnotation(keep ? writer : importerId, seminarId, input);
        if (p.dto.id) newIds.set(p.dto.id, created.id);
        result.imported++;
        if (keep) result.authorsKept++;
        else if (writer !== importerId)
          result.reattributed.push({ ...ref, author: clip(p.dto.author.name) || "?", why: member ? "not-instructor" : "not-member" });
      } catch (e) {
        if (!isAppError(e)) throw e;
        result.skipped.push({ ...ref, code: e.code, ...(detailOf(e) ? { detail: detailOf(e) } : {}) });
        if (p.dto.id) inUpload.delete(p.dto.id); // its replies are tried against the original id
      }
    }
    if (next.length === pending.length) {
      for (const p of next) result.skipped.push({ ...refOf(p.index, p.item, p.dto), code: "invalid-parent" });
      break;
    }
    pending = next;
  }
  result.skipped.sort((x, y) => x.index - y.index);
  result.reattributed.sort((x, y) => x.index - y.index);
  return result;
}
