import { importAnnotations } from "@/lib/annotations/export";
import { BODY_LIMITS } from "@/lib/http/body";
import { handle, readJson, requireUser } from "@/lib/http/respond";
import { limitNoteWrites } from "@/lib/rate-limit";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

/**
 * Import W3C Web Annotation JSON-LD (an AnnotationCollection, one Annotation, or an array) as the caller,
 * who must be a member. 200 with `{ imported, skipped: [{ index, code }] }`.
 */
export const POST = handle(async (request: Request, ctx: Ctx) => {
  const user = await requireUser(request);
  limitNoteWrites(user.id);
  const { id } = await ctx.params;
  // Read under the documented 20 MB cap while it streams (413 as soon as it is crossed, declared or not).
  const result = await importAnnotations(user.id, id, await readJson(request, { maxBytes: BODY_LIMITS.import, code: "upload-too-large" }));
  return Response.json(result);
});
