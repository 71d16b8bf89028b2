import { getTranslations, setRequestLocale } from "next-intl/server";
import "../forms.css";
import { Link } from "@/i18n/navigation";
import SiteHeader from "@/components/site/SiteHeader";
import { inviteCodeOf } from "@/lib/http/invite-path";
import { sameOriginPath } from "@/lib/http/same-origin-path";
import { previewInvite } from "@/lib/seminars";
import { signInAction } from "../actions";
import { AccountError } from "../AccountError";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | undefined>> };

export const dynamic = "force-dynamic";

export default async function SignInPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale as "en");
  const { error, next: asked, signedOut, registered } = await searchParams;
  // Only a path on this site is carried on (the action checks again): never a link to another host.
  const next = sameOriginPath(asked) ?? undefined;
  const t = await getTranslations("Account");
  const security = await getTranslations("Security");
  // Coming from an invite link: this press signs in and joins (actions.ts joinAfterSignIn).
  const code = inviteCodeOf(next);
  const invite = code ? await previewInvite(code) : null;
  const inv = await getTranslations("Invite");
  return (
    <div className="page">
      <SiteHeader />
      <main id="main" className="account-page">
        <h1>{t("signInTitle")}</h1>
        {signedOut ? <p role="status">{t("signedOut")}</p> : null}
        {registered && !error ? <p role="status">{security("registered")}</p> : null}
        <AccountError code={error} />
        {invite ? <p className="invite-hint">{inv("signInToJoin", { title: invite.title })}</p> : null}
        <form action={signInAction} className="account-form">
          <input type="hidden" name="locale" value={locale} />
          <input type="hidden" name="next" value={next ?? ""} />
          {invite && code ? <input type="hidden" name="join" value={code} /> : null}
          <label>
            {t("email")}
            <input type="email" name="email" autoComplete="email" required />
          </label>
          <label>
            {t("password")}
            <input type="password" name="password" autoComplete="current-password" required />
          </label>
          <button type="submit">{invite ? inv("signInAndJoin") : t("signInSubmit")}</button>
        </form>
        <p>
          {t("noAccount")} <Link href={{ pathname: "/sign-up", query: next ? { next } : {} }}>{t("createOne")}</Link>
        </p>
      </main>
    </div>
  );
}
