import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { unreadCount } from "@/lib/notifications";

/** The header's link to the notifications with the unread count as a badge (signed-in users only). */
export default async function NotificationsLink({ userId }: { userId: string }) {
  // A database hiccup must not take the header down: the link then shows without a count.
  const count = await unreadCount(userId).catch(() => 0);
  const t = await getTranslations("Notifications");
  return (
    <Link href="/notifications" className="site-notifications" aria-label={t("link", { count })}>
      {t("title")}
      {count > 0 ? (
        <span className="notification-count" aria-hidden="true">
          {count > 99 ? "99+" : count}
        </span>
      ) : null}
    </Link>
  );
}
