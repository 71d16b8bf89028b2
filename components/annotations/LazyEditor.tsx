"use client";

import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import type { RichTextEditorProps } from "./RichTextEditor";

function Loading() {
  const t = useTranslations("Annotations");
  return (
    <div className="note-editor">
      <div className="note-editor-input note-editor-loading" aria-busy="true">
        {t("editorLoading")}
      </div>
    </div>
  );
}

/**
 * The note editor, fetched only when a note or reply is written: Tiptap and ProseMirror are most of
 * the annotation code, and readers who only read never download them.
 */
const LazyEditor = dynamic<RichTextEditorProps>(() => import("./RichTextEditor"), { ssr: false, loading: Loading });

export default LazyEditor;
