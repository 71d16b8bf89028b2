/**
 * What a seminar's editable lists (the glossary, the name list) have in common on the server: every member
 * reads them, a page at a time with a search over every spelling; instructors change them, one entry of this
 * seminar at a time. Framework-free.
 */
import { AppError } from "@/lib/errors";
import { requireInstructor } from "@/lib/seminars";
import { foldText } from "@/lib/text/normalize";

/** The longest search a list page takes (longer input is cut, never refused). */
export const MAX_LIST_QUERY = 100;

export interface ListPage<T> {
  entries: T[];
  /** entries in the list */
  total: number;
  /** entries the search found */
  matching: number;
  page: number;
  pages: number;
}

/**
 * One page of a sorted list, filtered by a search over each entry's `texts` (accents, case and the script of
 * Cyrillic ignored: lib/text/normalize foldText). A page past the end shows the last one.
 */
export function searchPage<T>(sorted: readonly T[], texts: (entry: T) => string[], opts: { q?: string; page?: number }, pageSize: number): ListPage<T> {
  const q = foldText((opts.q ?? "").trim().slice(0, MAX_LIST_QUERY));
  const hits = q ? sorted.filter((e) => texts(e).some((s) => foldText(s).includes(q))) : [...sorted];
  const pages = Math.max(1, Math.ceil(hits.length / pageSize));
  const page = Math.min(Math.max(1, Math.floor(opts.page ?? 1) || 1), pages);
  return { entries: hits.slice((page - 1) * pageSize, page * pageSize), total: sorted.length, matching: hits.length, page, pages };
}

/**
 * Delete one entry of a seminar's list: instructors only; an entry of another seminar, or none, is not-found.
 * `deleteMany` is the list's table, deleting by id within the seminar.
 */
export async function deleteListEntry(
  userId: string,
  seminarId: string,
  entryId: string,
  deleteMany: (where: { id: string; seminarId: string }) => Promise<{ count: number }>,
): Promise<void> {
  await requireInstructor(userId, seminarId);
  const deleted = await deleteMany({ id: entryId, seminarId });
  if (deleted.count === 0) throw new AppError("not-found");
}
