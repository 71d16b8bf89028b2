import { getSessionUser } from "@/lib/auth/server";
import { AppError } from "@/lib/errors";
import { handle } from "@/lib/http/respond";
import { optionsFromParams, search } from "@/lib/search";

export const dynamic = "force-dynamic";

/**
 * GET /api/search?q=…&seminar=&doc=&lang=&kind=text,note,link&tag=&member=&from=YYYY-MM-DD&to=&no=term&limit=
 * The same search as the search page, for scripts. Signed in (session cookie or personal access token): corpus text plus the notes,
 * replies and link notes the user may read in their seminars. Not signed in: corpus text only (the library
 * is public). Any `q` is answered (empty → `empty: true`, no groups); only a `seminar` the user does not
 * belong to is an error (404 `not-found`, as for every seminar route).
 */
export const GET = handle(async (request: Request) => {
  const user = await getSessionUser(request.headers);
  // A script that sends credentials which do not work must hear so, not silently get text-only results.
  if (!user && request.headers.has("authorization")) throw new AppError("unauthenticated");
  const options = optionsFromParams(new URL(request.url).searchParams);
  const result = await search(user?.id ?? null, options);
  return Response.json(result, { headers: { "Cache-Control": "private, no-store" } });
});
