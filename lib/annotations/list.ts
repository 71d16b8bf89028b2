/**
 * Reading a seminar's annotations a page at a time. A page is a run of whole threads in the order they
 * were started — each root followed by its replies, oldest first — and holds at most `limit` annotations;
 * a thread longer than the page is cut and the next page goes on inside it. The cursor (`next`) is the
 * last (root, reply) the page holds, as an opaque string: keyset pagination, so a page costs the same at
 * the 20,000th note as at the first and a note written meanwhile neither shifts nor repeats a page.
 *
 * No query grows with the seminar: every `IN (…)` holds at most one page of ids, and everything else is a
 * join (relation filters). A list of every id in one statement broke whole seminars at about 1,000 notes
 * (SQLite's bound-parameter limit). The pages read outside Prisma's pipeline (./list-rows). Authorization is the store's: readableSql for every row, the root's
 * visibility for its replies, the "post first" gate on roots.
 */
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { requireMember, seminarHasDocument } from "@/lib/seminars";
import { postFirstGate } from "./post-first";
import { readableWhere, type Viewer } from "./access";
import { listReads, type Bound, type Key } from "./list-rows";
import { toDto } from "./store";
import type { AnnotationDto } from "./types";

/** Annotations per page unless the caller asks for fewer or more. */
export const DEFAULT_PAGE_SIZE = 100;
/** The most a page holds: its ids stay far below any database's parameter limit (SQLite: 999 in old builds). */
export const MAX_PAGE_SIZE = 500;

export interface PageOptions {
  /** Only threads with a passage in any of these documents (one read for several panes). */
  documents?: readonly string[];
  /** Only threads whose root has this motivation (e.g. "linking" for the links view). */
  motivation?: AnnotationDto["motivation"];
  /** Only threads whose root has this relation, author or tag (the links overview's filters). */
  relation?: string;
  authorId?: string;
  /** Any of these tags, exactly as stored (a handful: the spellings of one tag). */
  tags?: readonly string[];
  /** The `next` of the previous page; absent for the first. */
  after?: string | null;
  /** Annotations per page, 1..MAX_PAGE_SIZE (default DEFAULT_PAGE_SIZE). */
  limit?: number;
}

export interface AnnotationPage {
  annotations: AnnotationDto[];
  /** Pass as `after` for the next page; null on the last page. */
  next: string | null;
  /** Pass as `upto` for the page before (pageAnnotationsBefore); null on the first page. */
  prev: string | null;
}

interface Cursor {
  root: Key;
  /** Set when the page ended inside this root's thread: the last reply it held. */
  reply?: Key;
}

function encodeCursor(c: Cursor): string {
  const parts: Array<number | string> = [c.root.t, c.root.id];
  if (c.reply) parts.push(c.reply.t, c.reply.id);
  return Buffer.from(JSON.stringify(parts), "utf8").toString("base64url");
}

/** A cursor from a client; anything that is not one we made is "invalid-request" (400). */
export function decodeCursor(s: string): Cursor {
  const bad = () => new AppError("invalid-request", { reason: "after" });
  if (s.length > 400 || !/^[A-Za-z0-9_-]+$/.test(s)) throw bad();
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(s, "base64url").toString("utf8"));
  } catch {
    throw bad();
  }
  const key = (t: unknown, id: unknown): Key => {
    if (typeof t !== "number" || !Number.isSafeInteger(t) || typeof id !== "string" || id.length > 100) throw bad();
    return { t, id };
  };
  if (!Array.isArray(v) || (v.length !== 2 && v.length !== 4)) throw bad();
  return v.length === 2 ? { root: key(v[0], v[1]) } : { root: key(v[0], v[1]), reply: key(v[2], v[3]) };
}

const keyOf = (row: { createdAt: Date; id: string }): Key => ({ t: row.createdAt.getTime(), id: row.id });

/** Rows after `k` in (createdAt, id) order. */
const after = (k: Key | undefined): Bound => (k ? { op: ">", key: k } : undefined);

/** Rows at or before `k` in (createdAt, id) order (`inclusive`), or strictly before. */
const upTo = (k: Key | undefined, inclusive: boolean): Bound => (k ? { op: inclusive ? "<=" : "<", key: k } : undefined);

/** The page size asked for, clamped; a value that is not a whole number is a 400. */
export function pageLimit(raw: string | number | null | undefined): number {
  if (raw === null || raw === undefined || raw === "") return DEFAULT_PAGE_SIZE;
  const n = typeof raw === "number" ? raw : /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1) throw new AppError("invalid-request", { reason: "limit" });
  return Math.min(n, MAX_PAGE_SIZE);
}

/** What both directions share: the member's filters, the "post first" gate and the reply query. */
async function scope(userId: string, seminarId: string, options: PageOptions) {
  const role = await requireMember(userId, seminarId);
  const viewer: Viewer = { userId, role };
  const slugs = options.documents ? [...new Set(options.documents)] : undefined;
  for (const slug of slugs ?? []) {
    if (!(await seminarHasDocument(seminarId, slug))) throw new AppError("unknown-document", { slug });
  }
  const limit = pageLimit(options.limit);
  const readable = readableWhere(viewer);
  const gate = await postFirstGate(viewer, seminarId);
  // The pages' reads: the member's filters as SQL outside Prisma's pipeline (./list-rows).
  const reads = listReads(viewer, seminarId, {
    slugs,
    motivation: options.motivation,
    relation: options.relation,
    authorId: options.authorId,
    tags: options.tags,
  });
  const visibleRoot = (r: { authorId: string; targets: Array<{ documentSlug: string }> }) =>
    !gate ||
    !gate.hides(
      r.authorId,
      r.targets.map((t) => t.documentSlug),
    );
  return { empty: slugs !== undefined && slugs.length === 0, limit, readable, gate, slugs, reads, visibleRoot };
}

/** One page of what the member may see in a seminar (optionally of some documents or one motivation). */
export async function pageAnnotations(userId: string, seminarId: string, options: PageOptions = {}): Promise<AnnotationPage> {
  const { empty, limit, reads, visibleRoot } = await scope(userId, seminarId, options);
  const prev = options.after ?? null;
  if (empty) return { annotations: [], next: null, prev: null };
  let cursor = options.after ? decodeCursor(options.after) : undefined;
  const repliesOf = (rootIds: string[], from: Key | undefined, take?: number) => reads.replies(rootIds, after(from), take);

  const out: AnnotationDto[] = [];
  // 1. The rest of a thread the previous page cut (if its root is still there for this member).
  if (cursor?.reply) {
    const root = await reads.root(cursor.root.id);
    if (root && visibleRoot(root)) {
      const replies = await repliesOf([root.id], cursor.reply, limit + 1);
      if (replies.length > limit) {
        const kept = replies.slice(0, limit);
        return { annotations: kept.map(toDto), next: encodeCursor({ root: cursor.root, reply: keyOf(kept[kept.length - 1]) }), prev };
      }
      out.push(...replies.map(toDto));
    }
    cursor = { root: cursor.root };
  }

  // 2. Whole threads after the cursor's root, as many as fit.
  const room = limit - out.length;
  if (room === 0) return { annotations: out, next: encodeCursor({ root: cursor!.root }), prev };
  const roots = await reads.roots(after(cursor?.root), room + 1);
  const scanned = roots.slice(0, room);
  let more = roots.length > room;
  const shown = scanned.filter(visibleRoot);
  const counts = await reads.replyCounts(shown.map((r) => r.id));
  const whole: typeof shown = [];
  let used = out.length;
  let cut: (typeof shown)[number] | null = null;
  let last: Key | undefined = cursor?.root;
  for (const r of scanned) {
    if (!visibleRoot(r)) {
      last = keyOf(r);
      continue;
    }
    const need = 1 + (counts.get(r.id) ?? 0);
    if (used + need <= limit) {
      whole.push(r);
      used += need;
      last = keyOf(r);
    } else {
      // The thread does not fit: start it here if the page has room for its root, else leave it to the next page.
      if (used < limit) cut = r;
      more = true;
      break;
    }
  }
  const replies = whole.length
    ? await repliesOf(
        whole.map((r) => r.id),
        undefined,
      )
    : [];
  const byRoot = new Map<string, typeof replies>();
  for (const r of replies) byRoot.set(r.rootId!, [...(byRoot.get(r.rootId!) ?? []), r]);
  for (const r of whole) {
    out.push(toDto(r));
    for (const reply of byRoot.get(r.id) ?? []) out.push(toDto(reply));
  }
  if (cut) {
    out.push(toDto(cut));
    const part = await repliesOf([cut.id], undefined, limit - out.length);
    out.push(...part.map(toDto));
    const lastReply = part.length ? keyOf(part[part.length - 1]) : { t: -1, id: "" };
    return { annotations: out, next: encodeCursor({ root: keyOf(cut), reply: lastReply }), prev };
  }
  return { annotations: out, next: more && last ? encodeCursor({ root: last }) : null, prev };
}

/**
 * The page that ends at `upto` (a page's `prev`, or the `next` of the page before it), or at the very end
 * when `upto` is null (the last page): roots read newest first, a page of them at most, and whole threads
 * taken while they fit. A thread longer than the page keeps its newest `limit` replies and the page starts
 * inside it. `next` leads on from `upto` (null for the last page), `prev` to the page before this one.
 */
export async function pageAnnotationsBefore(
  userId: string,
  seminarId: string,
  options: Omit<PageOptions, "after"> & { upto: string | null },
): Promise<AnnotationPage> {
  const { empty, limit, reads, visibleRoot } = await scope(userId, seminarId, options);
  const next = options.upto;
  if (empty) return { annotations: [], next, prev: null };
  const end = options.upto ? decodeCursor(options.upto) : undefined;
  const page = (annotations: AnnotationDto[], start: Cursor | null): AnnotationPage => ({ annotations, next, prev: start ? encodeCursor(start) : null });
  /** The newest `limit` replies of a thread that does not fit (at or before `upTo`), as a page of their own. */
  const tail = async (root: Key, bound: Bound): Promise<AnnotationPage> => {
    const newest = await reads.replies([root.id], bound, limit + 1, true);
    const kept = newest.slice(0, limit).reverse();
    return page(kept.map(toDto), { root, reply: newest.length > limit ? keyOf(newest[limit]) : { t: -1, id: "" } });
  };

  // 1. The start of a thread the page after this one goes on inside.
  const partial: AnnotationDto[] = [];
  if (end?.reply) {
    const root = await reads.root(end.root.id);
    if (root && visibleRoot(root)) {
      const bound: Bound = end.reply.t < 0 ? "none" : upTo(end.reply, true);
      const replies = end.reply.t < 0 ? [] : await reads.replies([root.id], bound, limit + 1, true);
      if (1 + replies.length > limit) return tail(end.root, bound);
      partial.push(toDto(root), ...replies.reverse().map(toDto));
    }
  }

  // 2. Whole threads before it, newest first, as many as fit.
  const room = limit - partial.length;
  const roots = await reads.roots(upTo(end?.root, !end?.reply), room + 1, true);
  const scanned = roots.slice(0, room);
  const counts = await reads.replyCounts(scanned.filter(visibleRoot).map((r) => r.id));
  const whole: typeof scanned = [];
  let used = partial.length;
  let start: Cursor | null = roots.length > room ? { root: keyOf(roots[room]) } : null;
  for (const r of scanned) {
    if (!visibleRoot(r)) continue;
    const need = 1 + (counts.get(r.id) ?? 0);
    if (used + need <= limit) {
      whole.push(r);
      used += need;
    } else if (used === 0) {
      return tail(keyOf(r), undefined);
    } else {
      start = { root: keyOf(r) };
      break;
    }
  }
  whole.reverse();
  const replies = whole.length
    ? await reads.replies(
        whole.map((r) => r.id),
        undefined,
      )
    : [];
  const byRoot = new Map<string, typeof replies>();
  for (const r of replies) byRoot.set(r.rootId!, [...(byRoot.get(r.rootId!) ?? []), r]);
  const out: AnnotationDto[] = [];
  for (const r of whole) out.push(toDto(r), ...(byRoot.get(r.id) ?? []).map(toDto));
  return page([...out, ...partial], start);
}

/** Up to how many annotations countAnnotations counts unless told otherwise: ten default pages. */
export const COUNT_LIMIT = 10 * DEFAULT_PAGE_SIZE;

/**
 * How many annotations the member sees, when one count can tell without reading pages: no "post first" gate,
 * no document filter (replies carry no passage of their own), and at most `atMost` of them (COUNT_LIMIT by
 * default). Null otherwise: an exact count of a 20,000-note seminar reads all its notes on every request,
 * and the callers (the W3C container's `total`, which the Protocol leaves optional) can do without.
 * Roots by their own visibility, replies by theirs, so a reply left under a deleted root counts though no
 * page lists it.
 */
export async function countAnnotations(
  userId: string,
  seminarId: string,
  options: Pick<PageOptions, "documents"> & { atMost?: number } = {},
): Promise<number | null> {
  const { gate, slugs, readable } = await scope(userId, seminarId, options);
  if (gate || slugs) return null;
  const atMost = options.atMost ?? COUNT_LIMIT;
  const count = await db().annotation.count({
    where: { seminarId, OR: [{ parentId: null }, { rootId: { not: null } }], AND: [readable] },
    // Prisma orders a `take` (by id unless told): in the index's order, the first atMost + 1 rows and no sort.
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: atMost + 1,
  });
  return count > atMost ? null : count;
}

/**
 * Every page in turn, for what must hold everything (an export file, a script): each query stays bounded,
 * and the caller can write page by page instead of holding the whole seminar.
 */
export async function* eachAnnotationPage(
  userId: string,
  seminarId: string,
  options: Omit<PageOptions, "after" | "limit"> = {},
): AsyncGenerator<AnnotationDto[]> {
  let next: string | null = null;
  do {
    const page: AnnotationPage = await pageAnnotations(userId, seminarId, { ...options, after: next, limit: MAX_PAGE_SIZE });
    if (page.annotations.length) yield page.annotations;
    next = page.next;
  } while (next);
}

export interface ListOptions {
  /** Only annotations with a passage in this document (and their replies). */
  document?: string;
  /** Only annotations with a passage in any of these documents (and their replies): one read for several panes. */
  documents?: readonly string[];
}

/**
 * Everything the member may see in a seminar (optionally some documents), thread by thread, read a page at
 * a time. For whole files and scripts only; views show a page (pageAnnotations).
 */
export async function listAnnotations(userId: string, seminarId: string, options: ListOptions = {}): Promise<AnnotationDto[]> {
  const documents = options.document !== undefined ? [options.document, ...(options.documents ?? [])] : options.documents;
  const all: AnnotationDto[] = [];
  for await (const page of eachAnnotationPage(userId, seminarId, { documents })) all.push(...page);
  return all;
}
