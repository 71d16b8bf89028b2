"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { RELATIONS, type Relation } from "@/lib/annotations/types";
import { linksApi } from "@/lib/links/client";
import { shortQuote } from "@/lib/links/reader-view";
import type { CorrespondenceAnswer, CorrespondencePair } from "@/lib/links/suggest-service";
import { useLinks } from "./LinksProvider";

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
      target: { documentSlug: p.from.document.slug, blockId: p.from.blockId, blockStart: p.from.blockStart, blockEnd: p.from.blockEnd, exact: p.from.selector[0].exact },
      bodyTarget: { documentSlug: p.to.document.slug, blockId: p.to.blockId, blockStart: p.to.blockStart, blockEnd: p.to.blockEnd, exact: p.to.selector[0].exact },
    });
    setBusy(null);
    if (!r.ok) {
      setError(links.errorMessage(r));
      return;
    }
    setState((s) =>
      s?.answer ? { ...s, answer: { ...s.answer, pairs: s.answer.pairs.map((x) => (x === p ? { ...x, from: { ...x.from, linked: true }, to: { ...x.to, linked: true } } : x)) } } : s,
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
          <label className="suggestions-relation">
            {tl("acceptRelation")}
            <select value={relation} onChange={(e) => setRelation(e.target.value as Relation)}>
              {RELATIONS.map((r) => (
                <option key={r} value={r}>
                  {tl(`relation.${r}`)}
                </option>
              ))}
            </select>
          </label>
          {error ? (
            <p role="alert" className="link-error">
              {error}
            </p>
          ) : null}
          <div role="status">
            {state?.status === "loading" ? <p>{tl("loading")}</p> : null}
            {state?.status === "failed" ? <p className="link-error">{state.error}</p> : null}
            {state?.status === "done" && state.answer?.pairs.length === 0 ? <p>{t("noCorrespondences")}</p> : null}
          </div>
          {state?.answer && !state.answer.dictionary ? <p className="suggestions-notice">{t("noDictionary")}</p> : null}
          {state?.answer?.pairs.length ? (
            <ol className="suggestions-list" aria-label={t("correspondencesTitle")}>
              {state.answer.pairs.map((p, i) => {
                const linked = p.from.linked && p.to.linked;
                return (
                  <li key={`${p.from.blockId}|${p.to.blockId}`} className="suggestion correspondence" aria-label={t("pairLabel", { n: i + 1 })}>
                    <blockquote lang={p.from.document.lang}>{shortQuote(p.from.selector[0].exact, 200)}</blockquote>
                    <blockquote lang={p.to.document.lang}>{shortQuote(p.to.selector[0].exact, 200)}</blockquote>
                    <ul className="reason-chips" aria-label={tl("reasonsLabel")}>
                      {p.to.reasons.map((r, k) => (
                        <li key={k} className={`reason-chip reason-${r.kind}`}>
                          <strong>{t(`reasonKind.${r.kind}`)}</strong> {r.source === r.target ? r.source : `${r.source} → ${r.target}`}{r.around ? ` ${t("around")}` : ""}
                        </li>
                      ))}
                      {p.to.cautions.map((r, k) => (
                        <li key={`c${k}`} className="reason-chip reason-caution">
                          {t(`caution.${r.kind}`, { source: r.source, target: r.target })}
                        </li>
                      ))}
                    </ul>
                    <div className="suggestion-actions">
                      {linked ? (
                        <span className="suggestion-linked">{t("alreadyLinked")}</span>
                      ) : (
                        <button type="button" className="button small" disabled={busy === p} onClick={() => void accept(p)} aria-label={t("linkPairLabel", { n: i + 1, relation: tl(`relation.${relation}`) })}>
                          {tl("accept")}
                        </button>
                      )}
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
