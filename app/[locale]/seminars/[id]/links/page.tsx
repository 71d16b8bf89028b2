import { getTranslations, setRequestLocale } from "next-intl/server";
import { notFound, redirect } from "next/navigation";
import { Link } from "@/i18n/navigation";
import SiteHeader from "@/components/site/SiteHeader";
import { getDocument } from "@/lib/content/store";
import { isAppError } from "@/lib/errors";
import { bothPassagesQuery, linksOverview, type LinkEnd } from "@/lib/links/views";
import { getSeminar } from "@/lib/seminars";
import { currentUser } from "../../../(account)/session";
import "../../../(account)/forms.css";
import "@/components/links/links.css";
import { Notice } from "../../Notice";
import { deleteLinkAction, replyToLinkAction, setRelationAction } from "./actions";

type Props = { params: Promise<{ locale: string; id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const dynamic = "force-dynamic";

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

/**
 * A seminar's links overview: every link the member may see, grouped by pair of documents, filterable by
 * relation, member and tag (a plain GET form, so a filtered view can be bookmarked and shared). Each row
 * opens both passages side by side in the reader.
 */
export default async function LinksPage({ params, searchParams }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale as "en");
  const user = await currentUser();
  if (!user) redirect(`/${locale}/sign-in?next=${encodeURIComponent(`/${locale}/seminars/${id}/links`)}`);
  const seminar = await getSeminar(user.id, id).catch((e) => {
    if (isAppError(e) && e.code === "not-found") notFound();
    throw e;
  });
  const query = await searchParams;
  const filters = { relation: one(query.relation), member: one(query.member), tag: one(query.tag) };
  const overview = await linksOverview(user.id, id, filters, one(query.after) ?? null).catch((e) => {
    // A cursor that is not ours (edited by hand): start from the first page.
    if (isAppError(e) && e.code === "invalid-request") redirect(`/${locale}/seminars/${id}/links`);
    throw e;
  });
  const t = await getTranslations("Links");
  const d = await getTranslations("Document");
  const title = (slug: string) => getDocument(slug)?.meta.title ?? d("untitled");
  const lang = (slug: string) => getDocument(slug)?.meta.lang;
  const filtered = !!(filters.relation || filters.member || filters.tag);
  const error = one(query.error);
  const filterQuery = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => !!e[1])).toString();

  const quote = (e: LinkEnd) => (
    <blockquote className="link-quote" lang={e.lang}>
      {e.exact}
      {e.anchor.status === "orphan" ? <span className="link-orphan"> ({t("orphan")})</span> : null}
    </blockquote>
  );

  return (
    <div className="page">
      <SiteHeader />
      <main id="main" className="seminar-page links-page">
        <p>
          <Link href={`/seminars/${id}`}>{seminar.title}</Link>
        </p>
        <h1>{t("overviewTitle", { title: seminar.title })}</h1>
        <p>{t("overviewIntro")}</p>
        <Notice error={error} />

        <form method="get" className="links-filters" aria-label={t("filters")}>
          <label>
            {t("relationLabel")}
            <select name="relation" defaultValue={filters.relation ?? ""}>
              <option value="">{t("any")}</option>
              {overview.choices.relations.map((r) => (
                <option key={r} value={r}>
                  {t(`relation.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("memberLabel")}
            <select name="member" defaultValue={filters.member ?? ""}>
              <option value="">{t("any")}</option>
              {overview.choices.members.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("tagLabel")}
            <select name="tag" defaultValue={filters.tag ?? ""}>
              <option value="">{t("any")}</option>
              {overview.choices.tags.map((tag) => (
                <option key={tag} value={tag}>
                  {tag}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t("applyFilters")}</button>
          {filtered ? <Link href={`/seminars/${id}/links`}>{t("resetFilters")}</Link> : null}
        </form>

        <p role="status" className="seminar-meta">
          {t("count", { count: overview.total })}
        </p>
        {overview.total === 0 ? <p>{filtered ? t("noneFiltered") : t("none")}</p> : null}

        {overview.pairs.map((pair) => {
          const [a, b] = pair.slugs;
          const headingId = `pair-${a}-${b}`;
          return (
            <section key={`${a}|${b}`} aria-labelledby={headingId} className="link-pair">
              <h2 id={headingId}>
                <span lang={lang(a)}>{title(a)}</span> <span aria-hidden="true">⇄</span>
                <span className="visually-hidden"> {t("and")} </span> <span lang={lang(b)}>{title(b)}</span>
              </h2>
              <ol className="link-rows">
                {pair.links.map((l) => (
                  <li key={l.id} className="link-row">
                    <div className="link-ends">
                      {quote(l.ordered[0])}
                      <p className="link-relation">
                        <span className={`relation-chip relation-${l.relation ?? "none"}`}>{l.relation ? t(`relation.${l.relation}`) : t("noRelation")}</span>
                      </p>
                      {quote(l.ordered[1])}
                    </div>
                    {l.bodyText ? <div className="link-note" dangerouslySetInnerHTML={{ __html: l.bodyHtml }} /> : null}
                    <p className="seminar-meta">
                      {t("by", { name: l.author.name })}
                      {l.tags.length ? <> · {l.tags.join(", ")}</> : null}
                      {l.replies ? <> · {t("replies", { count: l.replies })}</> : null}
                      {l.visibility !== "seminar" ? <> · {t(`visibility.${l.visibility === "private" ? "private" : "instructors"}`)}</> : null}
                    </p>
                    {l.thread.length ? (
                      <ol className="link-thread" aria-label={t("repliesHeading")}>
                        {l.thread.map((r) => (
                          <li key={r.id}>
                            <span className="seminar-meta">{r.author.name}: </span>
                            <span dangerouslySetInnerHTML={{ __html: r.bodyHtml }} />
                          </li>
                        ))}
                      </ol>
                    ) : null}
                    <form action={replyToLinkAction} className="link-reply">
                      <input type="hidden" name="locale" value={locale} />
                      <input type="hidden" name="seminarId" value={id} />
                      <input type="hidden" name="query" value={filterQuery} />
                      <input type="hidden" name="linkId" value={l.id} />
                      <label>
                        {t("replyLabel")}
                        <textarea name="reply" rows={1} maxLength={10000} />
                      </label>
                      <button type="submit">{t("reply")}</button>
                    </form>
                    {l.author.id === user.id ? (
                      <form action={setRelationAction} className="link-own-actions">
                        <input type="hidden" name="locale" value={locale} />
                        <input type="hidden" name="seminarId" value={id} />
                        <input type="hidden" name="query" value={filterQuery} />
                        <input type="hidden" name="linkId" value={l.id} />
                        <input type="hidden" name="revision" value={l.revision} />
                        <label>
                          {t("changeRelation")}
                          <select name="relation" defaultValue={l.relation ?? ""}>
                            {overview.choices.relations.map((r) => (
                              <option key={r} value={r}>
                                {t(`relation.${r}`)}
                              </option>
                            ))}
                          </select>
                        </label>
                        <button type="submit">{t("saveRelation")}</button>
                        <button type="submit" formAction={deleteLinkAction} className="button-danger">
                          {t("deleteLink")}
                        </button>
                      </form>
                    ) : null}
                    <p>
                      <Link
                        href={`/read?${bothPassagesQuery(l.ordered)}&seminar=${encodeURIComponent(id)}`}
                        aria-label={t("openBothLabel", { a: title(l.ordered[0].slug), b: title(l.ordered[1].slug) })}
                      >
                        {t("openBoth")}
                      </Link>
                    </p>
                  </li>
                ))}
              </ol>
            </section>
          );
        })}
        {overview.next ? (
          <p>
            <Link href={`/seminars/${id}/links?${new URLSearchParams([...new URLSearchParams(filterQuery), ["after", overview.next]]).toString()}`}>
              {t("moreLinks")}
            </Link>
          </p>
        ) : null}
      </main>
    </div>
  );
}
