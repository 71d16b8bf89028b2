"use client";

import { useTranslations } from "next-intl";
import { notesPanelId } from "./notesIds";
import { useNotes } from "./NotesProvider";

/** In a pane's toolbar: shows or hides the pane's notes, with how many there are. */
export default function NotesToggle({ paneId, slug }: { paneId: string; slug: string }) {
  const t = useTranslations("Annotations");
  const notes = useNotes();
  if (!notes) return null;
  const { open } = notes.ui(paneId);
  const { placed, orphans } = notes.threads(slug);
  const count = placed.length + orphans.length;
  return (
    <button type="button" className="notes-toggle" aria-expanded={open} aria-controls={notesPanelId(paneId)} onClick={() => notes.setOpen(paneId, !open)}>
      <svg aria-hidden="true" viewBox="0 0 24 24" width="16" height="16">
        <path d="M5 4h14v12H9l-4 4z" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" />
      </svg>
      <span>{t("toggle")}</span>
      {notes.data?.seminar && notes.inSeminar(slug) ? <span className="notes-toggle-count">{count}</span> : null}
    </button>
  );
}
