import { deleteAnnotation, getAnnotation, updateAnnotation } from "@/lib/annotations/store";
import { AppError } from "@/lib/errors";
import { handle, readJson, requireUser } from "@/lib/http/respond";
import { BODY_LIMITS } from "@/lib/http/body";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

export const GET = handle(async (request: Request, ctx: Ctx) => {
  const user = await requireUser(request);
  const a = await getAnnotation(user.id, (await ctx.params).id);
  return Response.json(a, { headers: { ETag: `"${a.revision}"` } });
});

/** Edit: { revision, body?, tags?, visibility?, recipientId?, relation? } — 409 { code: "conflict", current } on a stale revision. */
export const PATCH = handle(async (request: Request, ctx: Ctx) => {
  const user = await requireUser(request);
  const a = await updateAnnotation(user.id, (await ctx.params).id, await readJson(request, BODY_LIMITS.note));
  return Response.json(a, { headers: { ETag: `"${a.revision}"` } });
});

/** Delete one's own annotation; `?revision=N` (or If-Match: "N") makes it conditional. */
export const DELETE = handle(async (request: Request, ctx: Ctx) => {
  const user = await requireUser(request);
  const raw = new URL(request.url).searchParams.get("revision") ?? request.headers.get("if-match")?.replace(/^W\//, "").replace(/"/g, "");
  const revision = raw ? Number(raw) : undefined;
  if (revision !== undefined && !Number.isInteger(revision)) throw new AppError("invalid-request");
  await deleteAnnotation(user.id, (await ctx.params).id, revision);
  return new Response(null, { status: 204 });
});
