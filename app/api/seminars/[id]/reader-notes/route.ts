import { loadMoreReaderNotes } from "@/lib/reader-notes/load";
import { AppError } from "@/lib/errors";
import { handle, jsonResponse, requireUser } from "@/lib/http/respond";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

/**
 * The reader's next page of notes: `?documents=a,b` (the open texts, at most 4) and `?after=` (the page's
 * `moreNotes`; absent: the first page, as after a "post first" text opens), anchored in those texts on the
 * server like the first page. Membership and each document's
 * place in the seminar are checked by the annotation list.
 */
export const GET = handle(async (request: Request, ctx: Ctx) => {
  const user = await requireUser(request);
  const { id } = await ctx.params;
  const q = new URL(request.url).searchParams;
  const after = q.get("after");
  const slugs = [...new Set((q.get("documents") ?? "").split(",").filter(Boolean))];
  if (slugs.length === 0 || slugs.length > 4) throw new AppError("invalid-request", { reason: "documents" });
  return jsonResponse(await loadMoreReaderNotes(user.id, id, slugs, after), { headers: { "cache-control": "private, no-store" } });
});
