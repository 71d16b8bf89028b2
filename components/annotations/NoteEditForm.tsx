"use client";

import { useRef, useState } from "react";
import { useTranslations } from "next-intl";
import type { AnnotationDto } from "@/lib/annotations/types";
import { conflictCurrent } from "@/lib/annotations-ui/api";
import LazyEditor from "./LazyEditor";
import { TagField, VisibilitySelect, type NoteVisibility } from "./NoteFields";
import { useNotes } from "./NotesProvider";
import type { RichTextValue } from "./RichTextEditor";

/**
 * Editing one's own note. The revision it started from goes with the save; if the note changed in the
 * meantime (another tab, another device) the server answers "conflict" with the current version, and
 * both are shown: theirs read-only, mine still in the editor — save mine over it, or take theirs.
 */
export default function NoteEditForm({ note, isRoot, onDone }: { note: AnnotationDto; isRoot: boolean; onDone: () => void }) {
  const t = useTranslations("Annotations");
  const notes = useNotes()!;
  const body = useRef<RichTextValue | null>(null);
  const [base, setBase] = useState(note.revision);
  const [tags, setTags] = useState(note.tags);
  const [visibility, setVisibility] = useState<NoteVisibility>(note.visibility === "feedback" ? "private" : note.visibility);
  const [theirs, setTheirs] = useState<AnnotationDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [editorHtml, setEditorHtml] = useState(note.bodyHtml);
  const [contentVersion, setContentVersion] = useState(0);

  const save = async () => {
    if (saving) return;
    setSaving(true);
    setError(null);
    const r = await notes.update(note.id, {
      revision: base,
      body: body.current?.json ?? note.bodyHtml,
      tags,
      // Private feedback keeps its audience: the select below offers no way to address it again.
      ...(isRoot && note.visibility !== "feedback" ? { visibility } : {}),
    });
    setSaving(false);
    if (r.ok) {
      notes.announce(t("saved"));
      onDone();
      return;
    }
    const current = conflictCurrent(r);
    if (current) {
      // Keep mine in the editor; the next save is made against their version.
      setTheirs(current);
      setBase(current.revision);
      notes.accept(current);
    }
    setError(notes.errorMessage(r));
  };

  const takeTheirs = () => {
    if (!theirs) return;
    setEditorHtml(theirs.bodyHtml);
    setTags(theirs.tags);
    setContentVersion((v) => v + 1);
    setTheirs(null);
    setError(null);
  };

  return (
    <form
      className="note-edit"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {theirs && error ? (
        // On a conflict the explanation comes first, above both versions.
        <p className="note-error" role="alert">
          {error}
        </p>
      ) : null}
      {theirs ? (
        <section className="note-conflict" aria-label={t("theirVersion")}>
          <h4>{t("theirVersion")}</h4>
          <div className="note-body" dangerouslySetInnerHTML={{ __html: theirs.bodyHtml }} />
          <button type="button" className="button small" onClick={takeTheirs}>
            {t("takeTheirs")}
          </button>
          <h4>{t("yourVersion")}</h4>
        </section>
      ) : null}
      <LazyEditor
        label={t("noteText")}
        initialHtml={editorHtml}
        contentVersion={contentVersion}
        autoFocus
        onChange={(v) => (body.current = v)}
        onSubmit={() => void save()}
      />
      {isRoot ? (
        <>
          <TagField key={contentVersion} vocabulary={notes.data?.seminar?.tags ?? []} value={tags} onChange={setTags} />
          {note.visibility === "feedback" ? null : <VisibilitySelect value={visibility} onChange={setVisibility} />}
        </>
      ) : null}
      {error && !theirs ? (
        <p className="note-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="note-actions">
        <button type="submit" className="button small primary" disabled={saving}>
          {theirs ? t("saveMine") : t("saveChanges")}
        </button>
        <button type="button" className="button small" onClick={onDone}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
