import { handle, readJson, requireUser } from "@/lib/http/respond";
import { createSeminar, listSeminars } from "@/lib/seminars";

export const dynamic = "force-dynamic";

export const GET = handle(async (request: Request) => {
  const user = await requireUser(request);
  return Response.json({ seminars: await listSeminars(user.id) });
});

export const POST = handle(async (request: Request) => {
  const user = await requireUser(request);
  const created = await createSeminar(user.id, (await readJson(request)) as never);
  return Response.json(created, { status: 201 });
});
