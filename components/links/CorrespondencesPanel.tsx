"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import type { Relation } from "@/lib/annotations/types";
import { linksApi } from "@/lib/links/client";
import { shortQuote } from "@/lib/links/reader-view";
import type { CorrespondenceAnswer, CorrespondencePair } from "@/lib/links/suggest-service";
import { useLinks } from "./LinksProvider";
import { AcceptButton, AnswerStatus, ReasonChips, RelationSelect } from "./SuggestionParts";

/**
 * Corresponding passages of the two documents open side by side (one translating, summarising or answering
 * the other): "Find corresponding passages" asks the server for the best pairs, ranked with their reasons;
 * "Link" makes one pair a link in one action; a pair already linked is shown as linked.
 */
export default function CorrespondencesPanel() {
  const t = useTranslations("Suggest");
  const tl = useTranslations("Links");
  const links = useLinks();
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<{ status: "loading" | "done" | "failed"; answer?: CorrespondenceAnswer; error?: string } | null>(null);
  const [relation, setRelation] = useState<Relation>("paraphrase");
  const [busy, setBusy] = useState<CorrespondencePair | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!links?.enabled || !links.seminarId) return null;
  const shown = [...new Set(links.panes.map((p) => p.slug))].filter((slug) => links.canLink(slug));
  if (shown.length < 2) return null;
  const [a, b] = shown;
  const seminarId = links.seminarId;

  const find = async () => {
    setOpen(true);
    setError(null);
    setState({ status: "loading" });
    const r = await linksApi.correspondences(seminarId, a, b);
    setState(r.ok ? { status: "done", answer: r.data } : { status: "failed", error: links.errorMessage(r) });
  };

  const accept = async (p: CorrespondencePair) => {
    setBusy(p);
    const r = await linksApi.create(seminarId, {
      relation,
      target: {
        documentSlug: p.from.document.slug,
        blockId: p.from.blockId,
        blockStart: p.from.blockStart,
        blockEnd: p.from.blockEnd,
        exact: p.from.selector[0].exact,
      },
      bodyTarget: {
        documentSlug: p.to.document.slug,
        blockId: p.to.blockId,
        blockStart: p.to.blockStart,
        blockEnd: p.to.blockEnd,
        exact: p.to.selector[0].exact,
      },
    });
    setBusy(null);
    if (!r.ok) {
      setError(links.errorMessage(r));
      return;
    }
    setState((s) =>
      s?.answer
        ? {
            ...s,
            answer: {
              ...s.answer,
              pairs: s.answer.pairs.map((x) => (x === p ? { ...x, from: { ...x.from, linked: true }, to: { ...x.to, linked: true } } : x)),
            },
          }
        : s,
    );
    links.announce(t("pairLinked"));
    links.acceptLink(r.data);
  };

  const titleA = links.titleOf(a).title;
  const titleB = links.titleOf(b).title;
  return (
    <>
      <button type="button" className="button small correspondences-toggle" onClick={() => void find()}>
        {t("findCorrespondences")}
      </button>
      {open ? (
        <aside className="suggestions-panel correspondences-panel" aria-labelledby="correspondences-title">
          <div className="suggestions-head">
            <h2 id="correspondences-title">{t("correspondencesTitle")}</h2>
            <button type="button" className="button small secondary" onClick={() => setOpen(false)}>
              {tl("close")}
            </button>
          </div>
          <p className="suggestions-for">{t("correspondencesBetween", { a: titleA, b: titleB })}</p>
          <RelationSelect className="suggestions-relation" label={tl("acceptRelation")} value={relation} onChange={setRelation} />
          <AnswerStatus
            error={error}
            status={state?.status}
            failure={state?.error}
            empty={state?.answer?.pairs.length === 0}
            emptyText={t("noCorrespondences")}
            dictionary={state?.answer?.dictionary}
          />
          {state?.answer?.pairs.length ? (
            <ol className="suggestions-list" aria-label={t("correspondencesTitle")}>
              {state.answer.pairs.map((p, i) => {
                const linked = p.from.linked && p.to.linked;
                return (
                  <li key={`${p.from.blockId}|${p.to.blockId}`} className="suggestion correspondence" aria-label={t("pairLabel", { n: i + 1 })}>
                    <blockquote lang={p.from.document.lang}>{shortQuote(p.from.selector[0].exact, 200)}</blockquote>
                    <blockquote lang={p.to.document.lang}>{shortQuote(p.to.selector[0].exact, 200)}</blockquote>
                    <ReasonChips passage={p.to} />
                    <div className="suggestion-actions">
                      <AcceptButton
                        linked={linked}
                        busy={busy === p}
                        label={t("linkPairLabel", { n: i + 1, relation: tl(`relation.${relation}`) })}
                        onAccept={() => void accept(p)}
                      />
                    </div>
                  </li>
                );
              })}
            </ol>
          ) : null}
        </aside>
      ) : null}
    </>
  );
}
