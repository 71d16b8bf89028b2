"use client";

import { useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";
import { useDeferredMember } from "@/components/annotations/MemberSession";
import LiveNotificationsLink from "./LiveNotificationsLink";

/**
 * The header's notifications link on a page served without the member's parts: the plain link until
 * MemberSession knows whose page it is, then the live one (its stream sends the unread count as it opens).
 */
export default function DeferredNotificationsLink() {
  const t = useTranslations("Notifications");
  const session = useDeferredMember();
  if (session?.state === "member") return <LiveNotificationsLink initialCount={0} member={session.data.member} />;
  return (
    <Link href="/notifications" className="site-notifications">
      {t("title")}
    </Link>
  );
}
