import { z } from "zod";
import { handle, readJson, requireUser } from "@/lib/http/respond";
import { setDocuments } from "@/lib/seminars";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

/** Replace the seminar's documents: { "documents": ["slug", …] } (instructors). */
export const PUT = handle(async (request: Request, ctx: Ctx) => {
  const user = await requireUser(request);
  const { documents } = z.object({ documents: z.array(z.string()) }).parse(await readJson(request));
  return Response.json({ documents: await setDocuments(user.id, (await ctx.params).id, documents) });
});
