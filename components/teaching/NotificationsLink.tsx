import { unreadCount } from "@/lib/notifications";
import LiveNotificationsLink from "./LiveNotificationsLink";

/** The header's link to the notifications with the unread count as a badge (signed-in users only), live in the browser. */
export default async function NotificationsLink({ userId }: { userId: string }) {
  // A database hiccup must not take the header down: the link then shows without a count (the live stream fills it in).
  const count = await unreadCount(userId).catch(() => 0);
  return <LiveNotificationsLink initialCount={count} member={userId} />;
}
