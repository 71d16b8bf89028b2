"use client";

import { useTranslations } from "next-intl";
import { useNotes } from "./NotesProvider";

/**
 * In the reader's bar: which seminar's notes are shown (switchable when several of the user's seminars
 * hold these texts), or an invitation to sign in.
 */
export default function SeminarStatus() {
  const t = useTranslations("Annotations");
  const notes = useNotes();
  if (!notes) return null;
  if (notes.pending) {
    return (
      <p className="seminar-status" aria-busy="true">
        {t("notesLoading")}
      </p>
    );
  }
  if (!notes.data) {
    return (
      <p className="seminar-status">
        <a href={notes.signInHref}>{t("signInToAnnotate")}</a>
      </p>
    );
  }
  const { seminar, otherSeminars } = notes.data;
  if (!seminar) return <p className="seminar-status">{t("noSeminar")}</p>;
  const go = (id: string) => {
    const url = new URL(window.location.href);
    url.searchParams.set("seminar", id);
    window.location.assign(url.pathname + "?" + url.searchParams.toString().replace(/%2C/gi, ","));
  };
  return (
    <div className="seminar-status">
      {otherSeminars.length ? (
        <label>
          <span>{t("seminar")}</span>{" "}
          <select value={seminar.id} onChange={(e) => go(e.target.value)}>
            <option value={seminar.id}>{seminar.title}</option>
            {otherSeminars.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <span>
          {t("seminar")} <strong>{seminar.title}</strong>
        </span>
      )}
    </div>
  );
}
