import { handle, requireUser } from "@/lib/http/respond";
import { seminarEventStream } from "@/lib/live/stream";
import { requireMember } from "@/lib/seminars";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

/**
 * Server-Sent Events of a seminar, filtered by what the member may see. Each event's `id:` is the
 * Event row id; a reconnecting EventSource sends Last-Event-ID and gets every missed event replayed.
 * A first connection may pass `?after=<X-Last-Event-ID of the list it loaded>`.
 */
export const GET = handle(async (request: Request, ctx: Ctx) => {
  const user = await requireUser(request);
  const { id } = await ctx.params;
  const role = await requireMember(user.id, id);
  const raw = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("after");
  const after = raw !== null && /^\d+$/.test(raw) ? Number(raw) : undefined;
  const body = seminarEventStream({ viewer: { userId: user.id, role }, seminarId: id, after, signal: request.signal });
  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
});
