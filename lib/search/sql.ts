/**
 * The one provider-specific part of search: running a compiled query against SQLite FTS5 or PostgreSQL
 * full-text search. Both see the same pre-analyzed tokens (analyze.ts) and get a query built from tokens
 * we quoted ourselves (query.ts), so they return the same rows; only the scores' scale differs.
 * Everything user-supplied is a bound parameter.
 */
import { databaseProvider } from "@/lib/db/adapter";
import { db } from "@/lib/db/client";
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
  /** corpus text (seminarId null) or annotations of these seminars */
  scope: { corpus: true } | { seminarIds: string[] };
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
  if ("corpus" in filter.scope) where.push(`e."seminarId" IS NULL`);
  else where.push(`e."seminarId" IN (${list(filter.scope.seminarIds)})`);
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
  const rows = await db().$queryRawUnsafe<Array<Record<string, unknown>>>(sql, ...params);
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
