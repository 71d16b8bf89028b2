import { handle, readJson, requireUser } from "@/lib/http/respond";
import { suggestForMember } from "@/lib/links/suggest-service";

export const dynamic = "force-dynamic";

/**
 * POST /api/links/suggest — ranked link candidates for a passage, as JSON, for the reader and for scripts.
 * Body: { seminar?, document, selector: TextQuoteSelector | TextPositionSelector | [both] } or
 * { seminar?, document, blockId, start, end }, optional limit (1–20, default 5). Signed in (session
 * cookie) as a member of a seminar holding the document; only that seminar's documents are proposed.
 * Answer: { seminar, passage, candidates: [{ document: { slug, title, lang }, blockId, blockStart, blockEnd,
 * selector: [TextQuoteSelector, TextPositionSelector], score, reasons, cautions }] }, best first.
 */
export const POST = handle(async (request: Request) => {
  const user = await requireUser(request);
  const answer = await suggestForMember(user.id, await readJson(request));
  return Response.json(answer, { headers: { "Cache-Control": "private, no-store" } });
});
