import { getTranslations, setRequestLocale } from "next-intl/server";
import { notFound, redirect } from "next/navigation";
import { Link } from "@/i18n/navigation";
import SiteHeader from "@/components/site/SiteHeader";
import UploadForm from "@/components/teaching/UploadForm";
import ClientMessages from "@/components/site/ClientMessages";
import { isAppError } from "@/lib/errors";
import { getSeminar } from "@/lib/seminars";
import { currentUser } from "../../../(account)/session";
// The app's buttons, hints and notices (as on the seminar, settings and glossary pages).
import "../../../(account)/forms.css";
import "@/components/teaching/teaching.css";

type Props = { params: Promise<{ locale: string; id: string }> };

export const dynamic = "force-dynamic";

/** Instructors upload a text (Markdown, plain text, TEI P5), check the preview, and publish it in the seminar. */
export default async function UploadPage({ params }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale as "en");
  const user = await currentUser();
  if (!user) redirect(`/${locale}/sign-in?next=${encodeURIComponent(`/${locale}/seminars/${id}/upload`)}`);
  const seminar = await getSeminar(user.id, id).catch((e) => {
    if (isAppError(e) && e.code === "not-found") notFound();
    throw e;
  });
  if (seminar.role !== "instructor") notFound();
  const t = await getTranslations("Upload");
  return (
    <div className="page">
      <SiteHeader />
      <main id="main" className="teaching-page">
        <p>
          <Link href={`/seminars/${id}`}>{seminar.title}</Link>
        </p>
        <h1>{t("title", { title: seminar.title })}</h1>
        <p className="hint">{t("hint")}</p>
        <ClientMessages scopes={["upload"]}>
          <UploadForm seminarId={id} />
        </ClientMessages>
      </main>
    </div>
  );
}
