import { handle, readJson, requireUser } from "@/lib/http/respond";
import { correspondencesForMember } from "@/lib/links/suggest-service";

export const dynamic = "force-dynamic";

/**
 * POST /api/links/correspondences — the best passage pairs between two documents of a seminar, for a reader
 * with both open (one text translating, summarising or answering the other).
 * Body: { seminar, from, to, limit? (1–50, default 20) }. Signed in as a member; both documents in the seminar.
 * Answer: { seminar, from, to, dictionary, pairs: [{ from, to, score }] }, best first; each side as in
 * /api/links/suggest's candidates (selectors, reasons, cautions, linked).
 */
export const POST = handle(async (request: Request) => {
  const user = await requireUser(request);
  const answer = await correspondencesForMember(user.id, await readJson(request));
  return Response.json(answer, { headers: { "Cache-Control": "private, no-store" } });
});
