/**
 * What lib/seminars announces (lib/events/publisher), in two phases:
 *   1. "set-up" — in the creating transaction: the links module gives a new seminar its starter glossary
 *                 (lib/links/seminar-setup);
 *   2. "notify" — someone joined: after the commit their open notifications badge starts following the
 *                 seminar (lib/notifications/subscriber).
 * lib/startup registers the subscribers; with none registered a write throws.
 */
import { Publisher } from "@/lib/events/publisher";

export type SeminarEvent =
  /** An instructor created a seminar (they are its first member). */
  | { type: "seminar.created"; seminarId: string; userId: string }
  /** Someone joined through the invite link (or opened it again). */
  | { type: "member.joined"; seminarId: string; userId: string };

export const seminarEvents = new Publisher<SeminarEvent, "set-up" | "notify">("seminars", [{ name: "set-up" }, { name: "notify" }]);
