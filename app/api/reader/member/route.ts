import { handle, jsonResponse, requireUser } from "@/lib/http/respond";
import { memberParts } from "@/lib/reader-notes/member-parts";

export const dynamic = "force-dynamic";

/** The signed-in member's parts of the reader page whose layout is the query string (`?p=…&seminar=…`). */
export const GET = handle(async (request: Request) => {
  const user = await requireUser(request);
  const parts = await memberParts(user, new URL(request.url).searchParams);
  return jsonResponse({ member: user.id, ...parts }, { headers: { "cache-control": "private, no-store" } });
});
