"use client";

import { useEffect, useRef, useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import PassageQuote from "./PassageQuote";
import type { AnnotationDto } from "@/lib/annotations/types";
import { targetIn, type Thread } from "@/lib/annotations-ui/state";
import LazyEditor from "./LazyEditor";
import { TagChips } from "./NoteFields";
import { useNotes } from "./NotesProvider";
import type { RichTextValue } from "./RichTextEditor";
import AudienceBadge from "./AudienceBadge";
import NoteEditForm from "./NoteEditForm";

/** One thread: the passage, the note, its replies, a reply box; edit/delete one's own, instructors hide. */
export default function ThreadView({
  paneId,
  slug,
  docLang,
  thread,
  autoFocus = false,
}: {
  paneId: string;
  slug: string;
  docLang: string;
  thread: Thread;
  autoFocus?: boolean;
}) {
  const t = useTranslations("Annotations");
  const notes = useNotes()!;
  const heading = useRef<HTMLHeadingElement>(null);
  const quote = targetIn(thread.root, slug)?.exact ?? "";
  const orphan = thread.anchor.status === "orphan";

  useEffect(() => {
    heading.current?.scrollIntoView({ block: "nearest" });
    if (autoFocus) heading.current?.focus({ preventScroll: true });
  }, [thread.root.id, autoFocus]);

  return (
    <article className="note-thread" aria-labelledby={`${paneId}-thread-title`}>
      <div className="thread-nav">
        <button type="button" className="link-button" onClick={() => notes.show(paneId, { kind: "list" })}>
          <span aria-hidden="true">← </span>
          {t("allNotes")}
        </button>
        {!orphan ? (
          <button type="button" className="link-button" onClick={() => notes.goToThread(paneId, thread.root.id, true)}>
            {t("showPassage")}
          </button>
        ) : null}
      </div>
      <h3 id={`${paneId}-thread-title`} ref={heading} tabIndex={-1} className="notes-subtitle">
        {thread.root.motivation === "highlighting" ? t("highlightBy", { name: thread.root.author.name }) : t("noteBy", { name: thread.root.author.name })}
      </h3>
      {orphan ? <p className="note-orphan-hint">{t("orphanHint")}</p> : null}
      <PassageQuote quote={quote} anchor={thread.anchor} docLang={docLang} />
      <NoteCard paneId={paneId} note={thread.root} isRoot />
      <Replies paneId={paneId} root={thread.root} replies={thread.replies} />
    </article>
  );
}

/** A thread's replies, oldest first, and the box to answer it: the same for a note's thread and a link's. */
export function Replies({ paneId, root, replies }: { paneId: string; root: AnnotationDto; replies: readonly AnnotationDto[] }) {
  const t = useTranslations("Annotations");
  // Threads are shown one level deep; a reply to a reply says what it answers by quoting it.
  const [answering, setAnswering] = useState<AnnotationDto | null>(null);
  const byId = new Map(replies.map((r) => [r.id, r]));
  return (
    <>
      {replies.length ? (
        <ol className="note-replies" aria-label={t("replies", { count: replies.length })}>
          {replies.map((r) => (
            <li key={r.id}>
              {r.parentId && r.parentId !== root.id ? <AnsweredQuote note={byId.get(r.parentId)} /> : null}
              <NoteCard paneId={paneId} note={r} isRoot={false} onAnswer={() => setAnswering(r)} />
            </li>
          ))}
        </ol>
      ) : null}
      <ReplyBox paneId={paneId} root={root} answering={answering} onAnswered={() => setAnswering(null)} />
    </>
  );
}

const SNIPPET = 160;
/** The opening words of a reply, one line. */
const snippetOf = (note: AnnotationDto) => {
  const line = note.bodyText.replace(/\s+/g, " ").trim();
  return line.length > SNIPPET ? `${line.slice(0, SNIPPET - 1)}…` : line;
};

/** "In reply to Ben Fischer: …" above a reply that answers another reply (or a note that is gone). */
function AnsweredQuote({ note }: { note: AnnotationDto | undefined }) {
  const t = useTranslations("Annotations");
  if (!note) return <p className="note-answered note-answered-gone">{t("inReplyToGone")}</p>;
  return (
    <figure className="note-answered">
      <figcaption>{t("inReplyTo", { name: note.author.name })}</figcaption>
      <blockquote>{snippetOf(note)}</blockquote>
    </figure>
  );
}

/** What a card says where a note's words do not fit another kind of root (a link's thread). */
export interface CardLabels {
  /** Shown for a root without text. */
  empty?: string;
  confirmDelete?: string;
  deleted?: string;
}

/** One note or reply: author, date, audience, text, tags; edit and delete one's own, instructors hide. */
export function NoteCard({
  paneId,
  note,
  isRoot,
  labels = {},
  onAnswer,
}: {
  paneId: string;
  note: AnnotationDto;
  isRoot: boolean;
  labels?: CardLabels;
  onAnswer?: () => void;
}) {
  const t = useTranslations("Annotations");
  const format = useFormatter();
  const notes = useNotes()!;
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mine = note.author.id === notes.data?.user.id;
  const instructor = notes.data?.seminar?.role === "instructor";
  const vocabulary = notes.data?.seminar?.tags ?? [];

  const doDelete = async () => {
    const r = await notes.remove(note);
    if (!r.ok) setError(notes.errorMessage(r));
    else {
      notes.announce(labels.deleted ?? t("deleted"));
      if (isRoot) notes.show(paneId, { kind: "list" });
    }
  };
  const doHide = async (hidden: boolean) => {
    const r = await notes.hide(note, hidden);
    if (!r.ok) setError(notes.errorMessage(r));
    else notes.announce(hidden ? t("hiddenDone") : t("unhiddenDone"));
  };

  return (
    <div className={`note-card${note.hidden ? " is-hidden" : ""}`} data-note-id={note.id}>
      <p className="note-card-meta">
        <span className="note-author">{note.author.name}</span>
        <time dateTime={note.createdAt}>{format.dateTime(new Date(note.createdAt), { dateStyle: "medium", timeStyle: "short" })}</time>
        {isRoot ? <AudienceBadge note={note} /> : null}
        {note.hidden ? <span className="badge badge-hidden">{t("hiddenBadge")}</span> : null}
        {note.revision > 1 ? <span className="note-edited">{t("edited")}</span> : null}
      </p>
      {editing ? (
        <NoteEditForm note={note} isRoot={isRoot} onDone={() => setEditing(false)} />
      ) : (
        <>
          {note.bodyHtml ? (
            // The server sanitizes every body on save (lib/annotations/body.ts): only p, strong, em, lists,
            // block quotes and http(s)/mailto links reach this point.
            <div className="note-body" dangerouslySetInnerHTML={{ __html: note.bodyHtml }} />
          ) : (
            <p className="note-body note-body-empty">{labels.empty ?? t("highlightOnly")}</p>
          )}
          <TagChips tags={note.tags} vocabulary={vocabulary} />
          <div className="note-card-actions">
            {onAnswer ? (
              <button type="button" className="link-button" onClick={onAnswer} aria-label={t("answerReplyLabel", { name: note.author.name })}>
                {t("answerReply")}
              </button>
            ) : null}
            {mine ? (
              <button type="button" className="link-button" onClick={() => setEditing(true)}>
                {t("edit")}
              </button>
            ) : null}
            {mine && !confirming ? (
              <button type="button" className="link-button danger" onClick={() => setConfirming(true)}>
                {t("delete")}
              </button>
            ) : null}
            {instructor ? (
              <button type="button" className="link-button" onClick={() => void doHide(!note.hidden)}>
                {note.hidden ? t("unhide") : t("hide")}
              </button>
            ) : null}
          </div>
          {confirming ? (
            <div className="note-confirm" role="group" aria-label={labels.confirmDelete ?? t("confirmDelete")}>
              <span>{labels.confirmDelete ?? t("confirmDelete")}</span>
              <button type="button" className="button small danger" onClick={() => void doDelete()}>
                {t("delete")}
              </button>
              <button type="button" className="button small" onClick={() => setConfirming(false)}>
                {t("keep")}
              </button>
            </div>
          ) : null}
        </>
      )}
      {error ? (
        <p className="note-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Answer a thread (a note's or a link's): the reply reaches whoever sees the thread's root (the store decides). */
function ReplyBox({ paneId, root, answering, onAnswered }: { paneId: string; root: AnnotationDto; answering: AnnotationDto | null; onAnswered: () => void }) {
  const t = useTranslations("Annotations");
  const notes = useNotes()!;
  const body = useRef<RichTextValue | null>(null);
  const [opened, setOpen] = useState(false);
  // Answering a reply opens the box with that reply quoted.
  const open = opened || answering !== null;
  const [round, setRound] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const send = async () => {
    if (sending) return;
    if (!body.current?.text.trim()) {
      setError(t("writeSomething"));
      return;
    }
    setSending(true);
    setError(null);
    const r = await notes.create(paneId, { parentId: answering?.id ?? root.id, body: body.current.json });
    setSending(false);
    if (!r.ok) {
      setError(notes.errorMessage(r));
      return;
    }
    body.current = null;
    setRound((n) => n + 1);
    onAnswered();
    notes.announce(t("replySent"));
  };

  if (!open) {
    return (
      <button type="button" className="button small note-reply-open" onClick={() => setOpen(true)}>
        {t("reply")}
      </button>
    );
  }
  return (
    <form
      className="note-reply"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      {answering ? <AnsweredQuote note={answering} /> : null}
      <LazyEditor
        key={`${round}-${answering?.id ?? ""}`}
        label={answering ? t("answerReplyText", { name: answering.author.name }) : t("replyText")}
        autoFocus
        onChange={(v) => (body.current = v)}
        onSubmit={() => void send()}
      />
      {error ? (
        <p className="note-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="note-actions">
        <button type="submit" className="button small primary" disabled={sending}>
          {t("sendReply")}
        </button>
        <button
          type="button"
          className="button small"
          onClick={() => {
            setOpen(false);
            onAnswered();
          }}
        >
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
