"use client";

import type { ReactNode } from "react";
import { useTranslations } from "next-intl";

export interface DocumentOption {
  slug: string;
  title: string;
  lang: string;
}

/** Above each pane: which document it shows (changeable in place), copy a link, close the pane. */
export default function PaneToolbar({
  index,
  slug,
  documents,
  canRemove,
  onChangeDocument,
  onRemove,
  onCopyLink,
  children,
}: {
  index: number;
  slug: string;
  documents: DocumentOption[];
  canRemove: boolean;
  onChangeDocument: (slug: string) => void;
  onRemove: () => void;
  onCopyLink: () => void;
  /** Extra controls for this pane (the notes toggle). */
  children?: ReactNode;
}) {
  const t = useTranslations("Reader");
  const n = index + 1;
  const selectId = `pane${n}-document`;
  return (
    <div className="pane-toolbar">
      <span className="pane-number" aria-hidden="true">
        {n}
      </span>
      <label className="visually-hidden" htmlFor={selectId}>
        {t("documentInPane", { n })}
      </label>
      <select id={selectId} className="pane-select" value={slug} onChange={(e) => onChangeDocument(e.target.value)}>
        {documents.map((d) => (
          <option key={d.slug} value={d.slug} lang={d.lang}>
            {d.title}
          </option>
        ))}
      </select>
      {children}
      <button type="button" className="icon-button" onClick={onCopyLink} title={t("copyLinkHint")} aria-label={t("copyLink")}>
        <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18">
          <path
            d="M10 13a5 5 0 0 0 7.07 0l3-3a5 5 0 0 0-7.07-7.07l-1.5 1.5M14 11a5 5 0 0 0-7.07 0l-3 3a5 5 0 0 0 7.07 7.07l1.5-1.5"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
          />
        </svg>
      </button>
      {canRemove ? (
        <button type="button" className="icon-button" onClick={onRemove} aria-label={t("removePane", { n })} title={t("removePane", { n })}>
          <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18">
            <path d="M6 6l12 12M18 6L6 18" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          </svg>
        </button>
      ) : null}
    </div>
  );
}
