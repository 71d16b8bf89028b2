/**
 * The links module's side of a new seminar (lib/seminars/events, phase "set-up", in the creating
 * transaction): every seminar starts with the starter glossary, which its instructors then edit
 * (./glossary-store).
 */
import type { Subscriber } from "@/lib/events/publisher";
import type { SeminarEvent } from "@/lib/seminars/events";
import { starterGlossaryRows } from "./glossary-store";

export const starterGlossarySubscriber: Subscriber<SeminarEvent, "set-up"> = {
  name: "links.starter-glossary",
  phase: "set-up",
  async handle(tx, events) {
    for (const e of events) {
      if (e.type !== "seminar.created") continue;
      await tx.glossaryEntry.createMany({ data: starterGlossaryRows().map((r) => ({ ...r, seminarId: e.seminarId })) });
    }
  },
};
