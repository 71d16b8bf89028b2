import { getTranslations, setRequestLocale } from "next-intl/server";
import { notFound, redirect } from "next/navigation";
import { Link } from "@/i18n/navigation";
import SiteHeader from "@/components/site/SiteHeader";
import ExportSection from "@/components/export/ExportSection";
import ClientMessages from "@/components/site/ClientMessages";
import { getDocument, preloadDocuments } from "@/lib/content/store";
import { isAppError } from "@/lib/errors";
import { getSeminar } from "@/lib/seminars";
import { currentUser } from "../../(account)/session";
import "../../(account)/forms.css";

type Props = { params: Promise<{ locale: string; id: string }> };

export const dynamic = "force-dynamic";

export default async function SeminarPage({ params }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale as "en");
  const user = await currentUser();
  if (!user) redirect(`/${locale}/sign-in?next=${encodeURIComponent(`/${locale}/seminars/${id}`)}`);
  const seminar = await getSeminar(user.id, id).catch((e) => {
    if (isAppError(e) && e.code === "not-found") notFound();
    throw e;
  });
  const t = await getTranslations("Seminars");
  const tl = await getTranslations("Links");
  const tn = await getTranslations("Names");
  const tt = await getTranslations("Teaching");
  await preloadDocuments(seminar.documents); // texts uploaded in the app, for their titles below
  return (
    <div className="page">
      <SiteHeader />
      <main id="main" className="seminar-page">
        <p>
          <Link href="/seminars">{t("back")}</Link>
        </p>
        <h1>{seminar.title}</h1>
        {seminar.description ? <p>{seminar.description}</p> : null}
        <p className="seminar-meta">
          {t(`role.${seminar.role}`)}
          {seminar.role === "instructor" ? (
            <>
              {" · "}
              <Link href={`/seminars/${id}/settings`}>{t("settings")}</Link>
              {" · "}
              <Link href={`/seminars/${id}/overview`}>{tt("overviewLink")}</Link>
              {" · "}
              <Link href={`/seminars/${id}/upload`}>{tt("uploadLink")}</Link>
            </>
          ) : null}
          {" · "}
          <Link href={`/seminars/${id}/links`}>{tl("navLinks")}</Link>
          {" · "}
          <Link href={`/seminars/${id}/glossary`}>{tl("navGlossary")}</Link>
          {" · "}
          <Link href={`/seminars/${id}/names`}>{tn("nav")}</Link>
        </p>
        <h2>{t("documents")}</h2>
        {seminar.documents.length === 0 ? (
          <p>{t("noDocuments")}</p>
        ) : (
          <ul>
            {seminar.documents.map((slug) => {
              const doc = getDocument(slug);
              const title = doc?.meta.title ?? slug;
              return (
                <li key={slug}>
                  <Link href={`/read?p=${encodeURIComponent(slug)}&seminar=${encodeURIComponent(id)}`} aria-label={t("readTitle", { title })}>
                    <span lang={doc?.meta.lang}>{title}</span>
                  </Link>
                </li>
              );
            })}
          </ul>
        )}
        {seminar.tags.length ? (
          <p>
            {seminar.tags.map((tag) => (
              <span key={tag.name} className="seminar-tag">
                <span className="tag-swatch" style={{ background: tag.color }} aria-hidden="true" />
                {tag.name}{" "}
              </span>
            ))}
          </p>
        ) : null}
        <h2>{t("members")}</h2>
        <ul>
          {seminar.members.map((m) => (
            <li key={m.userId}>
              {m.name} <span className="seminar-meta">({t(`role.${m.role}`)})</span>
            </li>
          ))}
        </ul>
        <ClientMessages scopes={["export"]}>
          <ExportSection seminarId={id} />
        </ClientMessages>
      </main>
    </div>
  );
}
