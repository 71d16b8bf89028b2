import { handle, requireUser } from "@/lib/http/respond";
import { unreadCountStream } from "@/lib/notifications/live";

export const dynamic = "force-dynamic";

/**
 * The signed-in user's unread notification count as Server-Sent Events: `event: unread` with
 * `{"unread": N}` when the stream opens and whenever the number changes (lib/notifications/live).
 */
export const GET = handle(async (request: Request) => {
  const user = await requireUser(request);
  return new Response(unreadCountStream({ userId: user.id, signal: request.signal }), {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
});
