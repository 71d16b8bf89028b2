import { getTranslations, setRequestLocale } from "next-intl/server";
import "../forms.css";
import { redirect } from "next/navigation";
import SiteHeader from "@/components/site/SiteHeader";
import { signOutAction } from "../actions";
import { currentUser } from "../session";

type Props = { params: Promise<{ locale: string }> };

export const dynamic = "force-dynamic";

export default async function AccountPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale as "en");
  const user = await currentUser();
  if (!user) redirect(`/${locale}/sign-in?next=${encodeURIComponent(`/${locale}/account`)}`);
  const t = await getTranslations("Account");
  return (
    <div className="page">
      <SiteHeader />
      <main id="main" className="account-page">
        <h1>{t("accountTitle")}</h1>
        <p>{t("signedInAs", { name: user.name, email: user.email })}</p>
        <form action={signOutAction}>
          <input type="hidden" name="locale" value={locale} />
          <button type="submit">{t("signOut")}</button>
        </form>
        <form action={signOutAction} className="account-danger">
          <input type="hidden" name="locale" value={locale} />
          <input type="hidden" name="everywhere" value="1" />
          <button type="submit" aria-describedby="everywhere-hint">
            {t("signOutEverywhere")}
          </button>
          <p id="everywhere-hint" className="hint">
            {t("signOutEverywhereHint")}
          </p>
        </form>
      </main>
    </div>
  );
}
