"use client";

import { useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { checkLinkAddress } from "@/lib/annotations-ui/link-url";
import { cleanPastedHtml } from "@/lib/annotations-ui/paste";

export interface RichTextValue {
  /** Tiptap JSON: what the annotations API takes ("Tiptap JSON on the way in"). */
  json: Record<string, unknown>;
  text: string;
}

export interface RichTextEditorProps {
  /** Accessible name of the editable area. */
  label: string;
  /** Sanitized HTML from the server (editing) or empty (a new note). */
  initialHtml?: string;
  autoFocus?: boolean;
  onChange: (value: RichTextValue) => void;
  /** Ctrl/Cmd+Enter. */
  onSubmit?: () => void;
  /** Replace the content from outside (re-applying one's own version after a conflict). */
  contentVersion?: number;
}

/**
 * The note editor: Tiptap 3 with only what a note may hold — paragraphs, bold, italic, bullet and
 * numbered lists, block quotes, links. Headings, code, strike, rules and underline are not in the
 * schema, so pasted ones turn into plain text; pasted HTML is cleaned first (lib/annotations-ui/paste).
 * Loaded lazily (LazyEditor) so the reader ships no editor code until someone writes.
 */
export default function RichTextEditor({ label, initialHtml = "", autoFocus = false, onChange, onSubmit, contentVersion = 0 }: RichTextEditorProps) {
  const t = useTranslations("Annotations");
  // The editor is made once; its handlers call the latest callbacks through these.
  const submit = useRef(onSubmit);
  const change = useRef(onChange);
  useLayoutEffect(() => {
    submit.current = onSubmit;
    change.current = onChange;
  });

  const editor = useEditor({
    immediatelyRender: false,
    shouldRerenderOnTransaction: false,
    extensions: [
      StarterKit.configure({
        heading: false,
        code: false,
        codeBlock: false,
        strike: false,
        underline: false,
        horizontalRule: false,
        link: {
          openOnClick: false,
          autolink: true,
          linkOnPaste: true,
          defaultProtocol: "https",
          protocols: ["http", "https", "mailto"],
          isAllowedUri: (url) => /^(https?:|mailto:)/i.test(url.trim()),
          HTMLAttributes: { rel: "noopener noreferrer nofollow ugc", target: "_blank" },
        },
      }),
    ],
    content: initialHtml,
    autofocus: autoFocus ? "end" : false,
    editorProps: {
      attributes: { role: "textbox", "aria-label": label, "aria-multiline": "true", class: "note-editor-input" },
      transformPastedHTML: cleanPastedHtml,
      handleKeyDown: (_view, event) => {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && submit.current) {
          event.preventDefault();
          submit.current();
          return true;
        }
        return false;
      },
    },
    onUpdate: ({ editor }) => change.current({ json: editor.getJSON() as Record<string, unknown>, text: editor.getText() }),
    onCreate: ({ editor }) => change.current({ json: editor.getJSON() as Record<string, unknown>, text: editor.getText() }),
  });

  // Re-apply content set from outside (after a conflict the user may start again from either version).
  const seen = useRef(contentVersion);
  useEffect(() => {
    if (!editor || seen.current === contentVersion) return;
    seen.current = contentVersion;
    editor.commands.setContent(initialHtml);
    change.current({ json: editor.getJSON() as Record<string, unknown>, text: editor.getText() });
  }, [editor, contentVersion, initialHtml]);

  return (
    <div className="note-editor">
      {editor ? <Toolbar editor={editor} /> : null}
      <EditorContent editor={editor} />
      {!editor ? <div className="note-editor-input note-editor-loading">{t("editorLoading")}</div> : null}
    </div>
  );
}

function Toolbar({ editor }: { editor: Editor }) {
  const t = useTranslations("Annotations");
  const linkId = useId();
  const [linking, setLinking] = useState(false);
  const [href, setHref] = useState("");
  /** Why the typed address was refused (shown under the field until it changes). */
  const [refusal, setRefusal] = useState<string | null>(null);
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      bulletList: e.isActive("bulletList"),
      orderedList: e.isActive("orderedList"),
      blockquote: e.isActive("blockquote"),
      link: e.isActive("link"),
    }),
  });
  const buttons: Array<{ key: keyof typeof active; label: string; icon: string; run: () => void }> = [
    { key: "bold", label: t("bold"), icon: "B", run: () => editor.chain().focus().toggleBold().run() },
    { key: "italic", label: t("italic"), icon: "I", run: () => editor.chain().focus().toggleItalic().run() },
    { key: "bulletList", label: t("bulletList"), icon: "•", run: () => editor.chain().focus().toggleBulletList().run() },
    { key: "orderedList", label: t("orderedList"), icon: "1.", run: () => editor.chain().focus().toggleOrderedList().run() },
    { key: "blockquote", label: t("blockquote"), icon: "❝", run: () => editor.chain().focus().toggleBlockquote().run() },
  ];
  const applyLink = () => {
    const url = href.trim();
    if (!url) {
      editor.chain().focus().extendMarkRange("link").unsetLink().run();
      setLinking(false);
      return;
    }
    const checked = checkLinkAddress(url);
    if (!checked.ok) {
      // Tiptap would drop the link without a word: keep the field open and say why.
      setRefusal(checked.reason === "scheme" ? t("linkRefusedScheme", { scheme: checked.scheme }) : t("linkInvalid"));
      return;
    }
    editor.chain().focus().extendMarkRange("link").setLink({ href: checked.href }).run();
    setRefusal(null);
    setLinking(false);
  };
  return (
    <div className="note-editor-toolbar" role="toolbar" aria-label={t("formatting")}>
      {buttons.map((b) => (
        <button
          key={b.key}
          type="button"
          className={`fmt fmt-${b.key}`}
          aria-pressed={active[b.key]}
          aria-label={b.label}
          title={b.label}
          onMouseDown={(e) => e.preventDefault()}
          onClick={b.run}
        >
          <span aria-hidden="true">{b.icon}</span>
        </button>
      ))}
      <button
        type="button"
        className="fmt fmt-link"
        aria-pressed={active.link}
        aria-expanded={linking}
        aria-controls={linkId}
        aria-label={t("link")}
        title={t("link")}
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => {
          setHref((editor.getAttributes("link").href as string | undefined) ?? "");
          setRefusal(null);
          setLinking((v) => !v);
        }}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" width="15" height="15">
          <path
            d="M10 13a5 5 0 0 0 7.07 0l3-3a5 5 0 0 0-7.07-7.07l-1.5 1.5M14 11a5 5 0 0 0-7.07 0l-3 3a5 5 0 0 0 7.07 7.07l1.5-1.5"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
          />
        </svg>
      </button>
      {linking ? (
        <span className="note-link-form" id={linkId}>
          <label>
            <span className="visually-hidden">{t("linkAddress")}</span>
            <input
              type="url"
              value={href}
              placeholder="https://"
              autoFocus
              aria-invalid={refusal ? true : undefined}
              aria-describedby={refusal ? `${linkId}-refusal` : undefined}
              onChange={(e) => {
                setHref(e.target.value);
                setRefusal(null);
              }}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  applyLink();
                }
                if (e.key === "Escape") setLinking(false);
              }}
            />
          </label>
          <button type="button" className="button small" onClick={applyLink}>
            {t("applyLink")}
          </button>
          {refusal ? (
            <span id={`${linkId}-refusal`} role="alert" className="note-link-refusal">
              {refusal}
            </span>
          ) : null}
        </span>
      ) : null}
    </div>
  );
}
