"use client";

import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import type { Passage } from "@/lib/reader/selection";
import { useNotes } from "./NotesProvider";

/**
 * Highlight and Note, inside the reader's selection toolbar. Like "copy link" they keep the selection
 * (no focus change on mousedown). Keyboard users who select text (caret browsing, Shift+arrows) reach
 * them with Tab: the first Tab after a selection moves into this toolbar.
 */
export default function AnnotateButtons({ pane, passage }: { pane: number; passage: Passage }) {
  const t = useTranslations("Annotations");
  const notes = useNotes();
  const first = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const slug = notes?.panes[pane]?.slug ?? "";
  const usable = !!notes?.data?.seminar && notes.inSeminar(slug);

  useEffect(() => {
    if (!usable) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Tab" || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) return;
      const toolbar = first.current?.closest(".selection-toolbar");
      if (!first.current || !toolbar || toolbar.contains(document.activeElement)) return;
      const sel = window.getSelection();
      if (!sel || sel.isCollapsed) return;
      e.preventDefault();
      first.current.focus();
    };
    document.addEventListener("keydown", onKey, true);
    return () => document.removeEventListener("keydown", onKey, true);
  }, [usable]);

  if (!notes || notes.pending) return null;
  if (!notes.data) {
    return (
      <a className="button small selection-signin" href={notes.signInHref}>
        {t("signInToAnnotate")}
      </a>
    );
  }
  if (!usable) return null;

  const highlight = async () => {
    if (busy) return;
    setBusy(true);
    const r = await notes.highlight(pane, passage);
    setBusy(false);
    if (r.ok) {
      window.getSelection()?.removeAllRanges();
      notes.announce(t("highlighted"));
    } else {
      notes.announce(notes.errorMessage(r));
    }
  };

  return (
    <>
      <button ref={first} type="button" className="button small" disabled={busy} onMouseDown={(e) => e.preventDefault()} onClick={() => void highlight()}>
        {t("highlight")}
      </button>
      <button type="button" className="button small" onMouseDown={(e) => e.preventDefault()} onClick={() => notes.startNote(pane, passage)}>
        {t("note")}
      </button>
    </>
  );
}
