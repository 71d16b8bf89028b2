/**
 * Annotations as they are now, with their thread's root: what the live stream and its replay send
 * (lib/live/stream). Events only name an annotation; its text, audience and thread are read here at the
 * moment of delivery, so a note deleted, hidden, edited or closed since is sent as it is now or not at all.
 *
 * Raw SQL through lib/db/read: committed rows only (on SQLite its own connection), and none of Prisma's
 * per-query cost, which every open stream would pay on every event. At most a page of events' ids at a
 * time (the stream reads 200 events per query), so the IN lists stay small.
 */
import { databaseProvider } from "@/lib/db/adapter";
import { readRows } from "@/lib/db/read";
import type { AudienceFields, Visibility } from "./access";
import type { AnnotationDto, Relation, TargetDto } from "./types";

export interface CurrentAnnotation {
  /** The annotation as GET /api/annotations/:id would answer (for those who may read it). */
  dto: AnnotationDto;
  /** Its own audience fields, `deletedAt` included (a deleted row is a tombstone). */
  audience: AudienceFields & { rootId: string | null };
  /** The thread's root (null for a root, or when the root row is gone), with the documents it is on. */
  root: (AudienceFields & { id: string; slugs: string[] }) | null;
}

const toDate = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(v as string | number));
const toBool = (v: unknown): boolean => v === true || v === 1 || v === 1n || v === "1" || v === "true" || v === "t";

function byIds<T>(sql: (list: string) => string, ids: readonly string[]): Promise<T[]> {
  if (ids.length === 0) return Promise.resolve([]);
  const pg = databaseProvider() === "postgresql";
  const list = ids.map((_, i) => (pg ? `$${i + 1}` : "?")).join(", ");
  return readRows<T>(sql(list), [...ids]);
}

const COLUMNS = `a."id", a."seminarId", a."authorId", u."name" AS "authorName", a."motivation", a."visibility", a."recipientId",
  a."parentId", a."rootId", a."relation", a."bodyHtml", a."bodyText", a."hidden", a."revision", a."createdAt", a."updatedAt", a."deletedAt"`;

/** The annotations with these ids (missing ids are simply absent), each with its root. */
export async function currentAnnotations(ids: readonly string[]): Promise<Map<string, CurrentAnnotation>> {
  const unique = [...new Set(ids)];
  const rows = await byIds<Record<string, unknown>>(
    (list) => `SELECT ${COLUMNS} FROM "Annotation" a JOIN "user" u ON u."id" = a."authorId" WHERE a."id" IN (${list})`,
    unique,
  );
  if (rows.length === 0) return new Map();
  const rootIds = [...new Set(rows.map((r) => r.rootId as string | null).filter((id): id is string => !!id))];
  // One after another, not in parallel: every open stream runs this on every event, and on PostgreSQL each
  // parallel query would hold one more of the instance's pooled connections, which the writes need too.
  const targets = await byIds<Record<string, unknown>>(
    (list) => `SELECT * FROM "Target" WHERE "annotationId" IN (${list})`,
    [...new Set([...rows.map((r) => String(r.id)), ...rootIds])],
  );
  const tags = await byIds<{ annotationId: string; tag: string }>(
    (list) => `SELECT "annotationId", "tag" FROM "AnnotationTag" WHERE "annotationId" IN (${list})`,
    rows.map((r) => String(r.id)),
  );
  const roots = await byIds<Record<string, unknown>>(
    (list) => `SELECT "id", "authorId", "visibility", "recipientId", "hidden", "deletedAt" FROM "Annotation" WHERE "id" IN (${list})`,
    rootIds,
  );
  const targetsOf = new Map<string, TargetDto[]>();
  for (const t of targets) {
    const list = targetsOf.get(String(t.annotationId)) ?? [];
    list.push({
      role: t.role as TargetDto["role"],
      documentSlug: String(t.documentSlug),
      documentVersion: String(t.documentVersion),
      lang: String(t.lang),
      blockId: String(t.blockId),
      blockStart: Number(t.blockStart),
      blockEnd: Number(t.blockEnd),
      start: Number(t.start),
      end: Number(t.end),
      exact: String(t.exact),
      prefix: String(t.prefix),
      suffix: String(t.suffix),
    });
    targetsOf.set(String(t.annotationId), list);
  }
  const tagsOf = new Map<string, string[]>();
  for (const t of tags) tagsOf.set(t.annotationId, [...(tagsOf.get(t.annotationId) ?? []), t.tag]);
  const rootOf = new Map(
    roots.map((r) => [
      String(r.id),
      {
        id: String(r.id),
        authorId: String(r.authorId),
        visibility: String(r.visibility),
        recipientId: (r.recipientId as string | null) ?? null,
        hidden: toBool(r.hidden),
        deletedAt: toDate(r.deletedAt),
        slugs: (targetsOf.get(String(r.id)) ?? []).map((t) => t.documentSlug),
      },
    ]),
  );

  const out = new Map<string, CurrentAnnotation>();
  for (const r of rows) {
    const id = String(r.id);
    const rootId = (r.rootId as string | null) ?? null;
    const audience = {
      authorId: String(r.authorId),
      visibility: String(r.visibility),
      recipientId: (r.recipientId as string | null) ?? null,
      hidden: toBool(r.hidden),
      deletedAt: toDate(r.deletedAt),
      rootId,
    };
    // The same order as store.ts toDto: the target passage before the body passage, tags alphabetically.
    const ownTargets = [...(targetsOf.get(id) ?? [])].sort((a, b) => (a.role === b.role ? 0 : a.role === "target" ? -1 : 1));
    const dto: AnnotationDto = {
      id,
      seminarId: String(r.seminarId),
      author: { id: audience.authorId, name: String(r.authorName) },
      motivation: r.motivation as AnnotationDto["motivation"],
      visibility: audience.visibility as Visibility,
      recipientId: audience.recipientId,
      parentId: (r.parentId as string | null) ?? null,
      rootId,
      relation: (r.relation as Relation | null) ?? null,
      bodyHtml: String(r.bodyHtml ?? ""),
      bodyText: String(r.bodyText ?? ""),
      tags: (tagsOf.get(id) ?? []).sort((a, b) => a.localeCompare(b)),
      hidden: audience.hidden,
      revision: Number(r.revision),
      createdAt: toDate(r.createdAt)!.toISOString(),
      updatedAt: toDate(r.updatedAt)!.toISOString(),
      targets: ownTargets,
    };
    out.set(id, { dto, audience, root: rootId ? (rootOf.get(rootId) ?? null) : null });
  }
  return out;
}
