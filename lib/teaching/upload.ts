/**
 * Instructors add a text to a seminar by uploading it: Markdown with front matter, plain text, or TEI P5 XML.
 * The file goes through the corpus pipeline in memory (lib/content/pipeline buildMemorySource: the same
 * cleaners, fidelity proof and Markdown round trip as content/), the instructor sees a preview of the clean
 * structure, and publishing stores the clean Markdown (UploadedDocument) and the seminar's document row in
 * one transaction: either the text is in the seminar, or nothing was written.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { ContentError } from "@/lib/content/errors";
import { buildMemorySource, type BuiltDocument } from "@/lib/content/pipeline";
import { SLUG_PATTERN } from "@/lib/content/schema";
import { cacheUploadedDocument, getDocumentAsync } from "@/lib/content/store";
import { DOCUMENT_KINDS, LANGUAGES, type BlockType } from "@/lib/content/types";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { notifyNewDocument } from "@/lib/notifications";
import { requireInstructor } from "@/lib/seminars";

/** The largest file accepted (a whole volume fits comfortably). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
const PREVIEW_TTL_MS = 30 * 60 * 1000;

export const uploadFields = z.object({
  /** What the file does not say itself; a TEI header or Markdown front matter wins over these. */
  lang: z.enum(LANGUAGES as unknown as ["de", "en", "ru"]).optional(),
  kind: z.enum(DOCUMENT_KINDS as unknown as ["forum", "essay", "article", "blog"]).default("essay"),
  title: z.string().trim().max(300).optional(),
  author: z.string().trim().max(300).optional(),
  source: z.string().trim().max(500).optional(),
  slug: z.string().trim().max(80).optional(),
});
export type UploadFields = z.input<typeof uploadFields>;

export interface UploadPreview {
  token: string;
  slug: string;
  title: string | null;
  author: string | null;
  lang: string;
  date: string | null;
  kind: string;
  blocks: number;
  blockCounts: Partial<Record<BlockType, number>>;
  words: number;
  outline: Array<{ level: number; text: string }>;
  firstParagraphs: string[];
  footnotes: { total: number; linked: number; unreferenced: number };
  removals: number;
  mends: number;
}

/** A problem with the uploaded file: the line it is on (1-based) and the reason, for the instructor to fix. */
export interface UploadProblem {
  line: number;
  reason: string;
}

const pending = new Map<string, { userId: string; seminarId: string; built: BuiltDocument; expires: number }>();

function slugify(s: string): string {
  const slug = s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
  return slug || "text";
}

async function freeSlug(base: string): Promise<string> {
  for (let i = 1; ; i++) {
    const slug = i === 1 ? base : `${base}-${i}`;
    if (!(await getDocumentAsync(slug)) && ![...pending.values()].some((p) => p.built.doc.meta.slug === slug)) return slug;
  }
}

/** Clean the file in memory and describe the result. Throws AppError("invalid-upload", {line, reason}) for bad input. */
export async function previewUpload(userId: string, seminarId: string, fileName: string, bytes: Buffer, rawFields: UploadFields = {}): Promise<UploadPreview> {
  await requireInstructor(userId, seminarId);
  if (bytes.length > MAX_UPLOAD_BYTES) throw new AppError("upload-too-large", { max: MAX_UPLOAD_BYTES });
  const fields = uploadFields.parse(rawFields);
  const safeName = fileName.replace(/[^\w.\-]+/g, "_").slice(-120) || "upload.txt";
  if (!/\.(md|markdown|txt|xml)$/i.test(safeName)) throw new AppError("invalid-upload", { line: 1, reason: "unsupported file type: upload .md (Markdown with front matter), .txt (plain text) or .xml (TEI P5)" });
  if (fields.slug && !SLUG_PATTERN.test(fields.slug)) throw new AppError("invalid-upload", { line: 1, reason: `"${fields.slug}" is not a valid short name: use lower-case letters, digits and hyphens` });
  const stem = safeName.replace(/\.[^.]*$/, "");
  const slug = fields.slug ? fields.slug : await freeSlug(slugify(fields.title || stem));
  if (fields.slug && (await getDocumentAsync(slug))) throw new AppError("slug-taken", { slug });
  const isPlain = /\.txt$/i.test(safeName);
  const meta = {
    kind: fields.kind,
    ...(fields.lang ? { lang: fields.lang } : {}),
    ...(fields.title ? { title: fields.title } : {}),
    ...(fields.author ? { author: fields.author } : {}),
    source: fields.source || `Uploaded file ${safeName}`,
  };
  if (isPlain && !fields.lang) throw new AppError("invalid-upload", { line: 1, reason: "a plain-text file needs its language: choose one" });
  let built: BuiltDocument;
  try {
    built = buildMemorySource({ fileName: safeName, bytes, slug, meta });
  } catch (e) {
    if (e instanceof ContentError) throw new AppError("invalid-upload", { line: e.line, reason: e.reason });
    throw e;
  }
  for (const [k, v] of pending) if (v.expires < Date.now()) pending.delete(k);
  const token = randomBytes(16).toString("base64url");
  pending.set(token, { userId, seminarId, built, expires: Date.now() + PREVIEW_TTL_MS });
  return describe(token, built);
}

export function describe(token: string, built: BuiltDocument): UploadPreview {
  const { doc } = built;
  const blockCounts: Partial<Record<BlockType, number>> = {};
  let words = 0;
  for (const b of doc.blocks) {
    blockCounts[b.type] = (blockCounts[b.type] ?? 0) + 1;
    words += b.text.split(/\s+/).filter(Boolean).length;
  }
  const notes = doc.blocks.filter((b) => b.type === "footnote");
  return {
    token,
    slug: doc.meta.slug,
    title: doc.meta.title,
    author: doc.meta.author,
    lang: doc.meta.lang,
    date: doc.meta.date,
    kind: doc.meta.kind,
    blocks: doc.blocks.length,
    blockCounts,
    words,
    outline: doc.blocks.filter((b) => b.type === "heading").slice(0, 200).map((b) => ({ level: b.level ?? 2, text: b.text })),
    firstParagraphs: doc.blocks.filter((b) => b.type === "paragraph").slice(0, 3).map((b) => (b.text.length > 400 ? `${b.text.slice(0, 399)}…` : b.text)),
    footnotes: { total: notes.length, linked: notes.filter((n) => (n.footnote?.refs.length ?? 0) > 0).length, unreferenced: notes.filter((n) => (n.footnote?.refs.length ?? 0) === 0).length },
    removals: built.result.removals.length,
    mends: built.result.mends.length,
  };
}

/** Publish a previewed upload: the document and its place in the seminar in one transaction. */
export async function publishUpload(userId: string, seminarId: string, token: string): Promise<{ slug: string }> {
  await requireInstructor(userId, seminarId);
  const p = pending.get(token);
  if (!p || p.userId !== userId || p.seminarId !== seminarId || p.expires < Date.now()) throw new AppError("preview-expired");
  const { doc, markdown } = p.built;
  const slug = doc.meta.slug;
  await db().$transaction(async (tx) => {
    if (await tx.uploadedDocument.findUnique({ where: { slug }, select: { slug: true } })) throw new AppError("slug-taken", { slug });
    await tx.uploadedDocument.create({ data: { slug, seminarId, markdown, document: JSON.stringify(doc), createdBy: userId } });
    await tx.seminarDocument.create({ data: { seminarId, slug } });
    await notifyNewDocument(tx, { seminarId, slug, actorId: userId });
  });
  pending.delete(token);
  cacheUploadedDocument(slug, doc);
  return { slug };
}

/** Test hook: forget previews. */
export function clearPendingUploads(): void {
  pending.clear();
}
