/**
 * "Post first": in a seminar (or for one of its documents) a student sees classmates' notes on a document
 * only after writing a chosen number of their own notes there. Enforced on the server — the annotation
 * list, single reads and the live stream all ask `postFirstGate` — so a student cannot read classmates'
 * notes early by calling the API directly. Instructors' notes and the student's own threads stay visible.
 *
 * The number is Seminar.postFirst (0 = off) unless the document's row overrides it
 * (SeminarDocument.postFirst: null = the seminar's number, 0 = off for this document).
 */
import { z } from "zod";
import { readableWhere, type Viewer } from "@/lib/annotations/access";
import { db } from "@/lib/db/client";
import { requireInstructor, requireMember } from "@/lib/seminars";

export const MAX_POST_FIRST = 20;

export interface PostFirstStatus {
  required: number;
  written: number;
  /** notes still to write before classmates' notes show (0 = open) */
  remaining: number;
  /** classmates' notes on the document held back from this student until then (0 once open) */
  waiting: number;
}

export interface PostFirstGate {
  /** Whether an annotation by `authorId` with passages in `slugs` is held back from this viewer. */
  hides(authorId: string, slugs: readonly string[]): boolean;
  /** The documents still locked for this viewer. */
  locked: ReadonlyMap<string, Omit<PostFirstStatus, "waiting">>;
}

/** The required number per document of the seminar (only documents where it is > 0). */
export async function postFirstRequirements(seminarId: string): Promise<Map<string, number>> {
  const seminar = await db().seminar.findUnique({ where: { id: seminarId }, select: { postFirst: true, documents: { select: { slug: true, postFirst: true } } } });
  const out = new Map<string, number>();
  if (!seminar) return out;
  for (const d of seminar.documents) {
    const n = d.postFirst ?? seminar.postFirst;
    if (n > 0) out.set(d.slug, n);
  }
  return out;
}

/** How many notes (top-level comments, not deleted) the user wrote on each of these documents in the seminar. */
async function notesWritten(userId: string, seminarId: string, slugs: readonly string[]): Promise<Map<string, number>> {
  const targets = await db().target.findMany({
    where: { role: "target", documentSlug: { in: [...slugs] }, annotation: { seminarId, authorId: userId, parentId: null, motivation: "commenting", deletedAt: null } },
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
  const locked = new Map<string, Omit<PostFirstStatus, "waiting">>();
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

/** What the reader tells a student about one document ("Write 2 more notes to see your classmates' notes"). */
export async function postFirstStatus(userId: string, seminarId: string, slug: string): Promise<PostFirstStatus | null> {
  return (await postFirstStatuses(userId, seminarId, [slug])).get(slug) ?? null;
}

/** The same for the reader's open documents at once (one membership check, one count of the student's notes). */
export async function postFirstStatuses(userId: string, seminarId: string, slugs: readonly string[]): Promise<Map<string, PostFirstStatus>> {
  const out = new Map<string, PostFirstStatus>();
  const role = await requireMember(userId, seminarId);
  if (role === "instructor") return out;
  const required = await postFirstRequirements(seminarId);
  const gated = [...new Set(slugs)].filter((slug) => required.get(slug));
  if (gated.length === 0) return out;
  const [written, waiting] = await Promise.all([notesWritten(userId, seminarId, gated), classmatesNotes({ userId, role }, seminarId, gated)]);
  for (const slug of gated) {
    const n = required.get(slug)!;
    const w = written.get(slug) ?? 0;
    const remaining = Math.max(0, n - w);
    out.set(slug, { required: n, written: w, remaining, waiting: remaining > 0 ? (waiting.get(slug) ?? 0) : 0 });
  }
  return out;
}

/**
 * How many notes by other students on each document the viewer could read but for the gate: what the
 * reader says is waiting ("3 notes by classmates are waiting"), so a locked text does not look empty.
 * A count per document (grouped in the database), never the notes themselves.
 */
async function classmatesNotes(viewer: Viewer, seminarId: string, slugs: readonly string[]): Promise<Map<string, number>> {
  const students = db().membership.findMany({ where: { seminarId, role: "student", userId: { not: viewer.userId } }, select: { userId: true } });
  const authors = (await students).map((m) => m.userId);
  const out = new Map<string, number>();
  if (authors.length === 0) return out;
  const groups = await db().target.groupBy({
    by: ["documentSlug"],
    where: { role: "target", documentSlug: { in: [...slugs] }, annotation: { ...readableWhere(viewer), seminarId, parentId: null, motivation: { in: ["commenting", "highlighting"] }, authorId: { in: authors } } },
    _count: { _all: true },
  });
  for (const g of groups) out.set(g.documentSlug, g._count._all);
  return out;
}

export const postFirstInput = z.object({
  seminar: z.number().int().min(0).max(MAX_POST_FIRST),
  /** per document: a number overrides the seminar's; null follows it */
  documents: z.record(z.string(), z.number().int().min(0).max(MAX_POST_FIRST).nullable()).default({}),
});

/** Instructors set the seminar's number and per-document overrides. */
export async function setPostFirst(userId: string, seminarId: string, input: z.input<typeof postFirstInput>): Promise<void> {
  await requireInstructor(userId, seminarId);
  const data = postFirstInput.parse(input);
  await db().$transaction([
    db().seminar.update({ where: { id: seminarId }, data: { postFirst: data.seminar } }),
    ...Object.entries(data.documents).map(([slug, n]) => db().seminarDocument.updateMany({ where: { seminarId, slug }, data: { postFirst: n } })),
  ]);
}

export async function getPostFirstSettings(userId: string, seminarId: string): Promise<{ seminar: number; documents: Record<string, number | null> }> {
  await requireInstructor(userId, seminarId);
  const s = await db().seminar.findUniqueOrThrow({ where: { id: seminarId }, select: { postFirst: true, documents: { select: { slug: true, postFirst: true }, orderBy: { addedAt: "asc" } } } });
  return { seminar: s.postFirst, documents: Object.fromEntries(s.documents.map((d) => [d.slug, d.postFirst])) };
}
