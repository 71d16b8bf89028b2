/**
 * What the reader adds for teaching, per open document of the seminar being read: the heat strip (where
 * notes concentrate, as the member may see them) and the post-first status of a student. Framework-free.
 */
import { getSeminar } from "@/lib/seminars";
import { documentHeat, type Heat } from "./overview";
import { postFirstStatus, type PostFirstStatus } from "./post-first";

export interface ReaderTeaching {
  heat: Heat | null;
  postFirst: PostFirstStatus | null;
}

export async function readerTeaching(userId: string, seminarId: string, slugs: readonly string[]): Promise<Map<string, ReaderTeaching>> {
  const seminar = await getSeminar(userId, seminarId);
  const out = new Map<string, ReaderTeaching>();
  for (const slug of new Set(slugs)) {
    if (!seminar.documents.includes(slug)) continue;
    const [heat, postFirst] = await Promise.all([documentHeat(userId, seminarId, slug), postFirstStatus(userId, seminarId, slug)]);
    out.set(slug, { heat: heat && heat.total > 0 ? heat : null, postFirst: postFirst && postFirst.remaining > 0 ? postFirst : null });
  }
  return out;
}
