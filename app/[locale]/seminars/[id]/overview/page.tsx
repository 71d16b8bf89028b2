import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { notFound, redirect } from "next/navigation";
import { Link } from "@/i18n/navigation";
import SiteHeader from "@/components/site/SiteHeader";
import { HeatBar, WeeklyBars } from "@/components/teaching/Charts";
import { isAppError } from "@/lib/errors";
import { seminarOverview } from "@/lib/teaching/overview";
import { currentUser } from "../../../(account)/session";
import "@/components/teaching/teaching.css";

type Props = { params: Promise<{ locale: string; id: string }> };

export const dynamic = "force-dynamic";

/** The instructor's overview: activity per member and week, where discussion concentrates, open questions. */
export default async function OverviewPage({ params }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale as "en");
  const user = await currentUser();
  if (!user) redirect(`/${locale}/sign-in?next=${encodeURIComponent(`/${locale}/seminars/${id}/overview`)}`);
  const o = await seminarOverview(user.id, id).catch((e) => {
    if (isAppError(e) && (e.code === "not-found" || e.code === "forbidden")) notFound();
    throw e;
  });
  const t = await getTranslations("Teaching");
  const s = await getTranslations("Seminars");
  const format = await getFormatter();
  const day = (iso: string) => format.dateTime(new Date(iso), { day: "numeric", month: "short", timeZone: "UTC" });
  const readHref = (slug: string, blockId?: string | null) =>
    `/read?p=${encodeURIComponent(slug)}${blockId ? `&b=${encodeURIComponent(blockId)}` : ""}&seminar=${encodeURIComponent(id)}`;
  const weekCols = o.weeks.slice(-8);
  const offset = o.weeks.length - weekCols.length;
  return (
    <div className="page">
      <SiteHeader />
      <main id="main" className="teaching-page">
        <p>
          <Link href={`/seminars/${id}`}>{o.title}</Link>
        </p>
        <h1>{t("overviewTitle", { title: o.title })}</h1>
        <p className="teaching-actions">
          <a href={`/api/seminars/${encodeURIComponent(id)}/overview?format=csv`} download>
            {t("exportCsv")}
          </a>
        </p>

        <section aria-labelledby="activity-heading">
          <h2 id="activity-heading">{t("activityHeading")}</h2>
          <p className="hint">{t("activityHint")}</p>
          {o.members.length === 0 ? (
            <p>{t("noMembers")}</p>
          ) : (
            <>
              <h3>{t("chartTitle")}</h3>
              <ul className="member-charts">
                {o.members.map((m) => (
                  <li key={m.userId}>
                    <strong>{m.name}</strong> <span className="muted">({s(`role.${m.role}`)})</span>
                    <WeeklyBars
                      weeks={m.byWeek}
                      label={t("chartLabel", { name: m.name, values: m.byWeek.map((w, i) => `${day(o.weeks[i])}: ${w.words}`).join(", ") })}
                    />
                  </li>
                ))}
              </ul>
              {/* A week's column per week: on a narrow screen the table scrolls inside its own region, not the page. */}
              <div className="table-scroll" role="region" aria-label={t("tableCaption")} tabIndex={0}>
                <table>
                  <caption>{t("tableCaption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("member")}</th>
                      <th scope="col">{t("notes")}</th>
                      <th scope="col">{t("replies")}</th>
                      <th scope="col">{t("links")}</th>
                      <th scope="col">{t("words")}</th>
                      {weekCols.map((w) => (
                        <th scope="col" key={w}>
                          {t("week")} {day(w)} ({t("words")})
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {o.members.map((m) => (
                      <tr key={m.userId}>
                        <th scope="row">{m.name}</th>
                        <td>{m.totals.notes}</td>
                        <td>{m.totals.replies}</td>
                        <td>{m.totals.links}</td>
                        <td>{m.totals.words}</td>
                        {weekCols.map((w, i) => (
                          <td key={w}>{m.byWeek[offset + i].words}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </section>

        <section aria-labelledby="discussion-heading">
          <h2 id="discussion-heading">{t("discussionHeading")}</h2>
          <p className="hint">{t("discussionHint")}</p>
          {o.documents.map((d) => (
            <div className="heat-row" key={d.slug}>
              <h3 lang={d.lang}>{d.title}</h3>
              <HeatBar segments={d.segments} label={t("heatLabel", { title: d.title, total: d.total })} />
              {d.passages.length === 0 ? (
                <p className="muted">{t("noDiscussion")}</p>
              ) : (
                <>
                  <h4>{t("rankedPassages")}</h4>
                  <ol className="ranked-passages">
                    {d.passages.map((p) => (
                      <li key={`${p.start}-${p.end}`}>
                        <Link href={readHref(d.slug, p.blockId)}>
                          <q lang={d.lang}>{p.text}</q>
                        </Link>{" "}
                        <span className="muted">— {t("passageCount", { annotations: p.annotations, replies: p.replies })}</span>
                      </li>
                    ))}
                  </ol>
                </>
              )}
            </div>
          ))}
        </section>

        <section aria-labelledby="questions-heading">
          <h2 id="questions-heading">{t("openQuestionsHeading")}</h2>
          <p className="hint">{t("openQuestionsHint")}</p>
          {o.openQuestions.length === 0 ? (
            <p>{t("noOpenQuestions")}</p>
          ) : (
            <ul className="open-questions">
              {o.openQuestions.map((q) => (
                <li key={q.id}>
                  <p>{q.text}</p>
                  <p className="muted">
                    {t("askedBy", { name: q.authorName, date: day(q.createdAt) })}
                    {q.slug ? (
                      <>
                        {" · "}
                        <Link href={readHref(q.slug, q.blockId)}>{t("openInReader")}</Link>
                      </>
                    ) : null}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
      </main>
    </div>
  );
}
