import { handle, requireUser } from "@/lib/http/respond";
import { regenerateInvite } from "@/lib/seminars";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

/** A new invite code (the old link stops working). Instructors only. */
export const POST = handle(async (request: Request, ctx: Ctx) => {
  const user = await requireUser(request);
  return Response.json({ inviteCode: await regenerateInvite(user.id, (await ctx.params).id) });
});
