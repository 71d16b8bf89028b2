import { getTranslations, setRequestLocale } from "next-intl/server";
import { notFound, redirect } from "next/navigation";
import { Link } from "@/i18n/navigation";
import SiteHeader from "@/components/site/SiteHeader";
import { LANGUAGES } from "@/lib/content/types";
import { isAppError } from "@/lib/errors";
import { listGlossary } from "@/lib/links/glossary-store";
import { getSeminar } from "@/lib/seminars";
import { currentUser } from "../../../(account)/session";
import "../../../(account)/forms.css";
import "@/components/links/links.css";
import { Notice } from "../../Notice";
import { deleteGlossaryEntryAction, saveGlossaryEntryAction } from "./actions";

type Props = { params: Promise<{ locale: string; id: string }>; searchParams: Promise<Record<string, string | undefined>> };

export const dynamic = "force-dynamic";

/**
 * The seminar glossary: equivalent terms in German, English and Russian, used by link suggestions and by
 * search. Every member reads it; instructors add, change and delete entries (plain forms, one term per line).
 */
export default async function GlossaryPage({ params, searchParams }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale as "en");
  const user = await currentUser();
  if (!user) redirect(`/${locale}/sign-in?next=${encodeURIComponent(`/${locale}/seminars/${id}/glossary`)}`);
  const seminar = await getSeminar(user.id, id).catch((e) => {
    if (isAppError(e) && e.code === "not-found") notFound();
    throw e;
  });
  const entries = await listGlossary(user.id, id);
  const { error, saved } = await searchParams;
  const t = await getTranslations("Glossary");
  const editable = seminar.role === "instructor";
  const hidden = (
    <>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="seminarId" value={id} />
    </>
  );
  const termFields = (prefix: string, terms?: Record<string, string[]>) =>
    LANGUAGES.map((lang) => (
      <label key={lang} className="glossary-terms">
        {t(`lang.${lang}`)}
        <textarea name={lang} lang={lang} rows={Math.max(2, (terms?.[lang]?.length ?? 0) + 1)} defaultValue={(terms?.[lang] ?? []).join("\n")} aria-describedby={`${prefix}-hint`} />
      </label>
    ));

  return (
    <div className="page">
      <SiteHeader />
      <main id="main" className="seminar-page glossary-page">
        <p>
          <Link href={`/seminars/${id}`}>{seminar.title}</Link>
        </p>
        <h1>{t("title", { title: seminar.title })}</h1>
        <p>{t("intro")}</p>
        <Notice error={error} saved={saved} />
        <p className="seminar-meta">{t("count", { count: entries.length })}</p>

        {editable ? (
          <>
            <section aria-labelledby="glossary-add">
              <h2 id="glossary-add">{t("addHeading")}</h2>
              <form action={saveGlossaryEntryAction} className="glossary-entry">
                {hidden}
                <div className="glossary-columns">{termFields("new")}</div>
                <p id="new-hint" className="hint">
                  {t("termsHint")}
                </p>
                <button type="submit">{t("add")}</button>
              </form>
            </section>
            <section aria-labelledby="glossary-entries">
              <h2 id="glossary-entries">{t("entriesHeading")}</h2>
              {entries.length === 0 ? <p>{t("none")}</p> : null}
              {entries.map((e, i) => (
                <form key={e.id} id={`entry-${e.id}`} action={saveGlossaryEntryAction} className="glossary-entry" aria-label={t("entry", { n: i + 1 })}>
                  {hidden}
                  <input type="hidden" name="entryId" value={e.id} />
                  <div className="glossary-columns">{termFields(`e${i}`, e.terms)}</div>
                  <p id={`e${i}-hint`} className="visually-hidden">
                    {t("termsHint")}
                  </p>
                  <div className="glossary-actions">
                    <button type="submit">{t("save")}</button>
                    <button type="submit" formAction={deleteGlossaryEntryAction} className="button-danger" aria-label={t("deleteLabel", { n: i + 1 })}>
                      {t("delete")}
                    </button>
                  </div>
                </form>
              ))}
            </section>
          </>
        ) : (
          <>
            <p className="hint">{t("readOnly")}</p>
            {entries.length === 0 ? (
              <p>{t("none")}</p>
            ) : (
              <table className="glossary-table">
                <thead>
                  <tr>
                    {LANGUAGES.map((lang) => (
                      <th key={lang} scope="col">
                        {t(`lang.${lang}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {entries.map((e) => (
                    <tr key={e.id}>
                      {LANGUAGES.map((lang) => (
                        <td key={lang} lang={lang}>
                          {e.terms[lang].join(" · ")}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </main>
    </div>
  );
}
