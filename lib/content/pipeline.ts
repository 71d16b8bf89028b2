/**
 * The corpus pipeline: content/sources/ (raw files, byte-for-byte, plus metadata) → content/documents/
 * (<slug>.md clean documents and <slug>.removals.md audit trails).
 *
 * Sources:
 * - `<stem>.<ext>` + `<stem>.meta.yaml`: any raw file with a meta file (slug, kind, lang, cleaner, source, and
 *   title/author/date when the text does not say them). The five seeds are kept this way under their original names;
 *   the cleaners written for them live in content/cleaners and come in through `BuildOptions.cleaners`.
 * - `<slug>.md` without a meta file: Markdown with front matter (title, author?, lang, date?, kind, source).
 * - `<slug>.txt` needs a `<slug>.meta.yaml` (cleaner defaults to plain-text).
 *
 * buildCorpus reads and cleans everything in memory and validates it (metadata, footnotes, fidelity, unique
 * slugs, Markdown round trip); only then does writeCorpus swap the new documents/ in, atomically. Any problem
 * is a ContentError naming file and line, and the existing corpus stays untouched.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { unified } from "unified";
import remarkGfm from "remark-gfm";
import remarkStringify from "remark-stringify";
import type { PhrasingContent, Root, RootContent, TableRow } from "mdast";
import { CLEANERS } from "./cleaners";
import type { Cleaner, CleanResult, Mend } from "./cleaners/types";
import { ContentError, isStackOverflow } from "./errors";
import { checkFidelity } from "./fidelity";
import { canonicalizeBlocks, parseDocumentMarkdown, serializeDocument } from "./markdown";
import { DocumentMetaSchema, SLUG_PATTERN, SourceMetaSchema, metaIssue, parseYaml, validateYaml, type SourceMeta } from "./schema";
import { documentText } from "./text";
import type { Block, DocumentMeta, SynopseDocument } from "./types";

export const SOURCES = "sources";
export const DOCUMENTS = "documents";
const META_SUFFIX = ".meta.yaml";

export interface Source {
  /** raw file name inside sources/ */
  rawFile: string;
  rawPath: string;
  metaPath: string | null;
  /** path shown in messages (relative to the working directory when inside it) */
  display: string;
}

export interface BuiltDocument {
  doc: SynopseDocument;
  source: Source;
  result: CleanResult;
  markdown: string;
  removalsMarkdown: string;
}

export interface BuildResult {
  documents: BuiltDocument[];
  /** output file name (inside documents/) → content */
  files: Map<string, string>;
}

export interface BuildOptions {
  /** Cleaners by name; default the generic ones (lib/content/cleaners). The corpus build adds the seed cleaners. */
  cleaners?: Readonly<Record<string, Cleaner>>;
}

function display(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : p;
}

/** The sources in `<contentDir>/sources`, sorted by file name. */
export function discoverSources(contentDir: string): Source[] {
  const dir = path.join(contentDir, SOURCES);
  if (!fs.existsSync(dir)) throw new ContentError(display(dir), 1, "no-sources-directory");
  const names = fs
    .readdirSync(dir)
    .filter((n) => !n.startsWith(".") && fs.statSync(path.join(dir, n)).isFile())
    .sort();
  const metas = names.filter((n) => n.endsWith(META_SUFFIX));
  const raws = names.filter((n) => !n.endsWith(META_SUFFIX));
  const stem = (n: string) => n.replace(/\.[^.]*$/, "");
  const sources: Source[] = [];
  for (const meta of metas) {
    const s = meta.slice(0, -META_SUFFIX.length);
    const matches = raws.filter((r) => stem(r) === s || r === s);
    if (matches.length === 0) throw new ContentError(display(path.join(dir, meta)), 1, "meta-without-raw-file", { stem: s });
    if (matches.length > 1) throw new ContentError(display(path.join(dir, meta)), 1, "meta-several-raw-files", { files: matches.join(", ") });
  }
  for (const raw of raws) {
    const meta = metas.find((m) => {
      const s = m.slice(0, -META_SUFFIX.length);
      return s === stem(raw) || s === raw;
    });
    const rawPath = path.join(dir, raw);
    if (!meta && !raw.endsWith(".md")) throw new ContentError(display(rawPath), 1, "no-metadata", { metaFile: `${stem(raw)}${META_SUFFIX}` });
    sources.push({ rawFile: raw, rawPath, metaPath: meta ? path.join(dir, meta) : null, display: display(rawPath) });
  }
  return sources;
}

/** Read a raw file as UTF-8 text; empty, binary or non-UTF-8 files are errors. */
export function readRaw(file: string, shown = display(file)): string {
  return decodeRaw(fs.readFileSync(file), shown);
}

/** Raw bytes as UTF-8 text (what readRaw does after reading): empty, binary or non-UTF-8 input is an error. */
export function decodeRaw(buf: Buffer, shown: string): string {
  const lineAt = (byte: number) => buf.subarray(0, byte).filter((c) => c === 0x0a).length + 1;
  if (buf.length === 0) throw new ContentError(shown, 1, "file-empty");
  const nul = buf.indexOf(0);
  if (nul >= 0) throw new ContentError(shown, lineAt(nul), "file-binary");
  const text = buf.toString("utf8");
  if (!Buffer.from(text, "utf8").equals(buf)) {
    const bad = text.indexOf("\ufffd");
    const line = bad >= 0 ? text.slice(0, bad).split("\n").length : 1;
    throw new ContentError(shown, line, "file-not-utf8");
  }
  if (text.trim() === "") throw new ContentError(shown, 1, "file-blank");
  return text;
}

interface SourceMetaRead {
  meta: Partial<SourceMeta>;
  slugLine: number;
  cleanerLine: number;
}

function readSourceMeta(source: Source): SourceMetaRead {
  if (!source.metaPath) return { meta: {}, slugLine: 1, cleanerLine: 1 };
  const shown = display(source.metaPath);
  const text = fs.readFileSync(source.metaPath, "utf8");
  if (text.trim() === "") throw new ContentError(shown, 1, "meta-file-empty");
  const parsed = parseYaml(text, shown);
  const meta = validateYaml(SourceMetaSchema, parsed, shown);
  const lineOf = (key: string) => text.split("\n").findIndex((l) => new RegExp(`^${key}\\s*:`).test(l)) + 1 || 1;
  return { meta, slugLine: lineOf("slug"), cleanerLine: lineOf("cleaner") };
}

function stemOf(name: string): string {
  return name.replace(/\.[^.]*$/, "");
}

/** Build one source into a validated document (in memory). */
export function buildSource(source: Source, options: BuildOptions = {}): { built: BuiltDocument; slugFile: string; slugLine: number } {
  const cleaners = options.cleaners ?? CLEANERS;
  const { meta: fileMeta, slugLine, cleanerLine } = readSourceMeta(source);
  const cleanerName = fileMeta.cleaner ?? (source.rawFile.endsWith(".md") ? "markdown" : "plain-text");
  const cleaner = cleaners[cleanerName];
  if (!cleaner)
    throw new ContentError(display(source.metaPath ?? source.rawPath), cleanerLine, "unknown-cleaner", {
      cleaner: cleanerName,
      known: Object.keys(cleaners).join(", "),
    });
  const slug = fileMeta.slug ?? stemOf(source.rawFile);
  if (!SLUG_PATTERN.test(slug))
    throw new ContentError(source.metaPath ? display(source.metaPath) : source.display, source.metaPath ? slugLine : 1, "invalid-slug", { slug });

  const raw = readRaw(source.rawPath, source.display);
  const { cleaner: _c, slug: _s, sha256: _h, ...metaDefaults } = fileMeta;
  // A corpus meta file is the editor's word: what it says wins over what the cleaner read from the text
  // (a supplied headline, a name's proper spelling where the print lost its diacritics).
  const built = buildFromRaw(raw, source, cleaner, cleanerName, slug, metaDefaults, "meta-wins");
  return {
    built,
    slugFile: source.metaPath ? display(source.metaPath) : source.display,
    slugLine: source.metaPath ? slugLine : 1,
  };
}

/** An uploaded file, cleaned in memory: nothing under content/ is read or written. */
export interface MemorySource {
  /** file name as uploaded ("volume.xml"); decides the default cleaner (.md markdown, .xml tei, else plain-text) */
  fileName: string;
  bytes: Buffer;
  slug: string;
  /** what the text does not say itself (lang, kind, source …); the text's own metadata wins */
  meta?: Partial<Omit<SourceMeta, "slug" | "cleaner">>;
  cleaner?: string;
}

/** Build one uploaded source into a validated document, through the same checks as the corpus build. */
export function buildMemorySource(input: MemorySource, options: BuildOptions = {}): BuiltDocument {
  const cleaners = options.cleaners ?? CLEANERS;
  const shown = input.fileName;
  const cleanerName = input.cleaner ?? (/\.(md|markdown)$/i.test(input.fileName) ? "markdown" : /\.xml$/i.test(input.fileName) ? "tei" : "plain-text");
  const cleaner = cleaners[cleanerName];
  if (!cleaner) throw new ContentError(shown, 1, "unknown-cleaner", { cleaner: cleanerName, known: Object.keys(cleaners).join(", ") });
  if (!SLUG_PATTERN.test(input.slug)) throw new ContentError(shown, 1, "upload-invalid-slug", { slug: input.slug });
  const raw = decodeRaw(input.bytes, shown);
  const source: Source = { rawFile: input.fileName, rawPath: input.fileName, metaPath: null, display: shown };
  return buildFromRaw(raw, source, cleaner, cleanerName, input.slug, { ...(input.meta ?? {}) });
}

function buildFromRaw(
  raw: string,
  source: Source,
  cleaner: Cleaner,
  cleanerName: string,
  slug: string,
  metaDefaults: Partial<SourceMeta>,
  precedence: "text-wins" | "meta-wins" = "text-wins",
): BuiltDocument {
  const ctx = { file: source.display, meta: { ...metaDefaults } as Partial<DocumentMeta> };
  let result: CleanResult;
  try {
    result = cleaner(raw, ctx);
  } catch (e) {
    if (e instanceof ContentError) throw e;
    if (isStackOverflow(e)) throw new ContentError(source.display, 1, "nesting-too-deep");
    throw new ContentError(source.display, 1, "internal-cleaner-failed", { cleaner: cleanerName, detail: (e as Error).message });
  }

  const defined = Object.fromEntries(Object.entries(result.meta).filter(([, v]) => v !== undefined));
  const merged =
    precedence === "meta-wins"
      ? { title: null, author: null, date: null, ...defined, ...metaDefaults, slug, rawFile: source.rawFile }
      : { title: null, author: null, date: null, ...metaDefaults, ...defined, slug, rawFile: source.rawFile };
  // Every document has one name that every page shows: a text without a headline gets one supplied from
  // its opening words, bracketed as catalogues mark what the source itself does not say.
  merged.title ??= suppliedTitle(result.blocks);
  const metaCheck = DocumentMetaSchema.safeParse(merged, { reportInput: true });
  if (!metaCheck.success) {
    const issue = metaCheck.error.issues[0];
    // The language is the one thing a text may not say and the uploader must choose (a TEI file without one).
    const problem = issue.path[0] === "lang" && issue.input === undefined ? ({ code: "language-unknown", params: {} } as const) : metaIssue(issue);
    throw new ContentError(display(source.metaPath ?? source.rawPath), 1, problem.code, problem.params);
  }
  const meta = metaCheck.data as DocumentMeta;

  checkBlocks(result, source.display);
  const problems = checkFidelity(raw, result);
  if (problems.length > 0) {
    const p = problems[0];
    const detail = `${p.blockId ? `(block ${p.blockId}) ` : ""}${p.message}${problems.length > 1 ? ` (+${problems.length - 1} more)` : ""}`;
    throw new ContentError(source.display, p.line ?? 1, "internal-not-faithful", { cleaner: cleanerName, detail });
  }

  const blocks = canonicalizeBlocks(result.blocks);
  const doc: SynopseDocument = { meta, version: "", blocks, parts: result.parts };
  doc.version = crypto.createHash("sha256").update(documentText(doc).text).digest("hex").slice(0, 16);
  const markdown = serializeDocument(doc);
  const back = parseDocumentMarkdown(markdown, `${DOCUMENTS}/${slug}.md`);
  if (!isDeepStrictEqual(back, doc)) {
    const i = doc.blocks.findIndex((b, k) => !isDeepStrictEqual(b, back.blocks[k]));
    throw new ContentError(source.display, doc.blocks[i]?.lines[0]?.[0] ?? 1, "internal-round-trip", {
      where: i >= 0 ? `block ${doc.blocks[i].id}` : "metadata/parts",
    });
  }
  // The audit trail is written only by the corpus build; an upload never reads it, and for a whole volume
  // it is seconds of table formatting: made on first use.
  let removals: string | null = null;
  return {
    doc,
    source,
    result,
    markdown,
    get removalsMarkdown() {
      return (removals ??= removalsReport(doc, result));
    },
  };
}

/** Structural checks the fidelity proof does not cover: ids, footnote references, line spans. */
function checkBlocks(result: CleanResult, file: string): void {
  const ids = new Set<string>();
  const footnotes = new Map<string, Block>();
  for (const b of result.blocks) {
    const line = b.lines[0]?.[0] ?? 1;
    if (!/^[A-Za-z0-9][\w.:-]*$/.test(b.id)) throw new ContentError(file, line, "internal-block", { detail: `bad block id ${JSON.stringify(b.id)}` });
    if (ids.has(b.id)) throw new ContentError(file, line, "internal-block", { detail: `duplicate block id ${b.id}` });
    ids.add(b.id);
    if (b.lines.length === 0 && !(b.footnote && b.footnote.status === "missing"))
      throw new ContentError(file, 1, "internal-block", { detail: `block ${b.id} has no raw lines` });
    if (b.text.trim() === "" && !["footnote", "separator", "quote", "epigraph", "list-item"].includes(b.type))
      throw new ContentError(file, line, "internal-block", { detail: `block ${b.id} (${b.type}) is empty` });
    if (b.footnote) {
      if (footnotes.has(b.footnote.label)) throw new ContentError(file, line, "footnote-defined-twice", { label: b.footnote.label });
      footnotes.set(b.footnote.label, b);
    }
  }
  for (const b of result.blocks)
    for (const m of b.marks) {
      if (m.kind !== "footnote-ref") continue;
      const target = footnotes.get(m.label);
      if (!target) throw new ContentError(file, b.lines[0]?.[0] ?? 1, "footnote-reference-undefined", { label: m.label });
      m.footnoteId = target.id;
    }
}

const SUPPLIED_TITLE_WORDS = 8;

/** "[Opening words of the first paragraph …]", or null for a text with no body block. */
export function suppliedTitle(blocks: readonly Block[]): string | null {
  const first = blocks.find((b) => b.type !== "footnote" && b.text.trim() !== "");
  if (!first) return null;
  const words = first.text.trim().split(/\s+/);
  const opening = words
    .slice(0, SUPPLIED_TITLE_WORDS)
    .join(" ")
    .replace(/[,;:]$/, "");
  return `[${opening}${words.length > SUPPLIED_TITLE_WORDS ? " …" : ""}]`;
}

/** Build every source. Throws the first ContentError; nothing is written. */
export function buildCorpus(contentDir: string, options: BuildOptions = {}): BuildResult {
  const documents: BuiltDocument[] = [];
  const slugs = new Map<string, string>();
  for (const source of discoverSources(contentDir)) {
    const out = buildSource(source, options);
    const slug = out.built.doc.meta.slug;
    const first = slugs.get(slug);
    if (first) throw new ContentError(out.slugFile, out.slugLine, "duplicate-slug", { slug, other: first });
    slugs.set(slug, out.slugFile);
    documents.push(out.built);
  }
  const files = new Map<string, string>();
  for (const d of documents) {
    files.set(`${d.doc.meta.slug}.md`, d.markdown);
    files.set(`${d.doc.meta.slug}.removals.md`, d.removalsMarkdown);
  }
  return { documents, files };
}

/** Differences between what the pipeline would write and content/documents (empty = up to date). */
export function diffCorpus(contentDir: string, build: BuildResult): string[] {
  const dir = path.join(contentDir, DOCUMENTS);
  const onDisk = fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => !n.startsWith(".")) : [];
  const diffs: string[] = [];
  for (const [name, content] of [...build.files].sort(([a], [b]) => a.localeCompare(b))) {
    const p = path.join(dir, name);
    if (!onDisk.includes(name)) diffs.push(`${DOCUMENTS}/${name}: missing`);
    else if (fs.readFileSync(p, "utf8") !== content) diffs.push(`${DOCUMENTS}/${name}: differs from the pipeline's output`);
  }
  for (const name of onDisk.sort()) if (!build.files.has(name)) diffs.push(`${DOCUMENTS}/${name}: not produced by any source (would be deleted)`);
  return diffs;
}

/** Replace content/documents with the build's files: written to a temp dir first, then swapped in by rename. */
export function writeCorpus(contentDir: string, build: BuildResult): void {
  const dir = path.join(contentDir, DOCUMENTS);
  const tmp = fs.mkdtempSync(path.join(contentDir, ".documents-new-"));
  fs.chmodSync(tmp, 0o755); // mkdtemp makes it private
  try {
    for (const [name, content] of build.files) fs.writeFileSync(path.join(tmp, name), content);
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  const old = `${dir}.old-${process.pid}`;
  if (fs.existsSync(dir)) fs.renameSync(dir, old);
  fs.renameSync(tmp, dir);
  fs.rmSync(old, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------------------
// The audit trail: <slug>.removals.md

function cell(value: string, code = false): PhrasingContent[] {
  const shown = value.replace(/\n/g, "⏎");
  if (shown === "") return [{ type: "text", value: "(empty)" }];
  return code ? [{ type: "inlineCode", value: shown }] : [{ type: "text", value: shown }];
}

function row(cells: PhrasingContent[][]): TableRow {
  return { type: "tableRow", children: cells.map((children) => ({ type: "tableCell", children })) };
}

function clip(s: string, n = 120): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

export function removalsReport(doc: SynopseDocument, result: CleanResult): string {
  const title = doc.meta.title ?? doc.meta.slug;
  const children: RootContent[] = [
    { type: "heading", depth: 1, children: [{ type: "text", value: `Removals and mends: ${title}` }] },
    {
      type: "paragraph",
      children: [
        { type: "text", value: "Raw file " },
        { type: "inlineCode", value: `content/${SOURCES}/${doc.meta.rawFile}` },
        { type: "text", value: `; clean document ` },
        { type: "inlineCode", value: `${doc.meta.slug}.md` },
        { type: "text", value: `. Generated by npm run content:build: every change the cleaner made to the raw text is listed here.` },
      ],
    },
  ];
  const generic = Object.entries(result.generic ?? {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (generic.length > 0) {
    // TEI: elements the cleaner does not render as themselves; their text is in the nearest block.
    children.push({ type: "heading", depth: 2, children: [{ type: "text", value: `Elements rendered generically (${generic.length})` }] });
    children.push({
      type: "table",
      align: [null, "right"],
      children: [row([cell("element"), cell("count")]), ...generic.map(([element, count]) => row([cell(`<${element}>`, true), cell(String(count))]))],
    });
  }
  const removals = [...result.removals].sort((a, b) => a.lines[0] - b.lines[0] || a.lines[1] - b.lines[1]);
  children.push({ type: "heading", depth: 2, children: [{ type: "text", value: `Removed text (${removals.length})` }] });
  if (removals.length === 0) children.push({ type: "paragraph", children: [{ type: "text", value: "Nothing was removed." }] });
  else
    children.push({
      type: "table",
      align: ["right", null, null, null],
      children: [
        row([cell("lines"), cell("block"), cell("text"), cell("reason")]),
        ...removals.map((r) =>
          row([
            cell(r.lines[0] === r.lines[1] ? `${r.lines[0]}` : `${r.lines[0]}–${r.lines[1]}`),
            cell(r.blockId ?? "(whole lines)"),
            cell(clip(r.text), true),
            cell(r.reason),
          ]),
        ),
      ],
    });
  const byReason = new Map<string, Mend[]>();
  for (const m of result.mends) {
    const list = byReason.get(m.reason);
    if (list) list.push(m);
    else byReason.set(m.reason, [m]);
  }
  children.push({ type: "heading", depth: 2, children: [{ type: "text", value: `Mends (${result.mends.length})` }] });
  if (byReason.size === 0) children.push({ type: "paragraph", children: [{ type: "text", value: "No text was changed." }] });
  else
    children.push({
      type: "table",
      align: [null, "right", null],
      children: [
        row([cell("reason"), cell("count"), cell("examples (raw → clean, block)")]),
        ...[...byReason.entries()]
          .sort(([a, x], [b, y]) => y.length - x.length || a.localeCompare(b))
          .map(([reason, mends]) =>
            row([
              cell(reason),
              cell(String(mends.length)),
              mends
                .slice(0, 3)
                .flatMap((m, i): PhrasingContent[] => [
                  ...(i > 0 ? [{ type: "text" as const, value: "; " }] : []),
                  ...cell(clip(m.raw, 60), true),
                  { type: "text", value: " → " },
                  ...cell(clip(m.clean, 60), true),
                  { type: "text", value: ` (${m.blockId})` },
                ]),
            ]),
          ),
      ],
    });
  const root: Root = { type: "root", children };
  return String(unified().use(remarkGfm, { tablePipeAlign: false }).use(remarkStringify).stringify(root));
}
