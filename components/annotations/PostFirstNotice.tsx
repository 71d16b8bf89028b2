"use client";

import { useTranslations } from "next-intl";
import { useNotes } from "./NotesProvider";

/**
 * "Write 1 more note to see your classmates' notes", with how many are waiting: above a locked text and in
 * its notes panel (where the list would otherwise look empty). Gone the moment the student's notes suffice.
 */
export default function PostFirstNotice({ slug, className }: { slug: string; className: string }) {
  const notes = useNotes();
  const t = useTranslations("Teaching");
  const tu = useTranslations("ReaderUx");
  const v = notes?.postFirst(slug);
  if (!v || v.remaining === 0) return null;
  return (
    <p className={className} role="note">
      {v.waiting > 0 ? `${tu("postFirstWaiting", { waiting: v.waiting })} ` : null}
      {t("postFirstNotice", { remaining: v.remaining })}
    </p>
  );
}
