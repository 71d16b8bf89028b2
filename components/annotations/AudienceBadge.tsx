"use client";

import { useTranslations } from "next-intl";
import type { AnnotationDto } from "@/lib/annotations/types";
import { useNotes } from "./NotesProvider";

const ICONS = { seminar: "👥", instructors: "🎓", private: "🔒", feedback: "✉" } as const;

/**
 * Who can read a note, said the same way in the list, the thread and the composer: "Seminar",
 * "Instructors", "Only me", and for private feedback who it goes to or comes from ("Feedback to Irene
 * Lehmann" for its author, "Feedback from Anna Petrova" for its recipient).
 */
export function useAudienceLabel(): (note: Pick<AnnotationDto, "visibility" | "recipientId" | "author">) => string {
  const t = useTranslations("Annotations");
  const notes = useNotes();
  return (note) => {
    if (note.visibility !== "feedback") return t(`audience.${note.visibility}`);
    if (note.author.id !== notes?.data?.user.id) return t("audience.feedbackFrom", { name: note.author.name });
    const recipient = notes?.data?.seminar?.feedbackTo?.find((m) => m.userId === note.recipientId);
    return recipient ? t("audience.feedbackTo", { name: recipient.name }) : t("audience.feedback");
  };
}

export default function AudienceBadge({ note }: { note: Pick<AnnotationDto, "visibility" | "recipientId" | "author"> }) {
  const label = useAudienceLabel()(note);
  return (
    <span className={`badge badge-${note.visibility}`}>
      <span aria-hidden="true">{ICONS[note.visibility]}</span> {label}
    </span>
  );
}
