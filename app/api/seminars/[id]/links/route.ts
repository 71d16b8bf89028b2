import { handle, requireUser } from "@/lib/http/respond";
import { pageLimit } from "@/lib/annotations/list";
import { listLinks } from "@/lib/links/views";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

/**
 * The seminar's links the user may see, each end anchored in the current text of its document (or
 * "orphan"). The reader's link layer reads this (and again after live events); W3C JSON-LD of the same
 * links is in the annotations and export routes.
 */
export const GET = handle(async (request: Request, ctx: Ctx) => {
  const user = await requireUser(request);
  const q = new URL(request.url).searchParams;
  const { links, next } = await listLinks(user.id, (await ctx.params).id, { after: q.get("after"), limit: pageLimit(q.get("limit")) });
  return Response.json({ links, next }, { headers: { "Cache-Control": "private, no-store" } });
});
