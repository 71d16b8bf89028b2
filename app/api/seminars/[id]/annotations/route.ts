import { pageAnnotations, pageLimit } from "@/lib/annotations/list";
import { createAnnotation } from "@/lib/annotations/store";
import { limitNoteWrites } from "@/lib/rate-limit";
import { handle, jsonResponse, readJson, requireUser } from "@/lib/http/respond";
import { BODY_LIMITS } from "@/lib/http/body";
import { latestEventId } from "@/lib/live/stream";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

/**
 * The annotations the user may see (optionally `?document=slug`), a page at a time: whole threads in the
 * order they were started, at most `?limit=` annotations (default 100, at most 500); `next` is the `?after=`
 * of the next page (null on the last). `X-Last-Event-ID` is the event the list is current to: pass it to
 * the events stream (`?after=`) and nothing in between is missed.
 */
export const GET = handle(async (request: Request, ctx: Ctx) => {
  const user = await requireUser(request);
  const { id } = await ctx.params;
  const q = new URL(request.url).searchParams;
  const document = q.get("document");
  const lastEventId = await latestEventId(id);
  const { annotations, next } = await pageAnnotations(user.id, id, {
    documents: document !== null ? [document] : undefined,
    after: q.get("after"),
    limit: pageLimit(q.get("limit")),
  });
  return Response.json({ annotations, next, lastEventId }, { headers: { "X-Last-Event-ID": String(lastEventId) } });
});

/** Create a note, highlight, link, or (with parentId) a reply; 429 "rate-limited" past the member's limit (lib/rate-limit). */
export const POST = handle(async (request: Request, ctx: Ctx) => {
  const user = await requireUser(request);
  limitNoteWrites(user.id);
  const created = await createAnnotation(user.id, (await ctx.params).id, await readJson(request, BODY_LIMITS.note));
  return jsonResponse(created, { status: 201 });
});
