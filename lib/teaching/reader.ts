/**
 * What the reader adds for teaching, per open document of the seminar being read: the heat strip (where
 * notes concentrate, as the member may see them). A student's post-first status comes with the notes
 * (lib/reader-notes/load). Framework-free.
 */
import { documentsHeat, type Heat } from "./overview";

export interface ReaderTeaching {
  heat: Heat | null;
}

/**
 * `seminar` is the one the reader annotates in, as the reader page already loaded it for this member
 * (lib/reader-notes/load): its documents say which open texts belong to it. Membership is checked again here.
 */
export async function readerTeaching(
  userId: string,
  seminar: { id: string; documents: readonly string[] },
  slugs: readonly string[],
): Promise<Map<string, ReaderTeaching>> {
  const inSeminar = [...new Set(slugs)].filter((slug) => seminar.documents.includes(slug));
  const out = new Map<string, ReaderTeaching>();
  if (inSeminar.length === 0) return out;
  const heats = await documentsHeat(userId, seminar.id, inSeminar);
  inSeminar.forEach((slug) => {
    const heat = heats.get(slug) ?? null;
    out.set(slug, { heat: heat && heat.total > 0 ? heat : null });
  });
  return out;
}
