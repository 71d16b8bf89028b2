import { getTranslations, setRequestLocale } from "next-intl/server";
import { redirect } from "next/navigation";
import { Link } from "@/i18n/navigation";
import SiteHeader from "@/components/site/SiteHeader";
import { listDocuments } from "@/lib/content/store";
import { listSeminars } from "@/lib/seminars";
import { currentUser } from "../(account)/session";
import "../(account)/forms.css";
import { createSeminarAction } from "./actions";
import { Notice } from "./Notice";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | undefined>> };

export const dynamic = "force-dynamic";

export default async function SeminarsPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale as "en");
  const user = await currentUser();
  if (!user) redirect(`/${locale}/sign-in?next=${encodeURIComponent(`/${locale}/seminars`)}`);
  const { error } = await searchParams;
  const t = await getTranslations("Seminars");
  const seminars = await listSeminars(user.id);
  const documents = listDocuments();
  return (
    <div className="page">
      <SiteHeader />
      <main id="main" className="seminar-page">
        <h1>{t("title")}</h1>
        <p>{t("intro")}</p>
        {seminars.length === 0 ? (
          <p>{t("empty")}</p>
        ) : (
          <ul className="seminar-list">
            {seminars.map((s) => (
              <li key={s.id}>
                <h2>
                  <Link href={`/seminars/${s.id}`}>{s.title}</Link>
                </h2>
                <p className="seminar-meta">
                  {t(`role.${s.role}`)} · {t("documentsCount", { count: s.documentCount })} · {t("membersCount", { count: s.memberCount })}
                  {s.role === "instructor" ? (
                    <>
                      {" · "}
                      <Link href={`/seminars/${s.id}/settings`} aria-label={t("settingsOf", { title: s.title })}>
                        {t("settings")}
                      </Link>
                    </>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        )}

        <h2>{t("createTitle")}</h2>
        <Notice error={error} />
        <form action={createSeminarAction} className="seminar-form">
          <input type="hidden" name="locale" value={locale} />
          <label>
            {t("fieldTitle")}
            <input type="text" name="title" required maxLength={200} />
          </label>
          <label>
            {t("fieldDescription")}
            <textarea name="description" rows={3} maxLength={2000} />
          </label>
          {documents.length ? (
            <fieldset>
              <legend>{t("fieldDocuments")}</legend>
              {documents.map((d) => (
                <label key={d.slug}>
                  <input type="checkbox" name="documents" value={d.slug} />
                  <span lang={d.lang}>{d.title ?? d.slug}</span>
                </label>
              ))}
            </fieldset>
          ) : null}
          <button type="submit">{t("create")}</button>
        </form>
      </main>
    </div>
  );
}
