/**
 * What lib/seminars announces (lib/events/publisher): someone joined a seminar. The notifications module
 * subscribes (an open badge starts following the seminar at once); lib/startup registers it.
 */
import { Publisher } from "@/lib/events/publisher";

export type SeminarEvent = { type: "member.joined"; seminarId: string; userId: string };

export const seminarEvents = new Publisher<SeminarEvent, "notify">("seminars", [{ name: "notify" }]);
