import { readBody } from "@/lib/http/body";
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
  const bytes = await readBody(request, { maxBytes: MAX_UPLOAD_BYTES, code: "upload-too-large" });
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
