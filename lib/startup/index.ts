/**
 * The composition root: the one place that connects the modules whose writes are announced
 * (lib/annotations, lib/seminars) with the modules that react to them. Every entry point calls
 * `installSubscribers()` before its first write: the Next server (instrumentation.ts), the scripts that write
 * (seed, import), and the tests (vitest.setup.ts). Without it a write throws (lib/events/publisher).
 * Nothing in lib/ imports this module.
 */
import { annotationEvents } from "@/lib/annotations/events";
import { eventLogSubscriber } from "@/lib/live/event-log";
import { joinedSubscriber, notificationsSubscriber } from "@/lib/notifications/subscriber";
import { searchIndexSubscriber } from "@/lib/search/annotation-index";
import { seminarEvents } from "@/lib/seminars/events";

/** Registers every subscriber (again: a second call replaces each by name, e.g. after a dev-server reload). */
export function installSubscribers(): void {
  annotationEvents.subscribe(searchIndexSubscriber);
  annotationEvents.subscribe(notificationsSubscriber);
  annotationEvents.subscribe(eventLogSubscriber);
  seminarEvents.subscribe(joinedSubscriber);
}
