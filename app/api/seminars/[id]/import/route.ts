import { importAnnotations } from "@/lib/annotations/export";
import { AppError } from "@/lib/errors";
import { handle, readJson, requireUser } from "@/lib/http/respond";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

/** Files larger than this are refused before parsing (an export of thousands of notes is far smaller). */
const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/**
 * Import W3C Web Annotation JSON-LD (an AnnotationCollection, one Annotation, or an array) as the caller,
 * who must be a member. 200 with `{ imported, skipped: [{ index, code }] }`.
 */
export const POST = handle(async (request: Request, ctx: Ctx) => {
  const user = await requireUser(request);
  const { id } = await ctx.params;
  if (Number(request.headers.get("content-length") ?? 0) > MAX_IMPORT_BYTES) throw new AppError("upload-too-large");
  const result = await importAnnotations(user.id, id, await readJson(request));
  return Response.json(result);
});
