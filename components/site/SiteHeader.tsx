import "./site.css";
import { Suspense } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { requestUser } from "@/app/_server/request-user";
import "@/components/search/search.css";
import { Link } from "@/i18n/navigation";
import LocaleSwitcher from "./LocaleSwitcher";
import SiteMenu from "./SiteMenu";
import NotificationsLink from "@/components/teaching/NotificationsLink";
import LiveNotificationsLink from "@/components/teaching/LiveNotificationsLink";
import DeferredNotificationsLink from "@/components/teaching/DeferredNotificationsLink";
import "@/components/teaching/teaching.css";

/**
 * The bar above every page: the app's name (back to the library), seminars and account, search, the language switcher.
 * `deferredMember`: a member's page made without their session (a stored reader page, lib/http/stored-pages):
 * the member's links, with the unread count once the page has fetched whose it is (components/annotations/MemberSession).
 */
export default async function SiteHeader({ deferredMember = false }: { deferredMember?: boolean }) {
  const t = await getTranslations("App");
  const nav = await getTranslations("Nav");
  const search = await getTranslations("Search");
  const locale = await getLocale();
  // A broken session or database must not take the header (and so every page) down with it.
  const user = deferredMember ? null : await requestUser().catch(() => null);
  const member = deferredMember || user !== null;
  return (
    <header className="site-header">
      <Link href="/" className="site-name">
        {t("name")}
      </Link>
      <SiteMenu label={nav("menu")}>
        <nav aria-label={t("name")} className="site-nav">
          <Link href="/">{nav("library")}</Link>
          {member ? <Link href="/seminars">{nav("seminars")}</Link> : null}
          {/* The unread count streams in after the page (the live stream keeps it current from then on). */}
          {user ? (
            <Suspense fallback={<LiveNotificationsLink initialCount={0} member={user.id} />}>
              <NotificationsLink userId={user.id} />
            </Suspense>
          ) : deferredMember ? (
            <DeferredNotificationsLink />
          ) : null}
          {member ? <Link href="/account">{nav("account")}</Link> : <Link href="/sign-in">{nav("signIn")}</Link>}
        </nav>
        <form method="get" action={`/${locale}/search`} role="search" aria-label={search("headerLabel")} className="site-search">
          <input type="search" name="q" aria-label={search("headerLabel")} placeholder={search("headerLabel")} />
        </form>
        {/* No Suspense around it: every page with this header is rendered per request (the session), so
            useSearchParams has the query at once; a boundary only made the server send a query-less fallback
            first (what readers without JavaScript kept) and the real links in a second pass. */}
        <LocaleSwitcher />
      </SiteMenu>
    </header>
  );
}
