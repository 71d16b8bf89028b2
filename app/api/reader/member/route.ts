import { handle, jsonResponse, requireUser } from "@/lib/http/respond";
import { memberReaderData } from "@/app/_server/reader-member";

export const dynamic = "force-dynamic";

/** The signed-in member's parts of the reader page whose layout is the query string (`?p=…&seminar=…`). */
export const GET = handle(async (request: Request) => {
  const user = await requireUser(request);
  const data = await memberReaderData(user, new URL(request.url).searchParams);
  return jsonResponse({ member: user.id, ...data }, { headers: { "cache-control": "private, no-store" } });
});
