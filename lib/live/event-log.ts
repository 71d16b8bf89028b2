/**
 * The live event log's side of a write: the annotation store announces each write (lib/annotations/events)
 * and this subscriber appends its Event rows, in the "log" phase, as the transaction's last statement;
 * after the commit it signals the live bus once per seminar with the newest id.
 *
 * Event rows name the annotation and never copy its text: live streams read the annotation as it is at
 * delivery (./stream), so no deleted, hidden or edited-away text stays in the event history.
 */
import { Prisma } from "@/generated/prisma/client";
import type { AnnotationEvent, AnnotationEventType, Audience } from "@/lib/annotations/events";
import { lockSeminarWrites } from "@/lib/db/seminar-lock";
import type { AfterCommit, Subscriber, Tx } from "@/lib/events/publisher";
import { eventBus } from "./bus";

/** The type an Event row carries (what clients and streams read; older names than the announcements'). */
export type EventType = "annotation.created" | "annotation.updated" | "annotation.deleted" | "annotation.hidden" | "annotation.unhidden";

const ROW_TYPE: Record<AnnotationEventType, EventType> = {
  "annotation.created": "annotation.created",
  "reply.created": "annotation.created",
  "annotation.edited": "annotation.updated",
  "annotation.visibility-changed": "annotation.updated",
  "annotation.deleted": "annotation.deleted",
  "annotation.hidden": "annotation.hidden",
  "annotation.shown": "annotation.unhidden",
};

/**
 * What an Event row's payload holds: who could see the annotation just before the change (absent for a
 * creation). Never the annotation itself.
 */
export interface EventPayload {
  before?: Audience;
}

export interface NewEvent {
  seminarId: string;
  type: string;
  annotationId: string;
  actorId: string;
  /** Who could see the annotation just before the change (EventPayload, JSON); never its text. */
  payload: string;
}

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
  await lockSeminarWrites(
    tx,
    events.map((e) => e.seminarId),
  );
  const now = new Date();
  const values = events.map((e) => Prisma.sql`(${e.seminarId}, ${e.type}, ${e.annotationId}, ${e.actorId}, ${e.payload}, ${now})`);
  const rows = await tx.$queryRaw<
    Array<{ id: number | bigint; annotationId: string }>
  >`INSERT INTO "Event" ("seminarId", "type", "annotationId", "actorId", "payload", "createdAt") VALUES ${Prisma.join(values)} RETURNING "id", "annotationId"`;
  // RETURNING's row order is not promised by either database: match by annotation (one event each here).
  const idOf = new Map(rows.map((r) => [r.annotationId, Number(r.id)]));
  return events.map((e) => {
    const id = idOf.get(e.annotationId);
    if (id === undefined) throw new Error(`event for ${e.annotationId} not returned`);
    return id;
  });
}

/** Appends the write's Event rows (last statement); after the commit, one live signal per seminar. */
export const eventLogSubscriber: Subscriber<AnnotationEvent, "log"> = {
  name: "live.event-log",
  phase: "log",
  async handle(tx: Tx, events: readonly AnnotationEvent[]): Promise<AfterCommit> {
    const ids = await insertEvents(
      tx,
      events.map((e) => ({
        seminarId: e.annotation.seminarId,
        type: ROW_TYPE[e.type],
        annotationId: e.annotation.id,
        actorId: "actorId" in e ? e.actorId : e.annotation.author.id,
        payload: JSON.stringify(("before" in e ? { before: e.before } : {}) satisfies EventPayload),
      })),
    );
    const latest = new Map<string, number>();
    events.forEach((e, i) => latest.set(e.annotation.seminarId, Math.max(latest.get(e.annotation.seminarId) ?? 0, ids[i])));
    return () => {
      for (const [seminarId, eventId] of latest) eventBus().publish(seminarId, eventId);
    };
  },
};
