import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { redirect } from "next/navigation";
import { Link } from "@/i18n/navigation";
import SiteHeader from "@/components/site/SiteHeader";
import { getDocumentAsync } from "@/lib/content/store";
import { listNotifications, markRead, type NotificationDto } from "@/lib/notifications";
import { currentUser } from "../(account)/session";
import "@/components/teaching/teaching.css";

type Props = { params: Promise<{ locale: string }> };

export const dynamic = "force-dynamic";

/** The user's notifications, newest first; whatever this page shows is marked read (seen). */
export default async function NotificationsPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale as "en");
  const user = await currentUser();
  if (!user) redirect(`/${locale}/sign-in?next=${encodeURIComponent(`/${locale}/notifications`)}`);
  const items = await listNotifications(user.id);
  await markRead(user.id, items.filter((n) => !n.read).map((n) => n.id));
  const t = await getTranslations("Notifications");
  const d = await getTranslations("Document");
  const format = await getFormatter();
  const titles = new Map<string, string>();
  for (const slug of new Set(items.map((n) => n.documentSlug).filter((s): s is string => !!s))) {
    titles.set(slug, (await getDocumentAsync(slug))?.meta.title ?? d("untitled"));
  }
  const text = (n: NotificationDto) => {
    const values = { actor: n.actorName ?? t("someone"), seminar: n.seminarTitle, document: n.documentSlug ? (titles.get(n.documentSlug) ?? n.documentSlug) : "", count: n.count };
    return t(n.type, values);
  };
  const href = (n: NotificationDto) =>
    n.documentSlug ? `/read?p=${encodeURIComponent(n.documentSlug)}&seminar=${encodeURIComponent(n.seminarId)}${n.annotationId ? `#note-${n.annotationId}` : ""}` : `/seminars/${n.seminarId}`;
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
            <p className="hint" role="status">
              {t("shownRead")}
            </p>
          </>
        )}
      </main>
    </div>
  );
}
