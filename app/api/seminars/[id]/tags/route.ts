import { z } from "zod";
import { handle, readJson, requireUser } from "@/lib/http/respond";
import { getTagVocabulary, setTagVocabulary } from "@/lib/seminars";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

export const GET = handle(async (request: Request, ctx: Ctx) => {
  const user = await requireUser(request);
  return Response.json({ tags: await getTagVocabulary(user.id, (await ctx.params).id) });
});

/** Replace the tag vocabulary: { "tags": [{ "name": "propaganda", "color": "#aa3300" }] } (instructors). */
export const PUT = handle(async (request: Request, ctx: Ctx) => {
  const user = await requireUser(request);
  const { tags } = z.object({ tags: z.array(z.object({ name: z.string(), color: z.string() })) }).parse(await readJson(request));
  return Response.json({ tags: await setTagVocabulary(user.id, (await ctx.params).id, tags) });
});
