import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import SiteHeader from "@/components/site/SiteHeader";
import { previewInvite, roleIn } from "@/lib/seminars";
import { redirect } from "next/navigation";
import { currentUser } from "../../(account)/session";
import "../../(account)/forms.css";
import { joinAction } from "../../seminars/actions";
import { Notice } from "../../seminars/Notice";

type Props = { params: Promise<{ locale: string; code: string }>; searchParams: Promise<Record<string, string | undefined>> };

export const dynamic = "force-dynamic";

/** An invite link: sign up or in (coming back here), then join as a student with one button. */
export default async function JoinPage({ params, searchParams }: Props) {
  const { locale, code } = await params;
  setRequestLocale(locale as "en");
  const { error } = await searchParams;
  const t = await getTranslations("Seminars");
  const invite = await previewInvite(code);
  const user = await currentUser();
  if (invite && user && (await roleIn(user.id, invite.seminarId))) redirect(`/${locale}/seminars/${invite.seminarId}`);
  const here = `/${locale}/join/${encodeURIComponent(code)}`;
  return (
    <div className="page">
      <SiteHeader />
      <main id="main" className="seminar-page">
        {!invite ? (
          <>
            <h1>{t("inviteHeading")}</h1>
            <p role="alert" className="form-error">
              {t("invalidInvite")}
            </p>
          </>
        ) : (
          <>
            <h1>{t("joinTitle", { title: invite.title })}</h1>
            <p>{t("joinIntro")}</p>
            <Notice error={error} />
            {user ? (
              <form action={joinAction} className="seminar-form">
                <input type="hidden" name="locale" value={locale} />
                <input type="hidden" name="code" value={code} />
                <button type="submit">{t("joinSubmit")}</button>
              </form>
            ) : (
              <p>
                <Link href={{ pathname: "/sign-up", query: { next: here } }}>{t("joinSignUp")}</Link>
                {" · "}
                <Link href={{ pathname: "/sign-in", query: { next: here } }}>{t("joinSignIn")}</Link>
              </p>
            )}
          </>
        )}
      </main>
    </div>
  );
}
