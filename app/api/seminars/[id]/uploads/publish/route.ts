import { z } from "zod";
import { handle, readJson, requireUser } from "@/lib/http/respond";
import { publishUpload } from "@/lib/teaching/upload";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

/** Publish a previewed upload: { "token": "…" } → { "slug": "…" } (document and seminar row in one transaction). */
export const POST = handle(async (request: Request, ctx: Ctx) => {
  const user = await requireUser(request);
  const { token } = z.object({ token: z.string().min(1).max(100) }).parse(await readJson(request));
  return Response.json(await publishUpload(user.id, (await ctx.params).id, token), { status: 201 });
});
