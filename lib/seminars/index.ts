/**
 * Seminars: an instructor creates one, picks its documents, shares an invite link; whoever opens the
 * link (signed in) joins as a student. Every function takes the acting user's id and checks the role
 * itself — routes stay thin and cannot forget a check.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { sqlRows } from "@/lib/db/read";
import { AppError } from "@/lib/errors";
import { documentCatalog } from "./catalog";
import { seminarEvents } from "./events";

export type Role = "instructor" | "student";
export const ROLES: readonly Role[] = ["instructor", "student"];

export interface SeminarSummary {
  id: string;
  title: string;
  description: string;
  role: Role;
  documentCount: number;
  memberCount: number;
}

export interface SeminarTagDto {
  name: string;
  color: string;
}

export interface SeminarDetail {
  id: string;
  title: string;
  description: string;
  role: Role;
  documents: string[];
  tags: SeminarTagDto[];
  /** Only for instructors: the code behind /[locale]/join/<code>. */
  inviteCode: string | null;
  members: Array<{ userId: string; name: string; role: Role }>;
}

export const seminarInput = z.object({
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).default(""),
  documents: z.array(z.string().min(1).max(200)).max(200).default([]),
});

export const tagVocabularyInput = z
  .array(
    z.object({
      name: z.string().trim().min(1).max(40),
      color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
    }),
  )
  .max(50);

function newInviteCode(): string {
  // 96 random bits, URL-safe: unguessable, short enough to read aloud in a seminar.
  return randomBytes(12).toString("base64url");
}

export async function roleIn(userId: string, seminarId: string): Promise<Role | null> {
  // Asked by nearly every request: one indexed read outside Prisma's pipeline (lib/db/read).
  const rows = await sqlRows<{ role: string }>`SELECT "role" FROM "Membership" WHERE "seminarId" = ${seminarId} AND "userId" = ${userId}`;
  return (rows[0]?.role as Role | undefined) ?? null;
}

/** The member's role; not-found for non-members (never reveal that a seminar exists). */
export async function requireMember(userId: string, seminarId: string): Promise<Role> {
  const role = await roleIn(userId, seminarId);
  if (!role) throw new AppError("not-found");
  return role;
}

export async function requireInstructor(userId: string, seminarId: string): Promise<void> {
  const role = await requireMember(userId, seminarId);
  if (role !== "instructor") throw new AppError("forbidden");
}

/**
 * The texts a seminar may hold: library texts (the public corpus) and texts uploaded to this very seminar.
 * Another seminar's upload is refused exactly like a slug that does not exist ("unknown-document"), so a
 * stranger can neither attach it (and then read it) nor learn that it exists. `seminarId` is null for a
 * seminar being created, which has no uploads yet.
 */
async function validateDocuments(seminarId: string | null, slugs: string[]): Promise<string[]> {
  const catalog = await documentCatalog();
  const unique = [...new Set(slugs)];
  // At most 200 slugs (the input schema): one bounded query tells which are uploads and whose.
  const uploads = new Map(
    (await db().uploadedDocument.findMany({ where: { slug: { in: unique } }, select: { slug: true, seminarId: true } })).map((u) => [u.slug, u.seminarId]),
  );
  for (const slug of unique) {
    const owner = uploads.get(slug);
    const allowed = owner !== undefined ? owner === seminarId : (await catalog.get(slug)) !== null;
    if (!allowed) throw new AppError("unknown-document", { slug });
  }
  return unique;
}

export async function createSeminar(userId: string, input: z.input<typeof seminarInput>): Promise<{ id: string; inviteCode: string }> {
  const data = seminarInput.parse(input);
  const documents = await validateDocuments(null, data.documents);
  // Announced (lib/seminars/events); a new seminar's glossary and name list start empty.
  return seminarEvents.commit(async (tx) => {
    const seminar = await tx.seminar.create({
      data: {
        title: data.title,
        description: data.description,
        inviteCode: newInviteCode(),
        members: { create: { userId, role: "instructor" } },
        documents: { create: documents.map((slug) => ({ slug })) },
      },
    });
    return { result: { id: seminar.id, inviteCode: seminar.inviteCode }, events: [{ type: "seminar.created", seminarId: seminar.id, userId }] };
  });
}

export async function listSeminars(userId: string): Promise<SeminarSummary[]> {
  const rows = await db().membership.findMany({
    where: { userId },
    include: { seminar: { include: { _count: { select: { documents: true, members: true } } } } },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((m) => ({
    id: m.seminar.id,
    title: m.seminar.title,
    description: m.seminar.description,
    role: m.role as Role,
    documentCount: m.seminar._count.documents,
    memberCount: m.seminar._count.members,
  }));
}

export async function getSeminar(userId: string, seminarId: string): Promise<SeminarDetail> {
  const role = await requireMember(userId, seminarId);
  const s = await db().seminar.findUnique({
    where: { id: seminarId },
    include: {
      documents: { orderBy: { addedAt: "asc" } },
      tags: { orderBy: { name: "asc" } },
      members: { include: { user: { select: { name: true } } }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!s) throw new AppError("not-found");
  return {
    id: s.id,
    title: s.title,
    description: s.description,
    role,
    documents: s.documents.map((d) => d.slug),
    tags: s.tags.map((t) => ({ name: t.name, color: t.color })),
    inviteCode: role === "instructor" ? s.inviteCode : null,
    members: s.members.map((m) => ({ userId: m.userId, name: m.user.name, role: m.role as Role })),
  };
}

/** A seminar as the reader needs it to pick where to annotate: its texts, and the member's role there. */
export interface SeminarTexts {
  id: string;
  title: string;
  role: Role;
  /** in the order they were added */
  documents: string[];
}

/**
 * Every seminar the user belongs to, newest membership first (as listSeminars), with its texts: what the
 * reader asks on every signed-in page. One joined read outside Prisma's pipeline (lib/db/read), where
 * listSeminars and a getSeminar per seminar cost ~10 ms of CPU.
 */
export async function memberSeminarTexts(userId: string): Promise<SeminarTexts[]> {
  const rows = await sqlRows<{ id: string; title: string; role: string; slug: string | null }>`
    SELECT s."id", s."title", m."role", d."slug"
    FROM "Membership" m
    JOIN "Seminar" s ON s."id" = m."seminarId"
    LEFT JOIN "SeminarDocument" d ON d."seminarId" = m."seminarId"
    WHERE m."userId" = ${userId}
    ORDER BY m."createdAt" DESC, m."id", d."addedAt" ASC, d."slug"`;
  const out = new Map<string, SeminarTexts>();
  for (const r of rows) {
    let s = out.get(r.id);
    if (!s) out.set(r.id, (s = { id: r.id, title: r.title, role: r.role as Role, documents: [] }));
    if (r.slug !== null) s.documents.push(r.slug);
  }
  return [...out.values()];
}

/** A seminar's tag vocabulary and members (as getSeminar gives them), for a member only; not-found otherwise. */
export async function seminarTagsAndMembers(
  userId: string,
  seminarId: string,
): Promise<{ tags: SeminarTagDto[]; members: Array<{ userId: string; name: string; role: Role }> }> {
  await requireMember(userId, seminarId);
  const [tags, members] = await Promise.all([
    sqlRows<SeminarTagDto>`SELECT "name", "color" FROM "SeminarTag" WHERE "seminarId" = ${seminarId} ORDER BY "name"`,
    sqlRows<{ userId: string; name: string; role: string }>`
      SELECT m."userId", u."name", m."role" FROM "Membership" m JOIN "user" u ON u."id" = m."userId"
      WHERE m."seminarId" = ${seminarId} ORDER BY m."createdAt", m."id"`,
  ]);
  return { tags: tags.map((t) => ({ name: t.name, color: t.color })), members: members.map((m) => ({ userId: m.userId, name: m.name, role: m.role as Role })) };
}

export async function updateSeminar(
  userId: string,
  seminarId: string,
  input: Partial<Pick<z.input<typeof seminarInput>, "title" | "description">>,
): Promise<void> {
  await requireInstructor(userId, seminarId);
  const data = seminarInput.pick({ title: true, description: true }).partial().parse(input);
  await db().seminar.update({ where: { id: seminarId }, data });
}

/** Replace the seminar's document list (order kept as given). */
export async function setDocuments(userId: string, seminarId: string, slugs: string[]): Promise<string[]> {
  await requireInstructor(userId, seminarId);
  const documents = await validateDocuments(seminarId, z.array(z.string().min(1).max(200)).max(200).parse(slugs));
  await db().$transaction([
    db().seminarDocument.deleteMany({ where: { seminarId, slug: { notIn: documents } } }),
    ...documents.map((slug) => db().seminarDocument.upsert({ where: { seminarId_slug: { seminarId, slug } }, create: { seminarId, slug }, update: {} })),
  ]);
  return documents;
}

export async function seminarHasDocument(seminarId: string, slug: string): Promise<boolean> {
  // Asked on every save: one indexed read outside Prisma's pipeline (lib/db/read).
  const rows = await sqlRows`SELECT 1 AS "found" FROM "SeminarDocument" WHERE "seminarId" = ${seminarId} AND "slug" = ${slug} LIMIT 1`;
  return rows.length > 0;
}

/**
 * Who may read a text: the built-in corpus (content/) is the public library; a text uploaded in the app
 * belongs to its seminars, so only their members read it — whatever slug a visitor types into the URL.
 */
export async function canReadDocument(userId: string | null, slug: string, isPublicCorpus: (slug: string) => boolean): Promise<boolean> {
  if (isPublicCorpus(slug)) return true;
  if (!userId) return false;
  const shared = await db().seminarDocument.count({ where: { slug, seminar: { members: { some: { userId } } } } });
  return shared > 0;
}

/** A new invite code; the old link stops working. */
export async function regenerateInvite(userId: string, seminarId: string): Promise<string> {
  await requireInstructor(userId, seminarId);
  const inviteCode = newInviteCode();
  await db().seminar.update({ where: { id: seminarId }, data: { inviteCode } });
  return inviteCode;
}

/** What the join page shows before the visitor confirms (title only: the code is the secret). */
export async function previewInvite(inviteCode: string): Promise<{ seminarId: string; title: string } | null> {
  const s = await db().seminar.findUnique({ where: { inviteCode }, select: { id: true, title: true } });
  return s ? { seminarId: s.id, title: s.title } : null;
}

/** Join as a student; idempotent, and an instructor who opens their own link stays instructor. */
export async function joinByInvite(userId: string, inviteCode: string): Promise<{ seminarId: string; role: Role }> {
  const s = await db().seminar.findUnique({ where: { inviteCode }, select: { id: true } });
  if (!s) throw new AppError("invalid-invite");
  // Announced: an open notifications badge starts following the new seminar now, not at the next page load.
  const role = await seminarEvents.commit(async (tx) => {
    const m = await tx.membership.upsert({
      where: { seminarId_userId: { seminarId: s.id, userId } },
      create: { seminarId: s.id, userId, role: "student" },
      update: {},
    });
    return { result: m.role as Role, events: [{ type: "member.joined", seminarId: s.id, userId }] };
  });
  return { seminarId: s.id, role };
}

export async function setMemberRole(userId: string, seminarId: string, memberId: string, role: Role): Promise<void> {
  await requireInstructor(userId, seminarId);
  if (!ROLES.includes(role)) throw new AppError("invalid-request");
  const result = await db().membership.updateMany({ where: { seminarId, userId: memberId }, data: { role } });
  if (result.count === 0) throw new AppError("not-found");
}

export async function getTagVocabulary(userId: string, seminarId: string): Promise<SeminarTagDto[]> {
  await requireMember(userId, seminarId);
  const tags = await db().seminarTag.findMany({ where: { seminarId }, orderBy: { name: "asc" } });
  return tags.map((t) => ({ name: t.name, color: t.color }));
}

/** Replace the seminar's tag vocabulary (names unique, case-insensitively). */
export async function setTagVocabulary(userId: string, seminarId: string, input: SeminarTagDto[]): Promise<SeminarTagDto[]> {
  await requireInstructor(userId, seminarId);
  const parsed = tagVocabularyInput.parse(input);
  const seen = new Set<string>();
  const tags = parsed
    .filter((t) => {
      const k = t.name.toLowerCase();
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .map((t) => ({ name: t.name, color: t.color.toLowerCase() }));
  await db().$transaction([db().seminarTag.deleteMany({ where: { seminarId } }), db().seminarTag.createMany({ data: tags.map((t) => ({ seminarId, ...t })) })]);
  return tags;
}
