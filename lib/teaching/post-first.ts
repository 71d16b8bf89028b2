/**
 * "Post first", the teaching side: instructors set the number of notes a student writes on a document before
 * classmates' notes show, and the reader tells a student how many are left. The rule itself is enforced with
 * the other access rules (lib/annotations/post-first).
 */
import { z } from "zod";
import { readableWhere, type Viewer } from "@/lib/annotations/access";
import { notesWritten, postFirstRequirements, type PostFirstStatus as PostFirstCount } from "@/lib/annotations/post-first";
import { db } from "@/lib/db/client";
import { requireInstructor, requireMember } from "@/lib/seminars";

export const MAX_POST_FIRST = 20;

/** What the reader tells a student about a locked document: the gate's count, and what is waiting. */
export interface PostFirstStatus extends PostFirstCount {
  /** classmates' notes on the document held back from this student until then (0 once open) */
  waiting: number;
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
    where: {
      role: "target",
      documentSlug: { in: [...slugs] },
      annotation: { ...readableWhere(viewer), seminarId, parentId: null, motivation: { in: ["commenting", "highlighting"] }, authorId: { in: authors } },
    },
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
  const s = await db().seminar.findUniqueOrThrow({
    where: { id: seminarId },
    select: { postFirst: true, documents: { select: { slug: true, postFirst: true }, orderBy: { addedAt: "asc" } } },
  });
  return { seminar: s.postFirst, documents: Object.fromEntries(s.documents.map((d) => [d.slug, d.postFirst])) };
}
