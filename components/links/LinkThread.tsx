"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { RELATIONS, type AnnotationDto, type Relation } from "@/lib/annotations/types";
import { linkThreadOf } from "@/lib/annotations-ui/state";
import type { LinkEnd } from "@/lib/links/views";
import { NoteCard, Replies } from "@/components/annotations/ThreadView";
import { useNotes } from "@/components/annotations/NotesProvider";
import { useLinks } from "./LinksProvider";
import "./links.css";

/**
 * A link's discussion in the notes panel of the pane whose marker opened it: who made it, both passages
 * (each a button that goes there, opening its document if no pane shows it), the relation, the comment and
 * the replies with the notes' own reply box. The thread comes from the notes' state (kept live by the
 * seminar's event stream); where the passages are now comes from the link layer.
 */
export default function LinkThread({ paneId, paneIndex, id, autoFocus = false }: { paneId: string; paneIndex: number; id: string; autoFocus?: boolean }) {
  const t = useTranslations("LinkThread");
  const tLinks = useTranslations("Links");
  const tNotes = useTranslations("Annotations");
  const notes = useNotes()!;
  const links = useLinks();
  const heading = useRef<HTMLHeadingElement>(null);
  const thread = linkThreadOf(notes.state, id);

  useEffect(() => {
    heading.current?.scrollIntoView({ block: "nearest" });
    if (autoFocus) heading.current?.focus({ preventScroll: true });
  }, [id, autoFocus]);

  if (!thread) return null;
  const { root, replies } = thread;
  const placed = links?.links.find((l) => l.id === id)?.ends;
  const relation = root.relation ? tLinks(`relation.${root.relation}`) : tLinks("noRelation");
  const titleId = `${paneId}-thread-title`;

  return (
    <article className="note-thread link-thread-view" aria-labelledby={titleId}>
      <div className="thread-nav">
        <button type="button" className="link-button" onClick={() => notes.show(paneId, { kind: "list" })}>
          <span aria-hidden="true">← </span>
          {tNotes("allNotes")}
        </button>
      </div>
      <h3 id={titleId} ref={heading} tabIndex={-1} className="notes-subtitle">
        {t("title", { name: root.author.name })}
      </h3>
      <div className="link-thread-ends">
        <Passage root={root} role="target" placed={placed} paneIndex={paneIndex} />
        <p className="link-thread-relation">
          <span className="link-thread-relation-label">{tLinks("relationLabel")}</span>{" "}
          <span className={`relation-chip relation-${root.relation ?? "none"}`}>{relation}</span>
        </p>
        {/* Keyed by revision: a change that arrives live (another tab, the overview) starts the select afresh. */}
        {notes.data?.user.id === root.author.id ? <RelationEditor key={root.revision} link={root} /> : null}
        <Passage root={root} role="body" placed={placed} paneIndex={paneIndex} />
      </div>
      <NoteCard paneId={paneId} note={root} isRoot labels={{ empty: t("noComment"), confirmDelete: t("confirmDelete"), deleted: tLinks("deleted") }} />
      <Replies paneId={paneId} root={root} replies={replies} />
    </article>
  );
}

/** One end of the link: its document and quote, a button that goes to the passage where it is now. */
function Passage({ root, role, placed, paneIndex }: { root: AnnotationDto; role: LinkEnd["role"]; placed: [LinkEnd, LinkEnd] | undefined; paneIndex: number }) {
  const tLinks = useTranslations("Links");
  const links = useLinks();
  const stored = root.targets.find((x) => x.role === role);
  if (!stored) return null;
  // Until the link layer has placed the passage (a link made a moment ago), the button waits.
  const end = placed?.find((e) => e.role === role);
  const { title, lang } = links?.titleOf(stored.documentSlug) ?? { title: stored.documentSlug, lang: "" };
  const opensPane = !links?.panes.some((p) => p.slug === stored.documentSlug);
  const orphan = end?.anchor.status === "orphan";
  const label = `${tLinks("goToLabel", { quote: stored.exact, title })}${opensPane ? ` (${tLinks("opensPane")})` : ""}`;
  return (
    <figure className="link-thread-end">
      <figcaption lang={lang || undefined}>{title}</figcaption>
      <button
        type="button"
        className="link-thread-quote"
        lang={stored.lang}
        aria-label={label}
        title={label}
        disabled={!end || !links}
        onClick={() => end && links?.goToEnd(end, paneIndex)}
      >
        {stored.exact}
      </button>
      {orphan ? <span className="link-orphan">{tLinks("orphan")}</span> : null}
    </figure>
  );
}

/**
 * The link's author changes its relation where the link is read (the links overview can too). The select
 * starts at the stored relation; a save that crosses another one gets the translated conflict message, and
 * nothing is overwritten.
 */
function RelationEditor({ link }: { link: AnnotationDto }) {
  const t = useTranslations("LinkThread");
  const tLinks = useTranslations("Links");
  const notes = useNotes()!;
  const selectId = useId();
  const [choice, setChoice] = useState<Relation | "">(link.relation ?? "");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  async function save(e: FormEvent) {
    e.preventDefault();
    if (!choice || choice === link.relation) return;
    setBusy(true);
    setError("");
    const r = await notes.update(link.id, { revision: link.revision, relation: choice });
    setBusy(false);
    if (r.ok) notes.announce(t("relationChanged", { relation: tLinks(`relation.${choice}`) }));
    else setError(notes.errorMessage(r));
  }

  return (
    <form className="link-relation-editor" onSubmit={save}>
      <label htmlFor={selectId}>{tLinks("changeRelation")}</label>{" "}
      <select id={selectId} value={choice} onChange={(e) => setChoice(e.target.value as Relation)} disabled={busy}>
        {link.relation ? null : <option value="">{tLinks("noRelation")}</option>}
        {RELATIONS.map((r) => (
          <option key={r} value={r}>
            {tLinks(`relation.${r}`)}
          </option>
        ))}
      </select>{" "}
      <button type="submit" disabled={busy || !choice || choice === link.relation}>
        {tLinks("saveRelation")}
      </button>
      {error ? (
        <p role="alert" className="note-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
