/**
 * The one provider-specific part of search: running a compiled query against SQLite FTS5 or PostgreSQL
 * full-text search. Both see the same pre-analyzed tokens (analyze.ts) and get a query built from tokens
 * we quoted ourselves (query.ts), so they return the same rows; only the scores' scale differs.
 * Everything user-supplied is a bound parameter.
 *
 * Its reads run outside Prisma's pipeline (lib/db/read: on SQLite a connection of their own with cached
 * statements, on PostgreSQL Prisma's raw queries): Prisma's JS query pipeline costs a few milliseconds of CPU
 * per query, several times the query itself, and a search makes six or seven — the difference between ~30 ms
 * and ~5 ms per search. Reads see every committed write (WAL), and every write goes through Prisma as before,
 * so the index still follows each write at once.
 */
import { databaseProvider } from "@/lib/db/adapter";
import { readRows, sqlRows } from "@/lib/db/read";
import { targetPassageFromRow, type TargetPassage } from "@/lib/annotations/types";
import type { EntryKind } from "./indexer";
import { toFts5, toTsquery, type ParsedQuery } from "./query";

export interface EntryRow {
  id: number;
  kind: EntryKind;
  seminarId: string | null;
  annotationId: string | null;
  documentSlug: string;
  blockId: string;
  lang: string;
  /** higher is better */
  score: number;
}

export interface EntryFilter {
  /**
   * `corpus`: document text — the library's (seminarId null) plus texts owned by `textSeminarIds`
   * (uploaded in those seminars); otherwise annotations of `seminarIds`.
   */
  scope: { corpus: true; textSeminarIds?: string[] } | { seminarIds: string[] };
  kinds: EntryKind[];
  /** only these documents (undefined = any) */
  slugs?: string[];
  lang?: string;
  limit: number;
}

/** Must stay identical to the expression of the GIN index in prisma/postgres/migrations/…_search. */
const PG_VECTOR = `(setweight(to_tsvector('simple'::regconfig, e."w"), 'A') || setweight(to_tsvector('simple'::regconfig, e."de"), 'B') || setweight(to_tsvector('simple'::regconfig, e."en"), 'C') || setweight(to_tsvector('simple'::regconfig, e."nk"), 'D'))`;

// Column weights: an exact folded word counts most, a shared stem less, a shared name key least.
const FTS5_RANK = `bm25("SearchFts", 4.0, 1.5, 1.5, 1.0)`;
const PG_RANK_WEIGHTS = "{0.25, 0.4, 0.4, 1.0}"; // ts_rank's order is D, C, B, A

export async function matchEntries(query: ParsedQuery, filter: EntryFilter): Promise<EntryRow[]> {
  if (!filter.kinds.length) return [];
  if ("seminarIds" in filter.scope && filter.scope.seminarIds.length === 0) return [];
  if (filter.slugs && filter.slugs.length === 0) return [];
  const pg = databaseProvider() === "postgresql";
  const expression = pg ? toTsquery(query) : toFts5(query);
  if (!expression) return [];

  const params: unknown[] = [expression];
  const p = (v: unknown) => {
    params.push(v);
    return pg ? `$${params.length}` : "?";
  };
  const list = (vs: readonly unknown[]) => vs.map(p).join(", ");
  const where: string[] = [];
  if ("corpus" in filter.scope) {
    const own = filter.scope.textSeminarIds ?? [];
    where.push(own.length ? `(e."seminarId" IS NULL OR e."seminarId" IN (${list(own)}))` : `e."seminarId" IS NULL`);
  } else where.push(`e."seminarId" IN (${list(filter.scope.seminarIds)})`);
  where.push(`e."kind" IN (${list(filter.kinds)})`);
  if (filter.slugs) where.push(`e."documentSlug" IN (${list(filter.slugs)})`);
  if (filter.lang) where.push(`e."lang" = ${p(filter.lang)}`);
  const limit = Math.max(1, Math.min(1000, Math.floor(filter.limit)));
  const columns = `e."id" AS "id", e."kind" AS "kind", e."seminarId" AS "seminarId", e."annotationId" AS "annotationId", e."documentSlug" AS "documentSlug", e."blockId" AS "blockId", e."lang" AS "lang"`;

  const sql = pg
    ? `SELECT ${columns}, ts_rank('${PG_RANK_WEIGHTS}', ${PG_VECTOR}, q) AS "score"
       FROM "SearchEntry" e, CAST($1 AS tsquery) q
       WHERE ${PG_VECTOR} @@ q AND ${where.join(" AND ")}
       ORDER BY "score" DESC, e."id" ASC LIMIT ${limit}`
    : `SELECT ${columns}, -${FTS5_RANK} AS "score"
       FROM "SearchFts" JOIN "SearchEntry" e ON e."id" = "SearchFts".rowid
       WHERE "SearchFts" MATCH ? AND ${where.join(" AND ")}
       ORDER BY "score" DESC, e."id" ASC LIMIT ${limit}`;
  const rows = await readRows(sql, params);
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind as EntryKind,
    seminarId: (r.seminarId as string | null) ?? null,
    annotationId: (r.annotationId as string | null) ?? null,
    documentSlug: String(r.documentSlug),
    blockId: String(r.blockId),
    lang: String(r.lang),
    score: Number(r.score),
  }));
}

// ---- annotation rows for candidates (raw SQL: one indexed query each instead of Prisma's nested reads) ----

function placeholders(pg: boolean, count: number, offset = 0): string {
  return Array.from({ length: count }, (_, i) => (pg ? `$${offset + i + 1}` : "?")).join(", ");
}

async function byIds<T>(sql: (list: string) => string, ids: string[]): Promise<T[]> {
  if (!ids.length) return [];
  const pg = databaseProvider() === "postgresql";
  return readRows<T>(sql(placeholders(pg, ids.length)), ids);
}

/** The audience fields canRead needs, plus what a result shows. */
export interface AnnotationRow {
  id: string;
  seminarId: string;
  authorId: string;
  authorName: string;
  visibility: string;
  recipientId: string | null;
  hidden: boolean;
  deletedAt: Date | null;
  rootId: string | null;
  motivation: string;
  relation: string | null;
  bodyText: string;
  createdAt: Date;
}

const toDate = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(v as string | number));

export async function annotationsByIds(ids: string[]): Promise<AnnotationRow[]> {
  const rows = await byIds<Record<string, unknown>>(
    (list) => `SELECT a."id", a."seminarId", a."authorId", u."name" AS "authorName", a."visibility", a."recipientId", a."hidden", a."deletedAt",
                      a."rootId", a."motivation", a."relation", a."bodyText", a."createdAt"
               FROM "Annotation" a JOIN "user" u ON u."id" = a."authorId" WHERE a."id" IN (${list})`,
    ids,
  );
  return rows.map((r) => ({
    id: String(r.id),
    seminarId: String(r.seminarId),
    authorId: String(r.authorId),
    authorName: String(r.authorName),
    visibility: String(r.visibility),
    recipientId: (r.recipientId as string | null) ?? null,
    hidden: r.hidden === true || r.hidden === 1 || r.hidden === 1n || r.hidden === "1" || r.hidden === "true",
    deletedAt: toDate(r.deletedAt),
    rootId: (r.rootId as string | null) ?? null,
    motivation: String(r.motivation),
    relation: (r.relation as string | null) ?? null,
    bodyText: String(r.bodyText ?? ""),
    createdAt: toDate(r.createdAt)!,
  }));
}

export async function tagsByAnnotation(ids: string[]): Promise<Map<string, string[]>> {
  const rows = await byIds<{ annotationId: string; tag: string }>(
    (list) => `SELECT "annotationId", "tag" FROM "AnnotationTag" WHERE "annotationId" IN (${list})`,
    ids,
  );
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.annotationId, [...(out.get(r.annotationId) ?? []), r.tag]);
  return out;
}

/** A note's target as search reads it: the stored target's passage (lib/annotations), without what results do not show. */
export type TargetRow = TargetPassage & { annotationId: string };

export async function targetsByAnnotation(ids: string[]): Promise<Map<string, TargetRow[]>> {
  const rows = await byIds<Record<string, unknown>>(
    (list) => `SELECT "annotationId", "role", "documentSlug", "blockId", "blockStart", "blockEnd", "start", "end", "exact", "prefix", "suffix"
               FROM "Target" WHERE "annotationId" IN (${list})`,
    ids,
  );
  const out = new Map<string, TargetRow[]>();
  // Passage A ("target") before passage B ("body"), as the store orders them.
  rows.sort((a, b) => (a.role === b.role ? 0 : a.role === "target" ? -1 : 1));
  for (const r of rows) {
    const p: TargetRow = { ...targetPassageFromRow(r), annotationId: String(r.annotationId) };
    out.set(p.annotationId, [...(out.get(p.annotationId) ?? []), p]);
  }
  return out;
}

/** The viewer's seminars and role in each. */
export async function membershipsOf(userId: string): Promise<Array<{ seminarId: string; role: string }>> {
  return sqlRows`SELECT "seminarId", "role" FROM "Membership" WHERE "userId" = ${userId}`;
}

/** The documents of a seminar. */
export async function seminarSlugs(seminarId: string): Promise<string[]> {
  return (await sqlRows<{ slug: string }>`SELECT "slug" FROM "SeminarDocument" WHERE "seminarId" = ${seminarId}`).map((r) => r.slug);
}

/** Glossary rows (terms as JSON) of these seminars, in a stable order. */
export async function glossaryRows(seminarIds: string[]): Promise<Array<{ id: string; terms: string }>> {
  return byIds((list) => `SELECT "id", "terms" FROM "GlossaryEntry" WHERE "seminarId" IN (${list}) ORDER BY "id"`, seminarIds);
}
