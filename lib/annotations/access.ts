/**
 * Who may see and change an annotation. One set of rules, used three ways: to check a single row (with
 * its thread's root: `canReadInThread`), to build the database filter for lists, and to filter the live
 * event stream, its replay and notifications — so they cannot drift.
 *
 *   private      the author only
 *   seminar      every member (default)
 *   instructors  the author, the seminar's instructors, and `recipientId` (set on replies so the
 *                student who started an instructors-only thread sees the instructor's answer)
 *   feedback     the author and `recipientId` only
 * Hidden annotations (moderated by an instructor) stay visible to instructors and their author.
 */
import type { Role } from "@/lib/seminars";

export type Visibility = "private" | "seminar" | "instructors" | "feedback";
export const VISIBILITIES: readonly Visibility[] = ["private", "seminar", "instructors", "feedback"];

export type Motivation = "commenting" | "highlighting" | "replying" | "linking";
export const MOTIVATIONS: readonly Motivation[] = ["commenting", "highlighting", "replying", "linking"];

export interface Viewer {
  userId: string;
  role: Role;
}

export interface AudienceFields {
  authorId: string;
  visibility: string;
  recipientId: string | null;
  hidden: boolean;
  deletedAt?: Date | string | null;
}

export function canRead(viewer: Viewer, a: AudienceFields): boolean {
  if (a.deletedAt) return false;
  const isAuthor = a.authorId === viewer.userId;
  const isInstructor = viewer.role === "instructor";
  if (a.hidden && !isAuthor && !isInstructor) return false;
  switch (a.visibility) {
    case "seminar":
      return true;
    case "private":
      return isAuthor;
    case "instructors":
      return isAuthor || isInstructor || a.recipientId === viewer.userId;
    case "feedback":
      return isAuthor || a.recipientId === viewer.userId;
    default:
      return false;
  }
}

/**
 * A note as its thread shows it: a reply is readable only while its thread's root is too. Replies copy
 * the root's visibility when written, but the root can later be hidden, deleted, or given another
 * audience; then its replies close with it. Every read of a single note (GET, live events, replay,
 * notifications) decides with this function; `root` is the thread's root (null for a root itself, or when
 * the root row is gone).
 */
export function canReadInThread(viewer: Viewer, a: AudienceFields & { rootId: string | null }, root: AudienceFields | null | undefined): boolean {
  if (!canRead(viewer, a)) return false;
  if (!a.rootId) return true;
  return !!root && canRead(viewer, root);
}

/** Private feedback ("feedback") is a conversation between an instructor and one student. */
export function isFeedbackPair(authorRole: Role, recipientRole: Role): boolean {
  return authorRole !== recipientRole;
}

export function canEdit(viewer: Viewer, a: AudienceFields): boolean {
  return !a.deletedAt && a.authorId === viewer.userId;
}

export const canDelete = canEdit;

export function canModerate(viewer: Viewer): boolean {
  return viewer.role === "instructor";
}

/** The same rule as `canRead`, as a Prisma `where` fragment (without the seminar condition). */
export function readableWhere(viewer: Viewer) {
  const isInstructor = viewer.role === "instructor";
  const audience = [
    { authorId: viewer.userId },
    { visibility: "seminar" },
    { visibility: { in: ["instructors", "feedback"] }, recipientId: viewer.userId },
    ...(isInstructor ? [{ visibility: "instructors" }] : []),
  ];
  return {
    deletedAt: null,
    AND: [isInstructor ? {} : { OR: [{ hidden: false }, { authorId: viewer.userId }] }, { OR: audience }],
  };
}

/**
 * The same rule as `canRead` and `readableWhere`, as an SQL condition over the Annotation row aliased `a`
 * (without the seminar condition), for the hot lists read outside Prisma's query pipeline (lib/db/read). The
 * same text on SQLite and PostgreSQL; the viewer's id goes in as a bound parameter through `bind`, which
 * returns its placeholder. access.test.ts checks the three forms against each other on every kind of row.
 */
export function readableSql(viewer: Viewer, bind: (value: unknown) => string, a = "a"): string {
  const isInstructor = viewer.role === "instructor";
  const audience = [
    `${a}."authorId" = ${bind(viewer.userId)}`,
    `${a}."visibility" = 'seminar'`,
    `(${a}."visibility" IN ('instructors', 'feedback') AND ${a}."recipientId" = ${bind(viewer.userId)})`,
    ...(isInstructor ? [`${a}."visibility" = 'instructors'`] : []),
  ];
  const unhidden = isInstructor ? "" : ` AND (${a}."hidden" = false OR ${a}."authorId" = ${bind(viewer.userId)})`;
  return `(${a}."deletedAt" IS NULL${unhidden} AND (${audience.join(" OR ")}))`;
}

/**
 * Whose name an imported annotation may carry. One's own notes keep their author; an instructor may also
 * import notes under the account that wrote them when that account is a member of the seminar (moving a
 * seminar's discussion to a new seminar). A student's import never writes in a classmate's name.
 */
export function canImportAs(importer: Viewer, authorId: string, authorIsMember: boolean): boolean {
  if (authorId === importer.userId) return true;
  return importer.role === "instructor" && authorIsMember;
}
