import { handle, requireUser } from "@/lib/http/respond";
import { listNotifications, unreadCount } from "@/lib/notifications";

export const dynamic = "force-dynamic";

/** The signed-in user's notifications (`?count=1`: only the unread count, for the header badge). */
export const GET = handle(async (request: Request) => {
  const user = await requireUser(request);
  if (new URL(request.url).searchParams.get("count")) return Response.json({ unread: await unreadCount(user.id) });
  return Response.json({ unread: await unreadCount(user.id), notifications: await listNotifications(user.id) });
});
