/**
 * Export a seminar's annotations (or one's own) as W3C Web Annotation JSON-LD, CSV or a Markdown report,
 * and import W3C JSON-LD back. Framework-free: the route (app/api/seminars/[id]/export|import) and the
 * CLI (scripts/export.ts, scripts/import.ts) call the same functions.
 *
 * Authorization is never re-implemented here: everything comes from listAnnotations (read a bounded page
 * at a time, lib/annotations/list; membership,
 * visibility, moderation, "post first"), and every import goes through createAnnotation as the importer.
 */
import type { BlockContent, Blockquote, InlineCode, List, ListItem, Paragraph, PhrasingContent, RootContent, Text } from "mdast";
import remarkStringify from "remark-stringify";
import { unified } from "unified";
import { AppError, isAppError, type ErrorCode } from "@/lib/errors";
import { getSeminar } from "@/lib/seminars";
import { documentCatalog } from "@/lib/seminars/catalog";
import { listAnnotations } from "./list";
import type { AnnotationDto, TargetDto } from "./types";
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
      return { contentType: "text/csv; charset=utf-8; header=present", filename: `${stem}.csv`, body: toCsv(annotations) };
    case "md":
      return { contentType: "text/markdown; charset=utf-8", filename: `${stem}.md`, body: await toMarkdown(seminar.title, seminar.documents, annotations) };
  }
}

function latest(annotations: AnnotationDto[]): string | undefined {
  return annotations.map((a) => a.updatedAt).sort().pop();
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
 * "# Seminar", then per document (in the seminar's order) its passages by position, each quoted, with
 * its notes, highlights and links (a link appears under both of its documents) and their replies.
 */
export async function toMarkdown(title: string, documentOrder: string[], annotations: AnnotationDto[]): Promise<string> {
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

  const out: RootContent[] = [{ type: "heading", depth: 1, children: [text(oneLine(title))] }];
  if (!slugs.length) out.push(paragraph({ type: "emphasis", children: [text("No annotations.")] }));
  for (const slug of slugs) {
    const info = titles.get(slug)!;
    out.push({ type: "heading", depth: 2, children: [text(oneLine(info.title))] });
    out.push(paragraph(text("Document: "), code(slug), text(` · Language: ${oneLine(info.lang)}`)));
    const passages = [...byDocument.get(slug)!.values()].sort((x, y) => x.target.start - y.target.start || x.target.end - y.target.end);
    for (const p of passages) {
      out.push({ type: "heading", depth: 3, children: [text(`Passage ${p.target.blockId ? `¶ ${p.target.blockId}, ` : ""}characters ${p.target.start}–${p.target.end}`)] });
      out.push(quote(p.target.exact));
      out.push(list(p.entries.map(({ annotation, other }) => entryItem(annotation, other, titles, children))));
    }
  }
  // Replies whose thread is not in the export (e.g. one's own answers in a "mine" export) still appear.
  const present = new Set(annotations.map((a) => a.id));
  const orphans = annotations.filter((a) => a.parentId && !present.has(a.parentId));
  if (orphans.length) {
    out.push({ type: "heading", depth: 2, children: [text("Replies in other threads")] });
    out.push(list(orphans.map((reply) => entryItem(reply, undefined, titles, children))));
  }
  return String(markdown.stringify({ type: "root", children: out })).trimEnd() + "\n";
}

function kind(a: AnnotationDto): string {
  switch (a.motivation) {
    case "highlighting":
      return "Highlight";
    case "linking":
      return "Link";
    case "replying":
      return "Reply";
    default:
      return "Note";
  }
}

const list = (items: ListItem[]): List => ({ type: "list", ordered: false, spread: true, children: items });

/** One annotation as a list item: who and when, the linked passage, the note's text, then its replies nested. */
function entryItem(a: AnnotationDto, other: PassageGroup["entries"][number]["other"], titles: Map<string, { title: string }>, children: Map<string, AnnotationDto[]>): ListItem {
  const meta = [day(a.createdAt)];
  if (a.visibility !== "seminar") meta.push(`visibility: ${a.visibility}`);
  if (a.tags.length) meta.push(`tags: ${a.tags.map((t) => `#${oneLine(t)}`).join(", ")}`);
  const content: BlockContent[] = [paragraph({ type: "strong", children: [text(kind(a))] }, text(` by ${oneLine(a.author.name)} · ${meta.join(" · ")}`))];
  if (other) {
    const otherTitle = titles.get(other.target.documentSlug)?.title ?? other.target.documentSlug;
    const arrow = other.outgoing ? `${a.relation ?? "linked"} → ` : `← ${a.relation ?? "linked"} `;
    content.push(
      paragraph(text(arrow), { type: "emphasis", children: [text(oneLine(otherTitle))] }, text(" ("), code(other.target.documentSlug), text(`, characters ${other.target.start}–${other.target.end}):`)),
      quote(other.target.exact),
    );
  }
  if (a.bodyText) content.push(...paragraphs(a.bodyText));
  const replies = children.get(a.id) ?? [];
  if (replies.length) content.push(list(replies.map((reply) => entryItem(reply, undefined, new Map(), children))));
  return { type: "listItem", spread: true, children: content };
}

// ---------------------------------------------------------------- Import

export interface ImportResult {
  imported: number;
  skipped: Array<{ index: number; code: ErrorCode }>;
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
 * Create the uploaded annotations in the seminar as the importer (who must be a member). Replies whose
 * parent is in the same upload are attached to the parent's new copy; anything that cannot be created
 * (passage not found, unknown document, invalid JSON-LD…) is skipped with its error code.
 */
export async function importAnnotations(importerId: string, seminarId: string, json: unknown): Promise<ImportResult> {
  await getSeminar(importerId, seminarId); // members only; not-found otherwise
  const items = annotationItems(json);
  const skipped: ImportResult["skipped"] = [];
  const newIds = new Map<string, string>();
  const parsed = items.map((item, index) => {
    try {
      return { index, item, dto: parse(item) };
    } catch (e) {
      if (e instanceof W3CParseError) skipped.push({ index, code: "invalid-request" });
      else throw e;
      return null;
    }
  });
  let pending = parsed.filter((p): p is NonNullable<typeof p> => p !== null);
  const inUpload = new Set(pending.map((p) => p.dto.id).filter(Boolean));
  let imported = 0;
  // Parents before their replies: repeat until a pass makes no progress (replies to replies nest).
  while (pending.length) {
    const next: typeof pending = [];
    for (const p of pending) {
      const parent = p.dto.motivation === "replying" ? p.dto.parentId : null;
      if (parent && inUpload.has(parent) && !newIds.has(parent)) {
        next.push(p);
        continue;
      }
      try {
        const input = await createInputFromW3C(p.item);
        if (parent) input.parentId = newIds.get(parent) ?? parent;
        const created = await createAnnotation(importerId, seminarId, input);
        if (p.dto.id) newIds.set(p.dto.id, created.id);
        imported++;
      } catch (e) {
        if (!isAppError(e)) throw e;
        skipped.push({ index: p.index, code: e.code });
        if (p.dto.id) inUpload.delete(p.dto.id); // its replies are tried against the original id
      }
    }
    if (next.length === pending.length) {
      for (const p of next) skipped.push({ index: p.index, code: "invalid-parent" });
      break;
    }
    pending = next;
  }
  skipped.sort((x, y) => x.index - y.index);
  return { imported, skipped };
}
