"use client";

import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";

/**
 * The header's link to the notifications with the unread count, kept current by Server-Sent Events
 * (/api/notifications/events): a reply, a mention or a new text raises it within a second, reading them
 * in another tab lowers it. Rendered only for signed-in users, so signed-out pages open no connection.
 */
export default function LiveNotificationsLink({ initialCount }: { initialCount: number }) {
  const t = useTranslations("Notifications");
  const [count, setCount] = useState(initialCount);

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource("/api/notifications/events");
    source.addEventListener("unread", (e) => {
      const unread = (JSON.parse((e as MessageEvent<string>).data) as { unread?: unknown }).unread;
      if (typeof unread === "number") setCount(unread);
    });
    return () => source.close();
  }, []);

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
