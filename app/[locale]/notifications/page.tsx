import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { noteFragment } from "@/lib/annotations-ui/reader-notes";
import { redirect } from "next/navigation";
import { Link } from "@/i18n/navigation";
import SiteHeader from "@/components/site/SiteHeader";
import { getDocumentAsync } from "@/lib/content/store";
import { listNotifications, type NotificationDto } from "@/lib/notifications";
import { markShownReadAction } from "./actions";
import { currentUser } from "../(account)/session";
import "@/components/teaching/teaching.css";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const dynamic = "force-dynamic";

/** The user's notifications, newest first. Opening the page changes nothing; "Mark as read" (a POST) does. */
export default async function NotificationsPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale as "en");
  const user = await currentUser();
  if (!user) redirect(`/${locale}/sign-in?next=${encodeURIComponent(`/${locale}/notifications`)}`);
  const items = await listNotifications(user.id);
  const unread = items.filter((n) => !n.read);
  const marked = (await searchParams).marked === "1";
  const t = await getTranslations("Notifications");
  const security = await getTranslations("Security");
  const d = await getTranslations("Document");
  const format = await getFormatter();
  const titles = new Map<string, string>();
  for (const slug of new Set(items.map((n) => n.documentSlug).filter((s): s is string => !!s))) {
    titles.set(slug, (await getDocumentAsync(slug))?.meta.title ?? d("untitled"));
  }
  const text = (n: NotificationDto) => {
    const values = {
      actor: n.actorName ?? t("someone"),
      seminar: n.seminarTitle,
      document: n.documentSlug ? (titles.get(n.documentSlug) ?? n.documentSlug) : "",
      count: n.count,
    };
    return t(n.type, values);
  };
  const href = (n: NotificationDto) =>
    n.documentSlug
      ? `/read?p=${encodeURIComponent(n.documentSlug)}&seminar=${encodeURIComponent(n.seminarId)}${n.annotationId ? noteFragment(n.annotationId) : ""}`
      : `/seminars/${n.seminarId}`;
  return (
    <div className="page">
      <SiteHeader />
      <main id="main" className="teaching-page">
        <h1>{t("title")}</h1>
        {items.length === 0 ? (
          <p>{t("empty")}</p>
        ) : (
          <>
            <ul className="notification-list">
              {items.map((n) => (
                <li key={n.id} className={n.read ? undefined : "unread"}>
                  {n.read ? null : <span className="notification-new">{t("new")}</span>}
                  <Link href={href(n)}>{text(n)}</Link>
                  {n.excerpt ? <p className="muted">{n.excerpt}</p> : null}
                  <p className="muted">{format.dateTime(new Date(n.updatedAt), { dateStyle: "medium", timeStyle: "short" })}</p>
                </li>
              ))}
            </ul>
            {unread.length > 0 ? (
              <form action={markShownReadAction}>
                <input type="hidden" name="locale" value={locale} />
                {unread.map((n) => (
                  <input key={n.id} type="hidden" name="id" value={n.id} />
                ))}
                <button type="submit">{security("markShownRead")}</button>
              </form>
            ) : null}
            {marked ? (
              <p className="hint" role="status">
                {security("markedRead")}
              </p>
            ) : null}
          </>
        )}
      </main>
    </div>
  );
}
