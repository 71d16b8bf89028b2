/**
 * "Post first", the read rule: in a seminar (or for one of its documents) a student sees classmates' notes on
 * a document only after writing a chosen number of their own notes there. Enforced on the server — the
 * annotation list, single reads, replies, search and the live stream all ask `postFirstGate` — so a student
 * cannot read classmates' notes early by calling the API directly. Instructors' notes and the student's own
 * threads stay visible. (Its settings and the reader's status line: lib/teaching/post-first.)
 *
 * The number is Seminar.postFirst (0 = off) unless the document's row overrides it
 * (SeminarDocument.postFirst: null = the seminar's number, 0 = off for this document).
 */
import { db } from "@/lib/db/client";
import { sqlRows } from "@/lib/db/read";
import type { Viewer } from "./access";

export interface PostFirstStatus {
  required: number;
  written: number;
  /** notes still to write before classmates' notes show (0 = open) */
  remaining: number;
}

export interface PostFirstGate {
  /** Whether an annotation by `authorId` with passages in `slugs` is held back from this viewer. */
  hides(authorId: string, slugs: readonly string[]): boolean;
  /** The documents still locked for this viewer. */
  locked: ReadonlyMap<string, PostFirstStatus>;
}

/**
 * The required number per document of the seminar (only documents where it is > 0). Asked by every list,
 * search and reader page of a student: one indexed read outside Prisma's pipeline (lib/db/read).
 */
export async function postFirstRequirements(seminarId: string): Promise<Map<string, number>> {
  const rows = await sqlRows<{ seminar: number | bigint; slug: string | null; document: number | bigint | null }>`
    SELECT s."postFirst" AS "seminar", d."slug" AS "slug", d."postFirst" AS "document"
    FROM "Seminar" s LEFT JOIN "SeminarDocument" d ON d."seminarId" = s."id" WHERE s."id" = ${seminarId}`;
  const out = new Map<string, number>();
  for (const r of rows) {
    if (r.slug === null) continue;
    const n = Number(r.document ?? r.seminar);
    if (n > 0) out.set(r.slug, n);
  }
  return out;
}

/** How many notes (top-level comments, not deleted) the user wrote on each of these documents in the seminar. */
export async function notesWritten(userId: string, seminarId: string, slugs: readonly string[]): Promise<Map<string, number>> {
  const targets = await db().target.findMany({
    where: {
      role: "target",
      documentSlug: { in: [...slugs] },
      annotation: { seminarId, authorId: userId, parentId: null, motivation: "commenting", deletedAt: null },
    },
    select: { documentSlug: true },
  });
  const out = new Map<string, number>();
  for (const t of targets) out.set(t.documentSlug, (out.get(t.documentSlug) ?? 0) + 1);
  return out;
}

/** The viewer's gate in this seminar, or null when nothing is held back (instructors, setting off, enough notes written). */
export async function postFirstGate(viewer: Viewer, seminarId: string): Promise<PostFirstGate | null> {
  if (viewer.role === "instructor") return null;
  const required = await postFirstRequirements(seminarId);
  if (required.size === 0) return null;
  const written = await notesWritten(viewer.userId, seminarId, [...required.keys()]);
  const locked = new Map<string, PostFirstStatus>();
  for (const [slug, n] of required) {
    const w = written.get(slug) ?? 0;
    if (w < n) locked.set(slug, { required: n, written: w, remaining: n - w });
  }
  if (locked.size === 0) return null;
  const students = new Set((await db().membership.findMany({ where: { seminarId, role: "student" }, select: { userId: true } })).map((m) => m.userId));
  return {
    locked,
    hides: (authorId, slugs) => authorId !== viewer.userId && students.has(authorId) && slugs.some((s) => locked.has(s)),
  };
}
