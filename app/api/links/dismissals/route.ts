import { handle, readJson, requireUser } from "@/lib/http/respond";
import { dismissSuggestion, undismissSuggestion } from "@/lib/links/suggest-service";

export const dynamic = "force-dynamic";

/**
 * POST /api/links/dismissals { seminar, from: { document, blockId }, to: { document, blockId } } — do not
 * propose `to` again for passages of `from`'s block (remembered per member and seminar). DELETE with the
 * same body undoes it. 204 on success.
 */
export const POST = handle(async (request: Request) => {
  const user = await requireUser(request);
  await dismissSuggestion(user.id, await readJson(request));
  return new Response(null, { status: 204 });
});

export const DELETE = handle(async (request: Request) => {
  const user = await requireUser(request);
  await undismissSuggestion(user.id, await readJson(request));
  return new Response(null, { status: 204 });
});
