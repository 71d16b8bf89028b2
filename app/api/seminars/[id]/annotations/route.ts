import { createAnnotation, listAnnotations } from "@/lib/annotations/store";
import { handle, jsonResponse, readJson, requireUser } from "@/lib/http/respond";
import { BODY_LIMITS } from "@/lib/http/body";
import { latestEventId } from "@/lib/live/stream";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

/**
 * The annotations the user may see (optionally `?document=slug`). `X-Last-Event-ID` is the event the
 * list is current to: pass it to the events stream (`?after=`) and nothing in between is missed.
 */
export const GET = handle(async (request: Request, ctx: Ctx) => {
  const user = await requireUser(request);
  const { id } = await ctx.params;
  const document = new URL(request.url).searchParams.get("document") ?? undefined;
  const lastEventId = await latestEventId(id);
  const annotations = await listAnnotations(user.id, id, { document });
  return Response.json({ annotations, lastEventId }, { headers: { "X-Last-Event-ID": String(lastEventId) } });
});

/** Create a note, highlight, link, or (with parentId) a reply. */
export const POST = handle(async (request: Request, ctx: Ctx) => {
  const user = await requireUser(request);
  const created = await createAnnotation(user.id, (await ctx.params).id, await readJson(request, BODY_LIMITS.note));
  return jsonResponse(created, { status: 201 });
});
