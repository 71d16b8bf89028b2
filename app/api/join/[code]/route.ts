import { handle, requireUser } from "@/lib/http/respond";
import { joinByInvite } from "@/lib/seminars";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ code: string }> };

/** Join the seminar behind an invite code as a student (idempotent). */
export const POST = handle(async (request: Request, ctx: Ctx) => {
  const user = await requireUser(request);
  return Response.json(await joinByInvite(user.id, (await ctx.params).code));
});
