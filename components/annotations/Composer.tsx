"use client";

import { useRef, useState } from "react";
import { useTranslations } from "next-intl";
import type { Passage } from "@/lib/reader/selection";
import LazyEditor from "./LazyEditor";
import { TagField, VisibilitySelect, type NoteVisibility } from "./NoteFields";
import { useNotes } from "./NotesProvider";
import type { RichTextValue } from "./RichTextEditor";

/** A new note on a passage: the quote, the editor, tags, who sees it; Save posts it. */
export default function Composer({
  paneId,
  slug,
  docLang,
  passage,
  quote,
}: {
  paneId: string;
  slug: string;
  docLang: string;
  passage: Passage;
  quote: string;
}) {
  const t = useTranslations("Annotations");
  const notes = useNotes()!;
  const body = useRef<RichTextValue | null>(null);
  const [tags, setTags] = useState<string[]>([]);
  const [visibility, setVisibility] = useState<NoteVisibility>("seminar");
  const [recipientId, setRecipientId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const version = notes.data?.documents.find((d) => d.slug === slug)?.version;

  const save = async () => {
    if (saving) return;
    if (!body.current?.text.trim()) {
      setError(t("writeSomething"));
      return;
    }
    setSaving(true);
    setError(null);
    const r = await notes.create(paneId, {
      motivation: "commenting",
      ...(recipientId ? { visibility: "feedback" as const, recipientId } : { visibility }),
      tags,
      body: body.current.json,
      target: {
        documentSlug: slug,
        documentVersion: version,
        blockId: passage.blockId,
        blockStart: passage.blockStart,
        blockEnd: passage.blockEnd,
        exact: quote || undefined,
      },
    });
    setSaving(false);
    if (!r.ok) {
      setError(notes.errorMessage(r));
      return;
    }
    notes.announce(t("saved"));
    window.getSelection()?.removeAllRanges();
    notes.show(paneId, { kind: "thread", id: r.data.id });
  };

  return (
    <form
      className="note-composer"
      aria-labelledby={`${paneId}-compose-title`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3 id={`${paneId}-compose-title`} className="notes-subtitle">
        {t("newNote")}
      </h3>
      <blockquote className="note-quote" lang={docLang}>
        {quote}
      </blockquote>
      <LazyEditor label={t("noteText")} autoFocus onChange={(v) => (body.current = v)} onSubmit={() => void save()} />
      <TagField vocabulary={notes.data?.seminar?.tags ?? []} value={tags} onChange={setTags} />
      <VisibilitySelect
        value={visibility}
        onChange={setVisibility}
        recipients={notes.data?.seminar?.feedbackTo}
        recipientId={recipientId}
        onRecipient={setRecipientId}
      />
      {error ? (
        <p className="note-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="note-actions">
        <button type="submit" className="button small primary" disabled={saving}>
          {t("saveNote")}
        </button>
        <button type="button" className="button small" onClick={() => notes.show(paneId, { kind: "list" })}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
