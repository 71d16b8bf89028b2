/**
 * The notifications' side of an annotation write (lib/annotations/events, phase "notify", which holds the
 * seminars' write locks): replies, mentions and digest bumps for new annotations, in the write's own
 * transaction, so a notification never points at something that was rolled back. Open badges recount on
 * the seminar's live signal, sent after the commit (lib/live/event-log).
 */
import { createdIn, type AnnotationEvent } from "@/lib/annotations/events";
import type { Subscriber } from "@/lib/events/publisher";
import type { SeminarEvent } from "@/lib/seminars/events";
import { notifyForAnnotations } from "./index";
import { announceNotifications } from "./signal";

export const notificationsSubscriber: Subscriber<AnnotationEvent, "notify"> = {
  name: "notifications.annotations",
  phase: "notify",
  async handle(tx, events) {
    const created = createdIn(events);
    if (created.length) await notifyForAnnotations(tx, created);
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
