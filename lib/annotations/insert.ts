/**
 * The rows of new annotations, written as a few multi-row INSERTs per batch (see group-commit.ts): the
 * annotations, their passages, their tags and their Event rows. Raw SQL through Prisma's tagged
 * templates (bound parameters, the same on SQLite and PostgreSQL: quoted identifiers, placeholders chosen
 * by Prisma) because Prisma's ORM calls cost 1–2 ms of CPU each in its JS query pipeline, and a nested
 * create with read-back several of them — per note, the bulk of a save. Columns with defaults
 * (hidden, revision) take them; ids and timestamps come from the DTO, which is therefore exactly what
 * the rows hold and needs no read-back. Event rows name the annotation and never copy its text: live
 * streams read the annotation as it is at delivery (lib/live/stream).
 */
import { randomUUID } from "node:crypto";
import { Prisma } from "@/generated/prisma/client";
import type { AnnotationDto } from "./types";
import { lockSeminarWrites } from "@/lib/db/seminar-lock";

type Tx = Prisma.TransactionClient;

export async function insertAnnotations(tx: Tx, list: readonly AnnotationDto[]): Promise<void> {
  if (list.length === 0) return;
  const annotations = list.map(
    (a) => Prisma.sql`(${a.id}, ${a.seminarId}, ${a.author.id}, ${a.motivation}, ${a.visibility}, ${a.recipientId}, ${a.parentId}, ${a.rootId}, ${a.relation}, ${a.canonical ?? null}, ${a.bodyHtml}, ${a.bodyText}, ${new Date(a.createdAt)}, ${new Date(a.updatedAt)})`,
  );
  await tx.$executeRaw`INSERT INTO "Annotation" ("id", "seminarId", "authorId", "motivation", "visibility", "recipientId", "parentId", "rootId", "relation", "canonical", "bodyHtml", "bodyText", "createdAt", "updatedAt") VALUES ${Prisma.join(annotations)}`;

  const targets = list.flatMap((a) =>
    a.targets.map(
      (t) =>
        Prisma.sql`(${randomUUID()}, ${a.id}, ${t.role}, ${t.documentSlug}, ${t.documentVersion}, ${t.lang}, ${t.blockId}, ${t.blockStart}, ${t.blockEnd}, ${t.start}, ${t.end}, ${t.exact}, ${t.prefix}, ${t.suffix})`,
    ),
  );
  if (targets.length) {
    await tx.$executeRaw`INSERT INTO "Target" ("id", "annotationId", "role", "documentSlug", "documentVersion", "lang", "blockId", "blockStart", "blockEnd", "start", "end", "exact", "prefix", "suffix") VALUES ${Prisma.join(targets)}`;
  }

  const tags = list.flatMap((a) => a.tags.map((tag) => Prisma.sql`(${a.id}, ${tag})`));
  if (tags.length) await tx.$executeRaw`INSERT INTO "AnnotationTag" ("annotationId", "tag") VALUES ${Prisma.join(tags)}`;
}

export interface NewEvent {
  seminarId: string;
  type: string;
  annotationId: string;
  actorId: string;
  /** Who could see the annotation just before the change (EventPayload in store.ts); never its text. */
  payload: string;
}

/** Namespace of the advisory locks that order a seminar's events (any constant; "SYNE" in ASCII). */

/**
 * Appends Event rows; returns their ids in the order given. Call it as the transaction's LAST statement.
 *
 * A live stream reads a seminar's events by id and moves its cursor past what it read (lib/live/stream),
 * so ids must become visible in id order: no event may commit after a larger id of its seminar was already
 * read. On PostgreSQL ids come from a sequence shared by every app instance, and transactions on different
 * instances commit in any order; so before taking ids each transaction takes its seminars' advisory
 * locks, held until it commits. Writers of one seminar thereby take their ids and commit one after another,
 * only for the short tail of their transaction (this insert and the commit); other seminars never wait.
 * Seminars are locked in sorted order (no deadlock between batches). SQLite has one writer at a time:
 * ids are handed out in commit order already.
 */
export async function insertEvents(tx: Tx, events: readonly NewEvent[]): Promise<number[]> {
  if (events.length === 0) return [];
  await lockSeminarWrites(tx, events.map((e) => e.seminarId));
  const now = new Date();
  const values = events.map((e) => Prisma.sql`(${e.seminarId}, ${e.type}, ${e.annotationId}, ${e.actorId}, ${e.payload}, ${now})`);
  const rows = await tx.$queryRaw<Array<{ id: number | bigint; annotationId: string }>>`INSERT INTO "Event" ("seminarId", "type", "annotationId", "actorId", "payload", "createdAt") VALUES ${Prisma.join(values)} RETURNING "id", "annotationId"`;
  // RETURNING's row order is not promised by either database: match by annotation (one event each here).
  const idOf = new Map(rows.map((r) => [r.annotationId, Number(r.id)]));
  return events.map((e) => {
    const id = idOf.get(e.annotationId);
    if (id === undefined) throw new Error(`event for ${e.annotationId} not returned`);
    return id;
  });
}
