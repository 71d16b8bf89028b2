import { z } from "zod";
import { setHidden } from "@/lib/annotations/store";
import { handle, readJson, requireUser } from "@/lib/http/respond";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

/** Instructors: { "hidden": true } hides an annotation from students, { "hidden": false } shows it again. */
export const POST = handle(async (request: Request, ctx: Ctx) => {
  const user = await requireUser(request);
  const { hidden } = z.object({ hidden: z.boolean() }).parse(await readJson(request));
  return Response.json(await setHidden(user.id, (await ctx.params).id, hidden));
});
