"use client";

import { useTranslations } from "next-intl";
import { RELATIONS, type Relation } from "@/lib/annotations/types";
import type { SuggestedPassage } from "@/lib/links/suggest-service";

/**
 * The parts the suggestion panel, the correspondences panel and the link composer share: the relation
 * picker, the reasons and cautions of a candidate, the "Link" button (or "linked" when it is), and the
 * panel's error and status lines.
 */

/** The relation a link is made with. */
export function RelationSelect({ label, value, onChange, className }: { label: string; value: Relation; onChange: (r: Relation) => void; className?: string }) {
  const t = useTranslations("Links");
  return (
    <label className={className}>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value as Relation)}>
        {RELATIONS.map((r) => (
          <option key={r} value={r}>
            {t(`relation.${r}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Why a passage is a candidate (the evidence both passages share) and why it may be wrong (cautions). */
export function ReasonChips({ passage }: { passage: Pick<SuggestedPassage, "reasons" | "cautions"> }) {
  const t = useTranslations("Suggest");
  const tl = useTranslations("Links");
  return (
    <ul className="reason-chips" aria-label={tl("reasonsLabel")}>
      {passage.reasons.map((r, i) => (
        <li key={i} className={`reason-chip reason-${r.kind}`}>
          <strong>{t(`reasonKind.${r.kind}`)}</strong> {r.source === r.target ? r.source : `${r.source} → ${r.target}`}
          {r.around ? ` ${t("around")}` : ""}
        </li>
      ))}
      {passage.cautions.map((r, i) => (
        <li key={`c${i}`} className="reason-chip reason-caution">
          {t(`caution.${r.kind}`, { source: r.source, target: r.target })}
        </li>
      ))}
    </ul>
  );
}

/** "Link" for a candidate, or the note that it is linked already. */
export function AcceptButton({ linked, busy, label, onAccept }: { linked: boolean; busy: boolean; label: string; onAccept: () => void }) {
  const t = useTranslations("Suggest");
  const tl = useTranslations("Links");
  if (linked) return <span className="suggestion-linked">{t("alreadyLinked")}</span>;
  return (
    <button type="button" className="button small" disabled={busy} aria-label={label} onClick={onAccept}>
      {tl("accept")}
    </button>
  );
}

/** An action's error, the answer's state (loading, failed, nothing found) and the missing-dictionary notice. */
export function AnswerStatus({
  error,
  status,
  failure,
  empty,
  emptyText,
  dictionary,
}: {
  error: string | null;
  status: "loading" | "done" | "failed" | undefined;
  failure?: string;
  empty: boolean;
  emptyText: string;
  /** whether the answer had the bilingual dictionary (undefined: no answer yet) */
  dictionary: boolean | undefined;
}) {
  const t = useTranslations("Suggest");
  const tl = useTranslations("Links");
  return (
    <>
      {error ? (
        <p role="alert" className="link-error">
          {error}
        </p>
      ) : null}
      <div role="status">
        {status === "loading" ? <p>{tl("loading")}</p> : null}
        {status === "failed" ? <p className="link-error">{failure}</p> : null}
        {status === "done" && empty ? <p>{emptyText}</p> : null}
      </div>
      {dictionary === false ? <p className="suggestions-notice">{t("noDictionary")}</p> : null}
    </>
  );
}
