import { z } from "zod";
import { handle, readJson, requireUser } from "@/lib/http/respond";
import { markAllRead, markRead, unreadCount } from "@/lib/notifications";

export const dynamic = "force-dynamic";

/** Mark notifications read: { "ids": [...] } or { "all": true }. */
export const POST = handle(async (request: Request) => {
  const user = await requireUser(request);
  const body = z.object({ ids: z.array(z.string().max(100)).max(500).optional(), all: z.boolean().optional() }).parse(await readJson(request));
  if (body.all) await markAllRead(user.id);
  else await markRead(user.id, body.ids ?? []);
  return Response.json({ unread: await unreadCount(user.id) });
});
