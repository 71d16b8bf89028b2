import type { Prisma } from "@/generated/prisma/client";
import { databaseProvider } from "./adapter";

type Tx = Prisma.TransactionClient;

/** The advisory lock class of "a seminar's writes" (the key's first half; the seminar's hash is the second). */
const SEMINAR_WRITE_LOCK = 0x53594e45;

/**
 * On PostgreSQL, take the seminars' write locks until the transaction ends, in sorted order (no deadlock between
 * two batches). Writers of one seminar then run the locked part of their transactions one after another: its
 * event ids commit in id order across instances (lib/live/event-log), and rows they both update (the
 * members' notification digests) are never locked in opposite orders. Taking a lock the transaction already
 * holds does not wait. SQLite has one writer at a time and needs none.
 */
export async function lockSeminarWrites(tx: Tx, seminarIds: Iterable<string>): Promise<void> {
  if (databaseProvider() !== "postgresql") return;
  for (const seminarId of [...new Set(seminarIds)].sort()) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEMINAR_WRITE_LOCK}::int4, hashtext(${seminarId}))`;
  }
}
