/**
 * Instructors add a text to a seminar by uploading it: Markdown with front matter, plain text, or TEI P5 XML.
 * The file goes through the corpus pipeline in memory (lib/content/pipeline buildMemorySource: the same
 * cleaners, fidelity proof and Markdown round trip as content/), the instructor sees a preview of the clean
 * structure, and publishing stores the clean Markdown (UploadedDocument) and the seminar's document row in
 * one transaction: either the text is in the seminar, or nothing was written.
 *
 * Between preview and publish the built document waits in the database (UploadDraft), not in this process:
 * with several app instances behind one database the publish request may reach another instance.
 */
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { z } from "zod";
import { ContentError, isStackOverflow, type ContentErrorCode, type ContentErrorParams } from "@/lib/content/errors";
import { SLUG_PATTERN } from "@/lib/content/schema";
import { cacheUploadedDocument, getDocumentAsync } from "@/lib/content/store";
import { DOCUMENT_KINDS, LANGUAGES, type SynopseDocument } from "@/lib/content/types";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { notifyNewDocument } from "@/lib/notifications";
import { announceNotifications } from "@/lib/notifications/signal";
import { refreshSeminarIndex } from "@/lib/links/seminar-index";
import { indexUploadedText } from "@/lib/search/indexer";
import { requireInstructor } from "@/lib/seminars";
import type { UploadPreview } from "./upload-clean";
import { cleanOffThread } from "./upload-off-thread";
import slugify from "@sindresorhus/slugify";

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

export type { UploadPreview } from "./upload-clean";

/**
 * What a refused upload reports (the details of AppError "invalid-upload", sent to the browser as JSON):
 * the line (1-based) and the problem as a code with parameters — a message of the "ContentErrors"
 * namespace, shown in the instructor's language — and the same reason in English for scripts.
 */
export interface UploadProblem {
  line: number;
  problem: ContentErrorCode;
  params: ContentErrorParams;
  reason: string;
}

function invalidUpload(e: ContentError): AppError {
  return new AppError("invalid-upload", { line: e.line, problem: e.code, params: e.params, reason: e.reason } satisfies UploadProblem);
}

const inflate = promisify(zlib.inflate);

/** What a draft keeps of the built document: all that publishing needs. */
interface DraftContent {
  doc: SynopseDocument;
  markdown: string;
}

async function unpackDraft(bytes: Uint8Array): Promise<DraftContent> {
  return JSON.parse((await inflate(bytes)).toString("utf8")) as DraftContent;
}

/** A short name for the address from a title or file name, transliterated (Письма → pisma), at most 60 characters. */
function slugFrom(s: string): string {
  const slug = slugify(s, { decamelize: false }).slice(0, 60).replace(/-+$/g, "");
  return slug || "text";
}

async function freeSlug(base: string): Promise<string> {
  for (let i = 1; ; i++) {
    const slug = i === 1 ? base : `${base}-${i}`;
    if (await getDocumentAsync(slug)) continue;
    // A name another preview is holding (until it is published or expires) is taken too.
    if (!(await db().uploadDraft.findFirst({ where: { slug, expiresAt: { gt: new Date() } }, select: { token: true } }))) return slug;
  }
}

/** Clean the file in memory and describe the result. Throws AppError("invalid-upload", UploadProblem) for bad input. */
export async function previewUpload(userId: string, seminarId: string, fileName: string, bytes: Buffer, rawFields: UploadFields = {}): Promise<UploadPreview> {
  await requireInstructor(userId, seminarId);
  if (bytes.length > MAX_UPLOAD_BYTES) throw new AppError("upload-too-large", { max: MAX_UPLOAD_BYTES });
  const fields = uploadFields.parse(rawFields);
  // Letters of any script stay (a Cyrillic file name still names the text); anything else becomes "_".
  const safeName =
    fileName
      .normalize("NFC")
      .replace(/[^\p{L}\p{N}.\-]+/gu, "_")
      .slice(-120) || "upload.txt";
  if (!/\.(md|markdown|txt|xml)$/i.test(safeName)) throw invalidUpload(new ContentError(safeName, 1, "upload-unsupported-type"));
  if (fields.slug && !SLUG_PATTERN.test(fields.slug)) throw invalidUpload(new ContentError(safeName, 1, "upload-invalid-slug", { slug: fields.slug }));
  const stem = safeName.replace(/\.[^.]*$/, "");
  const slug = fields.slug ? fields.slug : await freeSlug(slugFrom(fields.title || stem));
  if (fields.slug && (await getDocumentAsync(slug))) throw new AppError("slug-taken", { slug });
  const isPlain = /\.txt$/i.test(safeName);
  const meta = {
    kind: fields.kind,
    ...(fields.lang ? { lang: fields.lang } : {}),
    ...(fields.title ? { title: fields.title } : {}),
    ...(fields.author ? { author: fields.author } : {}),
    source: fields.source || `Uploaded file ${safeName}`,
  };
  if (isPlain && !fields.lang) throw invalidUpload(new ContentError(safeName, 1, "upload-needs-language"));
  // Cleaning runs in a worker thread with a memory cap (upload-off-thread.ts): the server keeps answering.
  let cleaned;
  try {
    cleaned = await cleanOffThread({ fileName: safeName, bytes, slug, meta });
  } catch (e) {
    if (e instanceof ContentError) throw invalidUpload(e);
    // Also past the cleaner (Markdown round trip, checks): a translated 422, never the engine's message.
    if (isStackOverflow(e)) throw invalidUpload(new ContentError(safeName, 1, "nesting-too-deep"));
    throw e;
  }
  const token = randomBytes(16).toString("base64url");
  const now = Date.now();
  await db().uploadDraft.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
  await db().uploadDraft.create({
    data: { token, userId, seminarId, slug: cleaned.slug, document: new Uint8Array(cleaned.draft), expiresAt: new Date(now + PREVIEW_TTL_MS) },
  });
  return { token, ...cleaned.preview };
}

/**
 * Publish a previewed upload: the document and its place in the seminar in one transaction. Only the
 * instructor who previewed it may publish it, in the seminar it was previewed for, once; any other token
 * (someone else's, used, expired, unknown) is "preview-expired" alike, so tokens cannot be probed.
 */
export async function publishUpload(userId: string, seminarId: string, token: string): Promise<{ slug: string }> {
  await requireInstructor(userId, seminarId);
  const mine = { token, userId, seminarId, expiresAt: { gt: new Date() } };
  const draft = await db().uploadDraft.findFirst({ where: mine, select: { document: true } });
  if (!draft) throw new AppError("preview-expired");
  const { doc, markdown } = await unpackDraft(draft.document);
  const slug = doc.meta.slug;
  const told = await db().$transaction(
    async (tx) => {
      // Claiming the draft inside the transaction makes "once" hold under concurrent publishes: the second
      // request deletes nothing and stops; a failure below rolls the claim back with everything else.
      if ((await tx.uploadDraft.deleteMany({ where: { token, userId, seminarId } })).count !== 1) throw new AppError("preview-expired");
      if (await tx.uploadedDocument.findUnique({ where: { slug }, select: { slug: true } })) throw new AppError("slug-taken", { slug });
      await tx.uploadedDocument.create({ data: { slug, seminarId, markdown, document: JSON.stringify(doc), createdBy: userId } });
      await tx.seminarDocument.create({ data: { seminarId, slug } });
      return notifyNewDocument(tx, { seminarId, slug, actorId: userId });
    },
    // A whole volume is tens of MB of rows: more than Prisma's default 5 s on a busy machine.
    { timeout: 60_000, maxWait: 10_000 },
  );
  cacheUploadedDocument(slug, doc);
  announceNotifications(told); // committed: the members' badges count the new text now
  // Indexed when published, in the background and off the request thread (lib/workers): search entries
  // for the seminar's members, and the seminar's suggestion index with the new text in both directions.
  void indexUploadedText(seminarId, slug);
  refreshSeminarIndex(seminarId);
  return { slug };
}
