"use client";

import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import type { Relation } from "@/lib/annotations/types";
import { parseTagInput } from "@/lib/annotations-ui/state";
import { noteHtml } from "@/lib/links/reader-view";
import { useLinks } from "./LinksProvider";
import { RelationSelect } from "./SuggestionParts";

type Visibility = "seminar" | "private" | "instructors";
const VISIBILITIES: Visibility[] = ["seminar", "private", "instructors"];

/**
 * The new link's details, once both passages are chosen: relation, an optional note and tags, who sees it.
 * A modal <dialog>: focus stays inside, Escape cancels, and the answer to a bad request is shown in place.
 */
export default function LinkComposer() {
  const t = useTranslations("Links");
  const links = useLinks();
  const dialog = useRef<HTMLDialogElement>(null);
  const composer = links?.composer ?? null;
  const [relation, setRelation] = useState<Relation>("context");
  const [note, setNote] = useState("");
  const [tags, setTags] = useState("");
  const [visibility, setVisibility] = useState<Visibility>("seminar");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (composer && !d.open) {
      setError(null);
      setNote("");
      setTags("");
      d.showModal();
    }
    if (!composer && d.open) d.close();
  }, [composer]);

  if (!links) return null;
  const title = (slug: string) => links.titleOf(slug).title;

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    const failure = await links.saveLink({ relation, body: noteHtml(note), tags: parseTagInput(tags), visibility });
    setBusy(false);
    setError(failure ? links.errorMessage(failure) : null);
  };

  return (
    <dialog ref={dialog} className="link-composer" aria-labelledby="link-composer-title" onClose={() => links.closeComposer()}>
      {composer ? (
        <form onSubmit={save}>
          <h2 id="link-composer-title">{t("dialogTitle")}</h2>
          <div className="link-composer-ends">
            <figure>
              <figcaption>
                {t("from")}: <span lang={links.titleOf(composer.from.slug).lang}>{title(composer.from.slug)}</span>
              </figcaption>
              <blockquote lang={composer.from.lang}>{composer.from.quote}</blockquote>
            </figure>
            <figure>
              <figcaption>
                {t("to")}: <span lang={links.titleOf(composer.to.slug).lang}>{title(composer.to.slug)}</span>
              </figcaption>
              <blockquote lang={composer.to.lang}>{composer.to.quote}</blockquote>
            </figure>
          </div>
          <RelationSelect label={t("relationLabel")} value={relation} onChange={setRelation} />
          <label>
            {t("noteLabel")}
            <textarea rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          <label>
            {t("tagsLabel")}
            <input type="text" value={tags} onChange={(e) => setTags(e.target.value)} />
          </label>
          <label>
            {t("visibilityLabel")}
            <select value={visibility} onChange={(e) => setVisibility(e.target.value as Visibility)}>
              {VISIBILITIES.map((v) => (
                <option key={v} value={v}>
                  {t(`visibilityChoice.${v}`)}
                </option>
              ))}
            </select>
          </label>
          {error ? (
            <p role="alert" className="link-error">
              {error}
            </p>
          ) : null}
          <div className="link-composer-actions">
            <button type="submit" className="button" disabled={busy}>
              {busy ? t("saving") : t("save")}
            </button>
            <button type="button" className="button secondary" onClick={() => links.closeComposer()}>
              {t("cancel")}
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
