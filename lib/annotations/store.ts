/**
 * The annotation store: create, read, update, delete, hide — every call authorizes on the server
 * (membership, role, visibility, authorship), commits its rows and announces what happened (./events):
 * search entries, notifications and the live Event row are written by their modules' subscribers in the
 * same transaction, the live signal after the commit. Errors are AppErrors with codes the UI translates.
 */
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db/client";
import { sqlRows } from "@/lib/db/read";
import { AppError } from "@/lib/errors";
import { roleIn, seminarHasDocument, type Role } from "@/lib/seminars";
import { canDelete, canEdit, canModerate, canRead, canReadInThread, isFeedbackPair, type AudienceFields, type Viewer, type Visibility } from "./access";
import { GroupCommit } from "./group-commit";
import { annotationEvents, type Audience } from "./events";
import { insertAnnotations } from "./insert";
import { postFirstGate } from "./post-first";
import { prepareBody } from "./body";
import { loadDocument, resolveTarget } from "./targets";
import { checkRelation, resolveLinkEnds } from "./link-ends";
import {
  createInput,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  updateInput,
  type AnnotationDto,
  type CreateInput,
  type Relation,
  type TargetDto,
  type UpdateInput,
} from "./types";

export const annotationInclude = {
  targets: true,
  tags: true,
  author: { select: { id: true, name: true } },
} satisfies Prisma.AnnotationInclude;

const include = annotationInclude;
type Row = Prisma.AnnotationGetPayload<{ include: typeof include }>;

export function toDto(row: Row): AnnotationDto {
  const targets = [...row.targets].sort((a, b) => (a.role === b.role ? 0 : a.role === "target" ? -1 : 1));
  return {
    id: row.id,
    seminarId: row.seminarId,
    author: { id: row.author.id, name: row.author.name },
    motivation: row.motivation as AnnotationDto["motivation"],
    visibility: row.visibility as Visibility,
    recipientId: row.recipientId,
    parentId: row.parentId,
    rootId: row.rootId,
    relation: (row.relation as Relation | null) ?? null,
    ...(row.canonical ? { canonical: row.canonical } : {}),
    bodyHtml: row.bodyHtml,
    bodyText: row.bodyText,
    tags: row.tags.map((t) => t.tag).sort((a, b) => a.localeCompare(b)),
    hidden: row.hidden,
    revision: row.revision,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    targets: targets.map((t) => ({
      role: t.role as TargetDto["role"],
      documentSlug: t.documentSlug,
      documentVersion: t.documentVersion,
      lang: t.lang,
      blockId: t.blockId,
      blockStart: t.blockStart,
      blockEnd: t.blockEnd,
      start: t.start,
      end: t.end,
      exact: t.exact,
      prefix: t.prefix,
      suffix: t.suffix,
    })),
  };
}

function parse<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } } },
  input: unknown,
): T {
  const r = schema.safeParse(input);
  if (!r.success) {
    throw new AppError("invalid-request", { issues: r.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })) });
  }
  return r.data;
}

/** Free words plus the seminar's vocabulary (matched case-insensitively, vocabulary casing wins). */
async function normalizeTags(seminarId: string, tags: string[] | undefined): Promise<string[] | undefined> {
  if (tags === undefined) return undefined;
  const vocabulary = await db().seminarTag.findMany({ where: { seminarId }, select: { name: true } });
  const canonical = new Map(vocabulary.map((v) => [v.name.toLowerCase(), v.name]));
  const out = new Map<string, string>();
  for (const raw of tags) {
    const word = raw.replace(/\s+/g, " ").trim().slice(0, MAX_TAG_LENGTH);
    if (!word) continue;
    const key = word.toLowerCase();
    if (!out.has(key)) out.set(key, canonical.get(key) ?? word);
  }
  if (out.size > MAX_TAGS) throw new AppError("too-many-tags", { max: MAX_TAGS });
  return [...out.values()];
}

const audience = (row: AudienceFields): Audience => ({ visibility: row.visibility, recipientId: row.recipientId, hidden: row.hidden });

/** Private feedback is between an instructor and one student: the recipient is a member with the other role. */
async function checkRecipient(seminarId: string, authorId: string, recipientId: string | null | undefined, authorRole?: Role): Promise<string> {
  if (!recipientId || recipientId === authorId) throw new AppError("invalid-recipient");
  const member = await db().membership.findUnique({ where: { seminarId_userId: { seminarId, userId: recipientId } } });
  if (!member) throw new AppError("invalid-recipient");
  if (authorRole && !isFeedbackPair(authorRole, member.role as Role)) throw new AppError("invalid-recipient");
  return recipientId;
}

/**
 * The member's role and name (for the new annotation's author), and whether `slug` is one of the seminar's
 * documents — one indexed read outside Prisma's pipeline (lib/db/read); not-found for non-members.
 */
async function authorIn(userId: string, seminarId: string, slug: string | null): Promise<{ role: Role; name: string; hasDocument: boolean }> {
  const rows = await sqlRows<{ role: string; name: string; hasDocument: unknown }>`
    SELECT m."role" AS "role", u."name" AS "name",
      EXISTS (SELECT 1 FROM "SeminarDocument" d WHERE d."seminarId" = m."seminarId" AND d."slug" = ${slug}) AS "hasDocument"
    FROM "Membership" m JOIN "user" u ON u."id" = m."userId"
    WHERE m."seminarId" = ${seminarId} AND m."userId" = ${userId}`;
  if (!rows[0]) throw new AppError("not-found");
  // EXISTS is a boolean on PostgreSQL, 0 or 1 on SQLite.
  return { role: rows[0].role as Role, name: rows[0].name, hasDocument: rows[0].hasDocument === true || Number(rows[0].hasDocument) === 1 };
}

/**
 * Writes saves that arrive together as one transaction (group-commit.ts): their rows (insert.ts), then
 * their announcement, whose subscribers add search entries, notifications and Event rows (./events).
 */
const creates = new GroupCommit<AnnotationDto, void>(async (list) => {
  await annotationEvents.commit(async (tx) => {
    await insertAnnotations(tx, list);
    return { result: undefined, events: list.map((a) => ({ type: a.parentId ? ("reply.created" as const) : ("annotation.created" as const), annotation: a })) };
  });
  return list.map(() => undefined);
});

/** Create a note, highlight, link or reply. */
export async function createAnnotation(userId: string, seminarId: string, rawInput: unknown): Promise<AnnotationDto> {
  const askedSlug = (rawInput as { target?: { documentSlug?: unknown } } | null)?.target?.documentSlug;
  const author = await authorIn(userId, seminarId, typeof askedSlug === "string" ? askedSlug : null);
  const viewer: Viewer = { userId, role: author.role };
  if ((rawInput as { motivation?: unknown } | null)?.motivation === "linking" && !(rawInput as { parentId?: unknown }).parentId) checkRelation(rawInput, true);
  const input: CreateInput = parse(createInput, rawInput);
  const motivation = input.parentId ? "replying" : (input.motivation ?? "commenting");
  const body = prepareBody(input.body);
  const tags = (await normalizeTags(seminarId, input.tags)) ?? [];

  let visibility: Visibility = input.visibility ?? "seminar";
  let recipientId: string | null = null;
  let parentId: string | null = null;
  let rootId: string | null = null;
  const targets: TargetDto[] = [];

  if (motivation === "replying") {
    if (!input.parentId) throw new AppError("invalid-parent");
    const parent = await db().annotation.findUnique({ where: { id: input.parentId } });
    if (!parent || parent.seminarId !== seminarId || !canRead(viewer, parent)) throw new AppError("invalid-parent");
    const root = parent.rootId ? await db().annotation.findUnique({ where: { id: parent.rootId } }) : parent;
    if (!root || !canRead(viewer, root)) throw new AppError("invalid-parent");
    // "Post first": a thread the student may not see yet cannot be answered either (a forged parent id).
    const gate = await postFirstGate(viewer, seminarId);
    if (gate) {
      const slugs = await db().target.findMany({ where: { annotationId: root.id }, select: { documentSlug: true } });
      if (
        gate.hides(
          root.authorId,
          slugs.map((t) => t.documentSlug),
        )
      )
        throw new AppError("invalid-parent");
    }
    // A reply reaches the thread's audience: the root decides visibility; the other party of a
    // feedback or instructors-only conversation becomes the recipient (see access.ts).
    visibility = root.visibility as Visibility;
    if (visibility === "feedback") recipientId = userId === root.authorId ? root.recipientId : root.authorId;
    else if (visibility === "instructors") recipientId = userId === root.authorId ? root.recipientId : root.authorId;
    parentId = parent.id;
    rootId = root.id;
    if (!body.text) throw new AppError("empty-note");
  } else {
    if (!input.target) throw new AppError("invalid-target");
    if (motivation === "linking") {
      // Links have their own rules (./link-ends): relation, both ends in the seminar, not to itself.
      targets.push(...(await resolveLinkEnds(seminarId, input.target, input.bodyTarget)));
    } else {
      if (input.bodyTarget) throw new AppError("invalid-target");
      const inSeminar = input.target.documentSlug === askedSlug ? author.hasDocument : await seminarHasDocument(seminarId, input.target.documentSlug);
      if (!inSeminar) throw new AppError("unknown-document", { slug: input.target.documentSlug });
      targets.push(resolveTarget(await loadDocument(input.target.documentSlug), input.target, "target"));
    }
    if (motivation === "commenting" && !body.text) throw new AppError("empty-note");
    if (visibility === "feedback") recipientId = await checkRecipient(seminarId, userId, input.recipientId, viewer.role);
  }

  // The annotation exactly as its rows will hold it (what toDto of the stored row gives), ids included.
  const now = new Date().toISOString();
  const dto: AnnotationDto = {
    id: randomUUID(),
    seminarId,
    author: { id: userId, name: author.name },
    motivation,
    visibility,
    recipientId,
    parentId,
    rootId,
    relation: motivation === "linking" ? (input.relation ?? null) : null,
    ...(input.canonical ? { canonical: input.canonical } : {}),
    bodyHtml: body.html,
    bodyText: body.text,
    tags: [...tags].sort((a, b) => a.localeCompare(b)),
    hidden: false,
    revision: 1,
    createdAt: now,
    updatedAt: now,
    targets: [...targets].sort((a, b) => (a.role === b.role ? 0 : a.role === "target" ? -1 : 1)),
  };
  await creates.submit(dto);
  return dto;
}

/** Whether the viewer may read this row, including its thread's root (a hidden thread hides its replies). */
async function readable(viewer: Viewer, row: AudienceFields & { rootId: string | null }): Promise<boolean> {
  if (!canRead(viewer, row)) return false;
  if (!row.rootId) return true;
  return canReadInThread(viewer, row, await db().annotation.findUnique({ where: { id: row.rootId } }));
}

/** One annotation; not-found for anything the user may not see (no existence leak). */
export async function getAnnotation(userId: string, annotationId: string): Promise<AnnotationDto> {
  const row = await db().annotation.findUnique({ where: { id: annotationId }, include });
  if (!row) throw new AppError("not-found");
  const role = await roleIn(userId, row.seminarId);
  if (!role || !(await readable({ userId, role }, row))) throw new AppError("not-found");
  const gate = await postFirstGate({ userId, role }, row.seminarId);
  if (gate) {
    const root = row.rootId ? await db().annotation.findUnique({ where: { id: row.rootId }, include: { targets: { select: { documentSlug: true } } } }) : row;
    if (
      !root ||
      gate.hides(
        root.authorId,
        root.targets.map((t) => t.documentSlug),
      )
    )
      throw new AppError("not-found");
  }
  return toDto(row);
}

async function loadForChange(userId: string, annotationId: string) {
  const row = await db().annotation.findUnique({ where: { id: annotationId }, include });
  if (!row || row.deletedAt) throw new AppError("not-found");
  const role = await roleIn(userId, row.seminarId);
  if (!role) throw new AppError("not-found");
  const viewer: Viewer = { userId, role };
  if (!(await readable(viewer, row))) throw new AppError("not-found");
  return { row, viewer };
}

/**
 * Edit one's own annotation. `revision` is the version the client edited; if someone (another tab)
 * saved in between, nothing is overwritten: "conflict" carries the current version.
 */
export async function updateAnnotation(userId: string, annotationId: string, rawInput: unknown): Promise<AnnotationDto> {
  const { row, viewer } = await loadForChange(userId, annotationId);
  if (row.motivation === "linking") checkRelation(rawInput, false);
  const input: UpdateInput = parse(updateInput, rawInput);
  if (!canEdit(viewer, row)) throw new AppError("forbidden");
  if (row.revision !== input.revision) throw new AppError("conflict", { current: toDto(row) });

  const data: Prisma.AnnotationUpdateManyMutationInput = { revision: { increment: 1 } };
  if (input.body !== undefined) {
    const body = prepareBody(input.body);
    if ((row.motivation === "commenting" || row.motivation === "replying") && !body.text) throw new AppError("empty-note");
    data.bodyHtml = body.html;
    data.bodyText = body.text;
  }
  if (input.visibility !== undefined && input.visibility !== row.visibility) {
    // Replies follow their thread; only a thread's root chooses its audience.
    if (row.parentId) throw new AppError("invalid-request");
    data.visibility = input.visibility;
    data.recipientId = input.visibility === "feedback" ? await checkRecipient(row.seminarId, userId, input.recipientId ?? row.recipientId, viewer.role) : null;
  } else if (input.recipientId !== undefined && row.visibility === "feedback" && !row.parentId) {
    data.recipientId = await checkRecipient(row.seminarId, userId, input.recipientId, viewer.role);
  }
  if (input.relation !== undefined && row.motivation === "linking") data.relation = input.relation;
  const tags = await normalizeTags(row.seminarId, input.tags);

  const before = audience(row);
  const type = data.visibility !== undefined || data.recipientId !== undefined ? "annotation.visibility-changed" : "annotation.edited";
  const fresh = await annotationEvents.commit(async (tx) => {
    // The revision check and the write are one statement: two concurrent saves cannot both win.
    const updated = await tx.annotation.updateMany({ where: { id: annotationId, revision: input.revision, deletedAt: null }, data });
    if (updated.count === 0) return { result: null, events: [] };
    if (tags) {
      await tx.annotationTag.deleteMany({ where: { annotationId } });
      if (tags.length) await tx.annotationTag.createMany({ data: tags.map((tag) => ({ annotationId, tag })) });
    }
    const annotation = toDto(await tx.annotation.findUniqueOrThrow({ where: { id: annotationId }, include }));
    return { result: annotation, events: [{ type, actorId: userId, annotation, before }] };
  });
  if (!fresh) {
    const current = await db().annotation.findUnique({ where: { id: annotationId }, include });
    if (!current || current.deletedAt) throw new AppError("not-found");
    throw new AppError("conflict", { current: toDto(current) });
  }
  return fresh;
}

/** Delete one's own annotation (kept as a tombstone row so the event history stays consistent). */
export async function deleteAnnotation(userId: string, annotationId: string, expectedRevision?: number): Promise<void> {
  const { row, viewer } = await loadForChange(userId, annotationId);
  if (!canDelete(viewer, row)) throw new AppError("forbidden");
  if (expectedRevision !== undefined && expectedRevision !== row.revision) throw new AppError("conflict", { current: toDto(row) });
  await annotationEvents.commit(async (tx) => {
    await tx.annotation.update({ where: { id: annotationId }, data: { deletedAt: new Date() } });
    // The note as it was: notifications take it out of the unread digests that counted it.
    return { result: undefined, events: [{ type: "annotation.deleted", actorId: userId, annotation: toDto(row), before: audience(row) }] };
  });
}

/** Instructors hide (or show again) any annotation in their seminar. */
export async function setHidden(userId: string, annotationId: string, hidden: boolean): Promise<AnnotationDto> {
  const { row, viewer } = await loadForChange(userId, annotationId);
  if (!canModerate(viewer)) throw new AppError("forbidden");
  if (row.hidden === hidden) return toDto(row);
  const before = audience(row);
  return annotationEvents.commit(async (tx) => {
    const annotation = toDto(await tx.annotation.update({ where: { id: annotationId }, data: { hidden }, include }));
    return { result: annotation, events: [{ type: hidden ? "annotation.hidden" : "annotation.shown", actorId: userId, annotation, before }] };
  });
}
