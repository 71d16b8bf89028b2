import { getTranslations, setRequestLocale } from "next-intl/server";
import "../forms.css";
import { redirect } from "next/navigation";
import SiteHeader from "@/components/site/SiteHeader";
import { signOutAction } from "../actions";
import { listTokens } from "@/lib/auth/tokens";
import { currentUser } from "../session";
import { TokenCreator } from "../TokenCreator";
import ClientMessages from "@/components/site/ClientMessages";
import { revokeTokenAction } from "../tokens-actions";

type Props = { params: Promise<{ locale: string }> };

export const dynamic = "force-dynamic";

export default async function AccountPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale as "en");
  const user = await currentUser();
  if (!user) redirect(`/${locale}/sign-in?next=${encodeURIComponent(`/${locale}/account`)}`);
  const t = await getTranslations("Account");
  const security = await getTranslations("Security");
  const tokens = await listTokens(user.id);
  const when = (iso: string) => new Date(iso).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" });
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
            {t("signOutEverywhereHint")} {security("tokensSurviveSignOut")}
          </p>
        </form>

        <section aria-labelledby="tokens-heading">
          <h2 id="tokens-heading">{t("tokensHeading")}</h2>
          <p className="hint">{t("tokensHint")}</p>
          {tokens.length === 0 ? (
            <p>{t("noTokens")}</p>
          ) : (
            <ul className="seminar-list">
              {tokens.map((token) => (
                <li key={token.id}>
                  <strong>{token.name}</strong>{" "}
                  <span className="seminar-meta">
                    {t("tokenCreated", { date: when(token.createdAt) })}
                    {token.lastUsedAt ? t("tokenLastUsed", { date: when(token.lastUsedAt) }) : t("tokenNeverUsed")}
                  </span>
                  <form action={revokeTokenAction}>
                    <input type="hidden" name="tokenId" value={token.id} />
                    <button type="submit" aria-label={t("revokeToken", { name: token.name })}>
                      {t("revoke")}
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          )}
          <ClientMessages scopes={["account"]}>
            <TokenCreator />
          </ClientMessages>
        </section>
      </main>
    </div>
  );
}
