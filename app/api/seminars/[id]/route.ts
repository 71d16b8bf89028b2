import { handle, readJson, requireUser } from "@/lib/http/respond";
import { getSeminar, updateSeminar } from "@/lib/seminars";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

export const GET = handle(async (request: Request, ctx: Ctx) => {
  const user = await requireUser(request);
  return Response.json(await getSeminar(user.id, (await ctx.params).id));
});

export const PATCH = handle(async (request: Request, ctx: Ctx) => {
  const user = await requireUser(request);
  const { id } = await ctx.params;
  await updateSeminar(user.id, id, (await readJson(request)) as never);
  return Response.json(await getSeminar(user.id, id));
});
