/**
 * The notifications' side of an annotation write (lib/annotations/events, phase "notify", which holds the
 * seminars' write locks): replies, mentions and digest bumps for new annotations, and a deleted note taken out of
 * the digests that counted it, in the write's own
 * transaction, so a notification never points at something that was rolled back. Open badges recount on
 * the seminar's live signal, sent after the commit (lib/live/event-log).
 */
import { createdIn, type AnnotationEvent } from "@/lib/annotations/events";
import type { Subscriber } from "@/lib/events/publisher";
import type { SeminarEvent } from "@/lib/seminars/events";
import { notifyForAnnotations, withdrawFromDigests } from "./index";
import { announceNotifications } from "./signal";

export const notificationsSubscriber: Subscriber<AnnotationEvent, "notify"> = {
  name: "notifications.annotations",
  phase: "notify",
  async handle(tx, events) {
    const created = createdIn(events);
    if (created.length) await notifyForAnnotations(tx, created);
    // A deleted note leaves the unread "new notes" digests that counted it; their badges recount after the commit.
    const recounted: string[] = [];
    for (const e of events) if (e.type === "annotation.deleted") recounted.push(...(await withdrawFromDigests(tx, e.annotation)));
    if (recounted.length) return () => announceNotifications([...new Set(recounted)]);
  },
};

/** Someone joined a seminar: after the commit, their open badge starts following it (./signal). */
export const joinedSubscriber: Subscriber<SeminarEvent, "notify"> = {
  name: "notifications.joined",
  phase: "notify",
  async handle(_tx, events) {
    const joined = events.filter((e) => e.type === "member.joined").map((e) => e.userId);
    return () => announceNotifications(joined);
  },
};
