/**
 * The rows of new annotations, written as a few multi-row INSERTs per batch (see group-commit.ts): the
 * annotations, their passages, their tags and their Event rows. Raw SQL through Prisma's tagged
 * templates (bound parameters, the same on SQLite and PostgreSQL: quoted identifiers, placeholders chosen
 * by Prisma) because Prisma's ORM calls cost 1–2 ms of CPU each in its JS query pipeline, and a nested
 * create with read-back several of them — per note, the bulk of a save. Columns with defaults
 * (hidden, revision) take them; ids and timestamps come from the DTO, which is therefore exactly what
 * the rows hold and needs no read-back. (Their Event rows are written by the live subscriber,
 * lib/live/event-log, in the same transaction.)
 */
import { randomUUID } from "node:crypto";
import { Prisma } from "@/generated/prisma/client";
import type { AnnotationDto } from "./types";

type Tx = Prisma.TransactionClient;

export async function insertAnnotations(tx: Tx, list: readonly AnnotationDto[]): Promise<void> {
  if (list.length === 0) return;
  const annotations = list.map(
    (a) =>
      Prisma.sql`(${a.id}, ${a.seminarId}, ${a.author.id}, ${a.motivation}, ${a.visibility}, ${a.recipientId}, ${a.parentId}, ${a.rootId}, ${a.relation}, ${a.canonical ?? null}, ${a.bodyHtml}, ${a.bodyText}, ${new Date(a.createdAt)}, ${new Date(a.updatedAt)})`,
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
