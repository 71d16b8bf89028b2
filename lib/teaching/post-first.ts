/**
 * "Post first", the teaching side: instructors set the number of notes a student writes on a document before
 * classmates' notes show, and the reader tells a student how many are left. The rule itself is enforced with
 * the other access rules (lib/annotations/post-first).
 */
import { z } from "zod";
import { notesWritten, postFirstRequirements, type PostFirstStatus } from "@/lib/annotations/post-first";
import { db } from "@/lib/db/client";
import { requireInstructor, requireMember } from "@/lib/seminars";

export type { PostFirstStatus };

export const MAX_POST_FIRST = 20;

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
  const written = await notesWritten(userId, seminarId, gated);
  for (const slug of gated) {
    const n = required.get(slug)!;
    const w = written.get(slug) ?? 0;
    out.set(slug, { required: n, written: w, remaining: Math.max(0, n - w) });
  }
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
