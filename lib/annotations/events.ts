/**
 * What the annotation store announces after each write (lib/events/publisher): the store commits the rows
 * and returns these events; in the same transaction, in this order of phases,
 *   1. "index"  — search entries (lib/search/annotation-index);
 *   2. "notify" — notifications (lib/notifications/subscriber); the phase starts by taking the seminars'
 *                 write locks (lib/db/seminar-lock), so two writers of one seminar never bump the same
 *                 members' digests in opposite orders (a PostgreSQL deadlock);
 *   3. "log"    — the live Event row (lib/live/event-log): the transaction's LAST statement, under that same
 *                 lock, so a seminar's events commit in id order across instances; its live signal goes out
 *                 after the commit.
 * lib/startup registers the subscribers; with none registered a write throws.
 */
import { lockSeminarWrites } from "@/lib/db/seminar-lock";
import { Publisher } from "@/lib/events/publisher";
import type { AudienceFields } from "./access";
import type { AnnotationDto } from "./types";

/** Who could see an annotation just before a change. */
export type Audience = Pick<AudienceFields, "visibility" | "recipientId" | "hidden">;

export type AnnotationEvent =
  /** A note, highlight or link was made on a passage. */
  | { type: "annotation.created"; annotation: AnnotationDto }
  /** Someone answered in a thread. */
  | { type: "reply.created"; annotation: AnnotationDto }
  /** Its author changed the text, tags or relation (same audience). */
  | { type: "annotation.edited"; actorId: string; annotation: AnnotationDto; before: Audience }
  /** Its author changed who sees it (possibly with the text). */
  | { type: "annotation.visibility-changed"; actorId: string; annotation: AnnotationDto; before: Audience }
  /** Its author deleted it (the row stays as a tombstone). */
  | { type: "annotation.deleted"; actorId: string; annotation: AnnotationDto; before: Audience }
  /** An instructor hid it, or showed it again. */
  | { type: "annotation.hidden" | "annotation.shown"; actorId: string; annotation: AnnotationDto; before: Audience };

export type AnnotationEventType = AnnotationEvent["type"];
export type AnnotationWritePhase = "index" | "notify" | "log";

export const annotationEvents = new Publisher<AnnotationEvent, AnnotationWritePhase>("annotations", [
  { name: "index" },
  {
    name: "notify",
    enter: (tx, events) =>
      lockSeminarWrites(
        tx,
        events.map((e) => e.annotation.seminarId),
      ),
  },
  { name: "log" },
]);

/** The created annotations among a write's events (notes, links, highlights and replies). */
export function createdIn(events: readonly AnnotationEvent[]): AnnotationDto[] {
  return events.flatMap((e) => (e.type === "annotation.created" || e.type === "reply.created" ? [e.annotation] : []));
}
