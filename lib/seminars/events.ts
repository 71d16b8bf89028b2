/**
 * What lib/seminars announces (lib/events/publisher), in one phase:
 *   "notify" — someone joined: after the commit their open notifications badge starts following the
 *              seminar (lib/notifications/subscriber).
 * A new seminar is announced too, though nothing sets it up: it starts with empty lists (glossary, names),
 * which its instructors fill or start from the library's (lib/links/library-lists).
 * lib/startup registers the subscribers; with none registered a write throws.
 */
import { Publisher } from "@/lib/events/publisher";

export type SeminarEvent =
  /** An instructor created a seminar (they are its first member). */
  | { type: "seminar.created"; seminarId: string; userId: string }
  /** Someone joined through the invite link (or opened it again). */
  | { type: "member.joined"; seminarId: string; userId: string };

export const seminarEvents = new Publisher<SeminarEvent, "notify">("seminars", [{ name: "notify" }]);
