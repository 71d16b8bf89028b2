import { AppError } from "@/lib/errors";
import { handle, requireUser } from "@/lib/http/respond";
import { MAX_UPLOAD_BYTES, previewUpload } from "@/lib/teaching/upload";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

/**
 * Clean an uploaded text in memory and return a preview of its structure (nothing is stored yet).
 * Body: the file itself (any content type), with `?name=<file name>` and optional lang, kind, title, author,
 * source, slug in the query — a raw body lets the browser report upload progress and keeps the server from
 * buffering a multipart form twice. Publish with POST ./publish { token }.
 */
export const POST = handle(async (request: Request, ctx: Ctx) => {
  const user = await requireUser(request);
  const { id } = await ctx.params;
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_UPLOAD_BYTES) throw new AppError("upload-too-large", { max: MAX_UPLOAD_BYTES });
  const bytes = Buffer.from(await request.arrayBuffer());
  if (bytes.length > MAX_UPLOAD_BYTES) throw new AppError("upload-too-large", { max: MAX_UPLOAD_BYTES });
  const q = new URL(request.url).searchParams;
  const field = (k: string) => q.get(k)?.trim() || undefined;
  const preview = await previewUpload(user.id, id, q.get("name") ?? "upload.txt", bytes, {
    lang: field("lang") as "de" | "en" | "ru" | undefined,
    kind: (field("kind") as "essay" | undefined) ?? "essay",
    title: field("title"),
    author: field("author"),
    source: field("source"),
    slug: field("slug"),
  });
  return Response.json(preview);
});
