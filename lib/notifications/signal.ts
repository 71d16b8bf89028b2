/**
 * "Something changed in this user's notifications": a signal on the live bus (lib/live/bus), so an open
 * badge recounts at once — on this instance through the in-process bus, on the others through PostgreSQL
 * LISTEN/NOTIFY (lib/live/pg-bus). Like the seminar signals, it carries no data: the stream re-reads the table.
 * Send it only after the change committed.
 */
import { eventBus, type EventBus } from "@/lib/live/bus";

/** The bus key of a user's notifications (seminar keys are UUIDs, so the prefix keeps them apart). */
export function notificationsChannel(userId: string): string {
  return `user:${userId}`;
}

export function announceNotifications(userIds: Iterable<string>, bus: EventBus = eventBus()): void {
  for (const userId of new Set(userIds)) bus.publish(notificationsChannel(userId), 0);
}
