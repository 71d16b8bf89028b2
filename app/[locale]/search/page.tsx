import { notFound } from "next/navigation";
import { hasLocale } from "next-intl";
import type { Metadata } from "next";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { routing } from "@/i18n/routing";
import SiteHeader from "@/components/site/SiteHeader";
import SearchSnippet from "@/components/search/SearchSnippet";
import "@/components/search/search.css";
import { listDocuments } from "@/lib/content/store";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { readerHref, queryFromRecord } from "@/lib/reader/layout";
import { MAX_QUERY_CHARS, optionsFromParams, search, type SearchResponse, type SearchResult } from "@/lib/search";
import { currentUser } from "../(account)/session";

// Results depend on the signed-in user and the query: render per request.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return {};
  const t = await getTranslations({ locale, namespace: "Search" });
  const app = await getTranslations({ locale, namespace: "App" });
  return { title: `${t("title")} — ${app("name")}`, robots: { index: false } };
}

/** The page's own URL with one parameter list changed (chips add or drop `no=` terms). */
function hrefWith(locale: string, query: URLSearchParams, change: (q: URLSearchParams) => void): string {
  const q = new URLSearchParams(query);
  change(q);
  return `/${locale}/search?${q.toString()}`;
}

/** Members and tags of the viewer's seminars, for the filter controls. */
async function filterChoices(userId: string) {
  const memberships = await db().membership.findMany({ where: { userId }, select: { seminarId: true, seminar: { select: { title: true } } } });
  const seminarIds = memberships.map((m) => m.seminarId);
  const [members, tags] = await Promise.all([
    db().membership.findMany({ where: { seminarId: { in: seminarIds } }, select: { userId: true, user: { select: { name: true } } } }),
    db().seminarTag.findMany({ where: { seminarId: { in: seminarIds } }, select: { name: true } }),
  ]);
  const uniqueMembers = [...new Map(members.map((m) => [m.userId, m.user.name])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
  return {
    seminars: memberships.map((m) => ({ id: m.seminarId, title: m.seminar.title })),
    members: uniqueMembers.map(([id, name]) => ({ id, name })),
    tags: [...new Set(tags.map((t) => t.name))].sort((a, b) => a.localeCompare(b)),
  };
}

export default async function SearchPage({ params, searchParams }: Props) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const t = await getTranslations("Search");
  const d = await getTranslations("Document");
  const format = await getFormatter();
  const query = queryFromRecord(await searchParams);
  const options = optionsFromParams(query);
  const user = await currentUser();
  const documents = listDocuments();
  const choices = user ? await filterChoices(user.id) : { seminars: [], members: [], tags: [] };

  let result: SearchResponse | null = null;
  let seminarProblem = false;
  if (options.q.trim()) {
    try {
      result = await search(user?.id ?? null, options);
    } catch (e) {
      if (!isAppError(e) || e.code !== "not-found") throw e;
      seminarProblem = true;
    }
  }
  const kinds = new Set(options.kinds ?? []);
  const active = result?.expansions.filter((e) => !e.removed) ?? [];
  const removed = result?.expansions.filter((e) => e.removed) ?? [];
  const kindLabel = (k: SearchResult["kind"]) => t(`kindLabel.${k}`);

  return (
    <div className="page">
      <SiteHeader />
      <main id="main" className="search-page">
        <h1>{t("title")}</h1>
        <form method="get" action={`/${locale}/search`} role="search" aria-label={t("label")} className="search-form">
          <div className="search-box">
            <label htmlFor="search-q" className="visually-hidden">
              {t("label")}
            </label>
            <input id="search-q" type="search" name="q" defaultValue={options.q} placeholder={t("placeholder")} maxLength={MAX_QUERY_CHARS * 4} />
            <button type="submit">{t("submit")}</button>
          </div>
          {options.no?.map((term) => (
            <input key={term} type="hidden" name="no" value={term} />
          ))}
          <details
            className="search-filters"
            open={!!(options.doc || options.lang || options.kinds || options.tag || options.member || options.from || options.to || options.seminar)}
          >
            <summary>{t("filters")}</summary>
            <div className="search-filter-grid">
              {choices.seminars.length > 1 ? (
                <label>
                  {t("seminar")}
                  <select name="seminar" defaultValue={options.seminar ?? ""}>
                    <option value="">{t("allSeminars")}</option>
                    {choices.seminars.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.title}
                      </option>
                    ))}
                  </select>
                </label>
              ) : null}
              <label>
                {t("document")}
                <select name="doc" defaultValue={options.doc ?? ""}>
                  <option value="">{t("allDocuments")}</option>
                  {documents.map((m) => (
                    <option key={m.slug} value={m.slug} lang={m.lang}>
                      {m.title ?? d("untitled")}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t("language")}
                <select name="lang" defaultValue={options.lang ?? ""}>
                  <option value="">{t("anyLanguage")}</option>
                  {(["de", "en", "ru"] as const).map((l) => (
                    <option key={l} value={l}>
                      {d(`language.${l}`)}
                    </option>
                  ))}
                </select>
              </label>
              <fieldset>
                <legend>{t("kind")}</legend>
                {(
                  [
                    ["text", t("kindText")],
                    ["note", t("kindNote")],
                    ["link", t("kindLink")],
                  ] as const
                ).map(([k, label]) => (
                  <label key={k} className="search-check">
                    <input type="checkbox" name="kind" value={k} defaultChecked={kinds.has(k)} />
                    {label}
                  </label>
                ))}
              </fieldset>
              {user ? (
                <>
                  <label>
                    {t("tag")}
                    <input type="text" name="tag" defaultValue={options.tag ?? ""} list="search-tags" maxLength={40} />
                    <datalist id="search-tags">
                      {choices.tags.map((tag) => (
                        <option key={tag} value={tag} />
                      ))}
                    </datalist>
                  </label>
                  <label>
                    {t("member")}
                    <select name="member" defaultValue={options.member ?? ""}>
                      <option value="">{t("anyMember")}</option>
                      {choices.members.map((m) => (
                        <option key={m.id} value={m.id}>
                          {m.name}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label>
                    {t("from")}
                    <input type="date" name="from" defaultValue={options.from ?? ""} />
                  </label>
                  <label>
                    {t("to")}
                    <input type="date" name="to" defaultValue={options.to ?? ""} />
                  </label>
                </>
              ) : null}
            </div>
            <div className="search-filter-actions">
              <button type="submit">{t("apply")}</button>
              <a href={`/${locale}/search?${new URLSearchParams({ q: options.q }).toString()}`}>{t("clearFilters")}</a>
            </div>
          </details>
        </form>

        {!user ? <p className="hint">{t("signInHint")}</p> : null}

        {active.length || removed.length ? (
          <div className="search-expansions">
            {active.length ? (
              <p>
                <span>{t("expansions")}</span>{" "}
                {active.map((e) => (
                  <a
                    key={e.term}
                    className="search-chip"
                    lang={e.lang}
                    href={hrefWith(locale, query, (q) => q.append("no", e.term))}
                    aria-label={t("removeExpansion", { term: e.term })}
                    title={t("removeExpansion", { term: e.term })}
                  >
                    {e.term} <span aria-hidden="true">×</span>
                  </a>
                ))}
              </p>
            ) : null}
            {removed.length ? (
              <p>
                <span>{t("removedExpansions")}</span>{" "}
                {removed.map((e) => (
                  <a
                    key={e.term}
                    className="search-chip search-chip-removed"
                    lang={e.lang}
                    href={hrefWith(locale, query, (q) => {
                      const keep = q.getAll("no").filter((n) => n.toLowerCase() !== e.term.toLowerCase());
                      q.delete("no");
                      for (const n of keep) q.append("no", n);
                    })}
                    aria-label={t("restoreExpansion", { term: e.term })}
                  >
                    {e.term} <span aria-hidden="true">+</span>
                  </a>
                ))}
              </p>
            ) : null}
          </div>
        ) : null}

        <div aria-live="polite" className="search-status">
          {seminarProblem ? <p>{t("unknownSeminar")}</p> : null}
          {!options.q.trim() || result?.empty ? <p>{t("emptyQuery")}</p> : null}
          {result?.truncated ? <p className="hint">{t("truncated", { max: MAX_QUERY_CHARS })}</p> : null}
          {result && !result.empty && result.total === 0 ? (
            <>
              <p className="search-nothing">{t("nothingFound", { query: result.query })}</p>
              <p className="hint">{t("nothingFoundHint")}</p>
            </>
          ) : null}
          {result && result.total > 0 ? <p>{t("summary", { count: result.total, docs: result.groups.length })}</p> : null}
        </div>

        {result?.groups.map((g) => (
          <section key={g.slug} className="search-group" aria-labelledby={`group-${g.slug}`}>
            <h2 id={`group-${g.slug}`}>
              <span lang={g.lang}>{g.title ?? d("untitled")}</span> <span className="search-lang">{g.lang ? d(`language.${g.lang as "de"}`) : null}</span>
            </h2>
            <ol className="search-results">
              {g.results.map((r, i) => (
                <li key={`${r.kind}-${r.annotationId ?? ""}-${r.blockId}-${i}`} className={`search-result search-result-${r.kind}`}>
                  <span className="search-kind">{kindLabel(r.kind)}</span>
                  <a
                    className="search-open"
                    href={readerHref(locale, {
                      slugs: [g.slug],
                      sync: false,
                      target: { pane: 0, blockId: r.blockId, blockStart: r.blockStart, blockEnd: r.blockEnd },
                    })}
                    lang={r.kind === "text" ? g.lang : undefined}
                  >
                    <SearchSnippet snippet={r.snippet} />
                  </a>
                  {r.kind !== "text" ? (
                    <p className="search-meta">
                      {r.author ? t("byline", { name: r.author.name, date: format.dateTime(new Date(r.createdAt!), { dateStyle: "medium" }) }) : null}
                      {r.tags?.length ? <span className="search-tags"> · {r.tags.join(", ")}</span> : null}
                      <br />
                      <span>{t("onPassage")}</span> <q lang={g.lang}>{r.selectors.TextQuoteSelector.exact}</q>
                    </p>
                  ) : null}
                </li>
              ))}
            </ol>
          </section>
        ))}
      </main>
    </div>
  );
}
