import { getTranslations, setRequestLocale } from "next-intl/server";
import "../forms.css";
import { Link } from "@/i18n/navigation";
import SiteHeader from "@/components/site/SiteHeader";
import { inviteCodeOf } from "@/lib/http/invite-path";
import { sameOriginPath } from "@/lib/http/same-origin-path";
import { previewInvite } from "@/lib/seminars";
import { MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH } from "@/lib/auth/server";
import { signUpAction } from "../actions";
import { AccountError } from "../AccountError";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | undefined>> };

export const dynamic = "force-dynamic";

export default async function SignUpPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale as "en");
  const { error, next: asked } = await searchParams;
  // Only a path on this site is carried on (the action checks again): never a link to another host.
  const next = sameOriginPath(asked) ?? undefined;
  const t = await getTranslations("Account");
  const code = inviteCodeOf(next);
  const invite = code ? await previewInvite(code) : null;
  const inv = await getTranslations("Invite");
  return (
    <div className="page">
      <SiteHeader />
      <main id="main" className="account-page">
        <h1>{t("signUpTitle")}</h1>
        <AccountError code={error} />
        {invite ? <p className="invite-hint">{inv("signUpToJoin", { title: invite.title })}</p> : null}
        <form action={signUpAction} className="account-form">
          <input type="hidden" name="locale" value={locale} />
          <input type="hidden" name="next" value={next ?? ""} />
          <label>
            {t("name")}
            <input type="text" name="name" autoComplete="name" required maxLength={100} />
          </label>
          <label>
            {t("email")}
            <input type="email" name="email" autoComplete="email" required />
          </label>
          <label>
            {t("password")}
            <input
              type="password"
              name="password"
              autoComplete="new-password"
              required
              minLength={MIN_PASSWORD_LENGTH}
              maxLength={MAX_PASSWORD_LENGTH}
              aria-describedby="password-hint"
            />
          </label>
          <p id="password-hint" className="hint">
            {t("passwordHint", { min: MIN_PASSWORD_LENGTH })}
          </p>
          <button type="submit">{t("signUpSubmit")}</button>
        </form>
        <p>
          {t("haveAccount")} <Link href={{ pathname: "/sign-in", query: next ? { next } : {} }}>{t("signInInstead")}</Link>
        </p>
      </main>
    </div>
  );
}
