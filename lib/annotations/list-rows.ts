/**
 * The reads of the annotation lists (./list), outside Prisma's query pipeline (lib/db/read): a page of the
 * notes of a document costs five or six queries, and Prisma's JS pipeline compiled each of them anew for
 * every request, about half the CPU of a page. Here each is one statement with bound parameters, the same
 * text on SQLite and PostgreSQL, whose rows come back in the shape Prisma's `annotationInclude` gives
 * (targets, tags, author), so the store's `toDto` turns them into annotations as before.
 *
 * Authorization is the store's rule as SQL (`readableSql`, lib/annotations/access), applied to every row.
 */
import type { Prisma } from "@/generated/prisma/client";
import { databaseProvider } from "@/lib/db/adapter";
import { readRows } from "@/lib/db/read";
import { readableSql, type Viewer } from "./access";
import { targetPassageFromRow } from "./types";
import type { annotationInclude } from "./store";

export type AnnotationRow = Prisma.AnnotationGetPayload<{ include: typeof annotationInclude }>;

/** A position in a seminar's (createdAt, id) order. */
export interface Key {
  t: number;
  id: string;
}

/** Rows strictly after `key`, strictly before it, or at or before it; "none": no rows at all. */
export type Bound = { op: ">" | "<" | "<="; key: Key } | "none" | undefined;

/** What a list's roots must match besides their bound (the options of lib/annotations/list). */
export interface RootFilter {
  slugs?: readonly string[];
  motivation?: string;
  relation?: string;
  authorId?: string;
  tags?: readonly string[];
}

class Query {
  readonly params: unknown[] = [];
  private readonly pg = databaseProvider() === "postgresql";
  bind = (value: unknown): string => {
    this.params.push(value);
    return this.pg ? `$${this.params.length}` : "?";
  };
  list = (values: readonly unknown[]): string => values.map(this.bind).join(", ");
  /** A DateTime as the column holds it: the SQLite adapter's ISO text, a timestamp on PostgreSQL. */
  date = (t: number): string => this.bind(this.pg ? new Date(t) : new Date(t).toISOString().replace("Z", "+00:00"));
  bound(b: Bound, a = "a"): string {
    if (b === undefined) return "";
    if (b === "none") return " AND 1 = 0";
    // Row values: both databases compare them in order and seek the (seminarId, createdAt, id) index with them.
    return ` AND (${a}."createdAt", ${a}."id") ${b.op} (${this.date(b.key.t)}, ${this.bind(b.key.id)})`;
  }
}

const COLUMNS = `a."id", a."seminarId", a."authorId", a."motivation", a."visibility", a."recipientId", a."parentId", a."rootId", a."relation",
  a."canonical", a."bodyHtml", a."bodyText", a."hidden", a."revision", a."createdAt", a."updatedAt", a."deletedAt", u."name" AS "authorName"`;

const toDate = (v: unknown): Date => (v instanceof Date ? v : new Date(v as string | number));
const toBool = (v: unknown): boolean => v === true || v === 1 || v === 1n;
const order = (desc: boolean) => (desc ? `ORDER BY a."createdAt" DESC, a."id" DESC` : `ORDER BY a."createdAt" ASC, a."id" ASC`);

/** Annotation rows of `sql` (selecting COLUMNS), with their targets and tags: three statements. */
async function withIncludes(sql: string, params: unknown[]): Promise<AnnotationRow[]> {
  const rows = await readRows<Record<string, unknown>>(sql, params);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => String(r.id));
  const q = new Query();
  const targets = await readRows<Record<string, unknown>>(
    `SELECT "id", "annotationId", "role", "documentSlug", "documentVersion", "lang", "blockId", "blockStart", "blockEnd", "start", "end", "exact", "prefix", "suffix"
     FROM "Target" WHERE "annotationId" IN (${q.list(ids)})`,
    q.params,
  );
  const t = new Query();
  const tags = await readRows<{ annotationId: string; tag: string }>(
    `SELECT "annotationId", "tag" FROM "AnnotationTag" WHERE "annotationId" IN (${t.list(ids)})`,
    t.params,
  );
  const targetsOf = new Map<string, AnnotationRow["targets"]>();
  for (const r of targets) {
    const annotationId = String(r.annotationId);
    const list = targetsOf.get(annotationId) ?? [];
    list.push({
      ...targetPassageFromRow(r),
      id: String(r.id),
      annotationId,
      role: String(r.role),
      documentVersion: String(r.documentVersion),
      lang: String(r.lang),
    });
    targetsOf.set(annotationId, list);
  }
  const tagsOf = new Map<string, AnnotationRow["tags"]>();
  for (const r of tags) tagsOf.set(r.annotationId, [...(tagsOf.get(r.annotationId) ?? []), { annotationId: r.annotationId, tag: r.tag }]);
  return rows.map((r) => {
    const id = String(r.id);
    const authorId = String(r.authorId);
    return {
      id,
      seminarId: String(r.seminarId),
      authorId,
      motivation: String(r.motivation),
      visibility: String(r.visibility),
      recipientId: (r.recipientId as string | null) ?? null,
      parentId: (r.parentId as string | null) ?? null,
      rootId: (r.rootId as string | null) ?? null,
      relation: (r.relation as string | null) ?? null,
      canonical: (r.canonical as string | null) ?? null,
      bodyHtml: String(r.bodyHtml ?? ""),
      bodyText: String(r.bodyText ?? ""),
      hidden: toBool(r.hidden),
      revision: Number(r.revision),
      createdAt: toDate(r.createdAt),
      updatedAt: toDate(r.updatedAt),
      deletedAt: r.deletedAt === null || r.deletedAt === undefined ? null : toDate(r.deletedAt),
      targets: targetsOf.get(id) ?? [],
      tags: tagsOf.get(id) ?? [],
      author: { id: authorId, name: String(r.authorName) },
    };
  });
}

/** The reads of one member's lists in one seminar. */
export function listReads(viewer: Viewer, seminarId: string, filter: RootFilter) {
  /** The roots' condition: in the seminar, readable by the viewer, and the list's filters. */
  const rootCondition = (q: Query): string => {
    const parts = [`a."seminarId" = ${q.bind(seminarId)}`, `a."parentId" IS NULL`, readableSql(viewer, q.bind)];
    // IN (SELECT …), not EXISTS: for a text with few notes in a big seminar (most texts a reader opens) SQLite
    // checks each of the seminar's roots against the list of the text's notes; a correlated EXISTS probed the
    // passages of every root instead, 4× the cost (0.5 against 2.1 ms at 3,000 notes). For the text holding the
    // notes EXISTS is cheaper (0.3 against 0.7 ms), but that is the rarer page.
    if (filter.slugs) parts.push(`a."id" IN (SELECT t."annotationId" FROM "Target" t WHERE t."documentSlug" IN (${q.list(filter.slugs)}))`);
    if (filter.motivation) parts.push(`a."motivation" = ${q.bind(filter.motivation)}`);
    if (filter.relation) parts.push(`a."relation" = ${q.bind(filter.relation)}`);
    if (filter.authorId) parts.push(`a."authorId" = ${q.bind(filter.authorId)}`);
    if (filter.tags)
      parts.push(`EXISTS (SELECT 1 FROM "AnnotationTag" g WHERE g."annotationId" = a."id" AND g."tag" IN (${q.list(filter.tags.slice(0, 50))}))`);
    return parts.join(" AND ");
  };
  const from = `FROM "Annotation" a JOIN "user" u ON u."id" = a."authorId"`;
  /**
   * Replies are found by their roots (the rootId index). Their seminar is checked too, written so that no index
   * can serve it: given `seminarId = ?`, SQLite (no ANALYZE statistics) walked the seminar's index and read every
   * note of the seminar to find a page's replies.
   */
  const repliesIn = (q: Query, rootIds: string[]) => `(a."seminarId" || '') = ${q.bind(seminarId)} AND a."rootId" IN (${q.list(rootIds)})`;
  return {
    /** One root of the list by id (null when it is not, or no longer, in the list for this viewer). */
    async root(id: string): Promise<AnnotationRow | null> {
      const q = new Query();
      const sql = `SELECT ${COLUMNS} ${from} WHERE ${rootCondition(q)} AND a."id" = ${q.bind(id)}`;
      return (await withIncludes(sql, q.params))[0] ?? null;
    },
    /** Up to `take` roots within `bound`, oldest first (or newest first). */
    async roots(bound: Bound, take: number, desc = false): Promise<AnnotationRow[]> {
      const q = new Query();
      const sql = `SELECT ${COLUMNS} ${from} WHERE ${rootCondition(q)}${q.bound(bound)} ${order(desc)} LIMIT ${Math.max(0, Math.floor(take))}`;
      return withIncludes(sql, q.params);
    },
    /** The replies the viewer may read of these roots (at most a page of them), within `bound`, optionally at most `take`. */
    async replies(rootIds: string[], bound: Bound, take?: number, desc = false): Promise<AnnotationRow[]> {
      if (!rootIds.length) return [];
      const q = new Query();
      const limit = take === undefined ? "" : ` LIMIT ${Math.max(0, Math.floor(take))}`;
      const sql = `SELECT ${COLUMNS} ${from} WHERE ${repliesIn(q, rootIds)} AND ${readableSql(viewer, q.bind)}${q.bound(bound)} ${order(desc)}${limit}`;
      return withIncludes(sql, q.params);
    },
    /** How many replies the viewer may read, per root (for at most a page of roots). */
    async replyCounts(rootIds: string[]): Promise<Map<string, number>> {
      const counts = new Map<string, number>();
      if (!rootIds.length) return counts;
      const q = new Query();
      const rows = await readRows<{ rootId: string; n: number | bigint }>(
        `SELECT a."rootId" AS "rootId", COUNT(*) AS "n" FROM "Annotation" a WHERE ${repliesIn(q, rootIds)} AND ${readableSql(viewer, q.bind)} GROUP BY a."rootId"`,
        q.params,
      );
      for (const r of rows) counts.set(r.rootId, Number(r.n));
      return counts;
    },
  };
}
