"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { targetIn, type Thread } from "@/lib/annotations-ui/state";
import { TagChips } from "./NoteFields";
import { notesPanelId } from "./notesIds";
import { useNotes } from "./NotesProvider";
import NotesResizer from "./NotesResizer";
import PostFirstNotice from "./PostFirstNotice";

// Threads and the composer come with the first one opened: reading needs only the list.
const Composer = dynamic(() => import("./Composer"));
const ThreadView = dynamic(() => import("./ThreadView"));
// A link's discussion is a thread too, with both passages instead of one (opened from its "⇄" marker).
const LinkThread = dynamic(() => import("@/components/links/LinkThread"));
import "./annotations.css";
import { useAudienceLabel } from "./AudienceBadge";

/**
 * A pane's notes: the list of its threads in reading order (each a button that goes to the passage and
 * opens the thread), the orphans whose passage is gone, a thread, a link's discussion, or a new note being written.
 */
export default function NotesPanel({ paneId, index, slug, docLang }: { paneId: string; index: number; slug: string; docLang: string }) {
  const t = useTranslations("Annotations");
  const notes = useNotes();
  if (!notes) return null;
  const { open, view } = notes.ui(paneId);
  const { placed, orphans } = notes.threads(slug);
  const seminar = notes.data?.seminar ?? null;

  let body: React.ReactNode;
  if (notes.pending) {
    body = (
      <p className="notes-hint" aria-busy="true">
        {t("notesLoading")}
      </p>
    );
  } else if (!notes.data) {
    body = (
      <p className="notes-hint">
        <a href={notes.signInHref}>{t("signInToAnnotate")}</a>
      </p>
    );
  } else if (!seminar) {
    body = <p className="notes-hint">{t("noSeminar")}</p>;
  } else if (!notes.inSeminar(slug)) {
    body = <p className="notes-hint">{t("notInSeminar", { seminar: seminar.title })}</p>;
  } else if (view.kind === "compose") {
    body = (
      <Composer
        key={`${view.passage.blockId}:${view.passage.blockStart}:${view.passage.blockEnd}`}
        paneId={paneId}
        slug={slug}
        docLang={docLang}
        passage={view.passage}
        quote={view.quote}
      />
    );
  } else if (view.kind === "thread" && notes.state.annotations[view.id]) {
    const thread = [...placed, ...orphans].find((th) => th.root.id === view.id);
    body = thread ? <ThreadView paneId={paneId} slug={slug} docLang={docLang} thread={thread} autoFocus={!!view.focus} /> : null;
  } else if (view.kind === "link" && notes.state.annotations[view.id]) {
    body = <LinkThread paneId={paneId} paneIndex={index} id={view.id} autoFocus={!!view.focus} />;
  } else {
    body = (
      <>
        {notes.postFirst(slug)?.remaining ? (
          <PostFirstNotice slug={slug} className="notes-hint post-first-waiting" />
        ) : placed.length === 0 && orphans.length === 0 ? (
          <p className="notes-hint">{t("empty")}</p>
        ) : null}
        {placed.length ? (
          <ol className="notes-items" aria-label={t("listLabel")}>
            {placed.map((th) => (
              <ThreadItem key={th.root.id} paneId={paneId} slug={slug} docLang={docLang} thread={th} />
            ))}
          </ol>
        ) : null}
        {orphans.length ? (
          <section className="notes-orphans" aria-labelledby={`${paneId}-orphans`}>
            <h3 id={`${paneId}-orphans`} className="notes-subtitle">
              {t("orphans")}
            </h3>
            <p className="note-orphan-hint">{t("orphansHint")}</p>
            <ol className="notes-items">
              {orphans.map((th) => (
                <ThreadItem key={th.root.id} paneId={paneId} slug={slug} docLang={docLang} thread={th} />
              ))}
            </ol>
          </section>
        ) : null}
        {notes.moreNotes ? <MoreNotes /> : null}
        <p className="notes-hint notes-how">{t("howTo")}</p>
      </>
    );
  }

  return (
    <aside className="notes-panel" id={notesPanelId(paneId)} aria-label={t("panelLabel", { n: index + 1 })} hidden={!open}>
      <NotesResizer paneId={paneId} />
      <div className="notes-head">
        <h2 className="notes-title">
          {t("title")}
          {notes.data && seminar ? <span className="notes-count"> ({placed.length + orphans.length})</span> : null}
        </h2>
        <button type="button" className="icon-button" aria-label={t("closePanel")} title={t("closePanel")} onClick={() => notes.setOpen(paneId, false)}>
          <svg aria-hidden="true" viewBox="0 0 24 24" width="16" height="16">
            <path d="M6 6l12 12M18 6L6 18" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          </svg>
        </button>
      </div>
      <div className="notes-body">{body}</div>
    </aside>
  );
}

function ThreadItem({ paneId, slug, docLang, thread }: { paneId: string; slug: string; docLang: string; thread: Thread }) {
  const t = useTranslations("Annotations");
  const notes = useNotes()!;
  const { root, replies } = thread;
  const quote = targetIn(root, slug)?.exact ?? "";
  const vocabulary = notes.data?.seminar?.tags ?? [];
  const mine = root.author.id === notes.data?.user.id;
  const audienceLabel = useAudienceLabel();
  const tu = useTranslations("ReaderUx");
  return (
    <li>
      <button
        type="button"
        className="note-item"
        data-mine={mine ? "" : undefined}
        onClick={() => (thread.anchor.status === "anchored" ? notes.goToThread(paneId, root.id, true) : notes.show(paneId, { kind: "thread", id: root.id }))}
      >
        <span className="note-item-quote" lang={docLang}>
          {excerpt(quote, 90)}
        </span>
        {thread.anchor.status === "anchored" && thread.anchor.current !== undefined ? (
          <span className="note-item-changed">{tu("textChangedBadge")}</span>
        ) : null}
        <span className="note-item-meta">
          {root.author.name}
          {" · "}
          {audienceLabel(root)}
          {root.hidden ? ` · ${t("hiddenBadge")}` : ""}
          {replies.length ? ` · ${t("replies", { count: replies.length })}` : ""}
        </span>
        {root.bodyText ? (
          <span className="note-item-text">{excerpt(root.bodyText, 140)}</span>
        ) : (
          <span className="note-item-text note-body-empty">{t("highlightOnly")}</span>
        )}
        <TagChips tags={root.tags} vocabulary={vocabulary} />
      </button>
    </li>
  );
}

function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

/** The seminar has more notes than the reader loaded with the page: the next page on request. */
function MoreNotes() {
  const notes = useNotes();
  const t = useTranslations("Annotations");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!notes) return null;
  const more = async () => {
    setBusy(true);
    setError(null);
    const r = await notes.loadMoreNotes();
    setBusy(false);
    if (!r.ok) setError(notes.errorMessage(r));
  };
  return (
    <p className="notes-more">
      <button type="button" onClick={more} disabled={busy} aria-busy={busy}>
        {t("moreNotes")}
      </button>
      {error ? <span role="alert"> {error}</span> : null}
    </p>
  );
}
