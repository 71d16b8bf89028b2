"use client";

import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import type { Relation } from "@/lib/annotations/types";
import { shortQuote } from "@/lib/links/reader-view";
import type { SuggestedPassage } from "@/lib/links/suggest-service";
import { useLinks } from "./LinksProvider";
import { AcceptButton, AnswerStatus, ReasonChips, RelationSelect } from "./SuggestionParts";

/**
 * Candidate passages for the selected one, best first, each with the evidence that makes it a candidate
 * (a person, place, date, work or glossary term both passages mention, across spellings and languages).
 * "Link" makes the link at once (with the relation chosen at the top, "context" unless changed), "Show"
 * opens the passage in the reader, "Dismiss" removes it for good for this paragraph.
 */
export default function SuggestionsPanel() {
  const t = useTranslations("Links");
  const links = useLinks();
  const heading = useRef<HTMLHeadingElement>(null);
  const [relation, setRelation] = useState<Relation>("context");
  const [busy, setBusy] = useState<SuggestedPassage | null>(null);
  const state = links?.suggestions ?? null;
  const from = state?.from ?? null;
  // A failure belongs to the passage it happened for: suggestions for another passage start without it.
  const [lastFailure, setLastFailure] = useState<{ from: typeof from; message: string } | null>(null);
  const error = lastFailure && lastFailure.from === from ? lastFailure.message : null;
  const setError = (message: string | null) => setLastFailure(message ? { from, message } : null);

  useEffect(() => {
    if (from) heading.current?.focus({ preventScroll: true });
  }, [from]);

  if (!links || !state) return null;
  const act = async (c: SuggestedPassage, run: () => Promise<{ code: string } | null>) => {
    setBusy(c);
    const failure = await run();
    setBusy(null);
    setError(failure ? links.errorMessage(failure as never) : null);
  };

  return (
    <aside className="suggestions-panel" aria-labelledby="suggestions-title">
      <div className="suggestions-head">
        <h2 id="suggestions-title" ref={heading} tabIndex={-1}>
          {t("suggestionsTitle")}
        </h2>
        <button type="button" className="button small secondary" onClick={links.closeSuggestions}>
          {t("close")}
        </button>
      </div>
      <p className="suggestions-for">{t("suggestionsFor", { quote: shortQuote(state.from.quote, 90) })}</p>
      <RelationSelect className="suggestions-relation" label={t("acceptRelation")} value={relation} onChange={setRelation} />
      <AnswerStatus
        error={error}
        status={state.status}
        failure={state.error}
        empty={state.answer?.candidates.length === 0}
        emptyText={t("noSuggestions")}
        dictionary={state.answer?.dictionary}
      />
      {state.answer?.candidates.length ? (
        <ol className="suggestions-list">
          {state.answer.candidates.map((c) => {
            const title = c.document.title ?? c.document.slug;
            return (
              <li key={`${c.document.slug}#${c.blockId}`} className="suggestion" aria-labelledby={`suggestion-${c.document.slug}-${c.blockId}`}>
                <p className="suggestion-title">
                  <span id={`suggestion-${c.document.slug}-${c.blockId}`} lang={c.document.lang}>
                    {title}
                  </span>{" "}
                  <span className="suggestion-score">{t("score", { score: c.score })}</span>
                </p>
                <blockquote lang={c.document.lang}>{shortQuote(c.selector[0].exact, 220)}</blockquote>
                <ReasonChips passage={c} />
                <div className="suggestion-actions">
                  <AcceptButton
                    linked={c.linked}
                    busy={busy === c}
                    label={t("acceptLabel", { title, relation: t(`relation.${relation}`) })}
                    onAccept={() => void act(c, () => links.acceptSuggestion(c, relation))}
                  />
                  <button
                    type="button"
                    className="button small secondary"
                    aria-label={t("showLabel", { title })}
                    onClick={() => links.showPassage(c.document.slug, c, state.from.paneIndex)}
                  >
                    {t("show")}
                  </button>
                  <button
                    type="button"
                    className="button small secondary"
                    disabled={busy === c}
                    aria-label={t("dismissLabel", { title })}
                    onClick={() => void act(c, () => links.dismissSuggestion(c))}
                  >
                    {t("dismiss")}
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      ) : null}
    </aside>
  );
}
