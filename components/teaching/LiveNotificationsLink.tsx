"use client";

import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";
import { subscribeLive } from "@/lib/live-client/connect";

/**
 * The header's link to the notifications with the unread count, kept current by Server-Sent Events
 * (/api/notifications/events): a reply, a mention or a new text raises it within a second, reading them
 * in another tab lowers it. Rendered only for signed-in users, so signed-out pages open no connection; all
 * tabs of a browser share one connection (lib/live-client).
 */
export default function LiveNotificationsLink({ initialCount, member }: { initialCount: number; member: string }) {
  const t = useTranslations("Notifications");
  const [count, setCount] = useState(initialCount);
  // The stream answered (it sends the count as soon as it opens): the badge is live from here on.
  const [live, setLive] = useState(false);

  useEffect(
    () =>
      subscribeLive({ url: "/api/notifications/events", member, types: ["unread"], replay: "latest" }, (m) => {
        let unread: unknown;
        try {
          unread = (JSON.parse(m.data) as { unread?: unknown }).unread;
        } catch {
          return;
        }
        if (typeof unread !== "number") return;
        setCount(unread);
        setLive(true);
      }),
    [member],
  );

  return (
    <Link href="/notifications" className="site-notifications" aria-label={t("link", { count })} data-live={live ? "" : undefined}>
      {t("title")}
      {count > 0 ? (
        <span className="notification-count" aria-hidden="true">
          {count > 99 ? "99+" : count}
        </span>
      ) : null}
    </Link>
  );
}
