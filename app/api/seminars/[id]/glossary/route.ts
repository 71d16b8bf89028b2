import { csvResponse, csvUploadText, importMode } from "@/app/_server/list-csv";
import { handle, jsonResponse, requireUser } from "@/lib/http/respond";
import { exportGlossaryCsv, importGlossaryCsv } from "@/lib/links/glossary-store";
import { refreshSeminarIndex } from "@/lib/links/seminar-index";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

/** The seminar's glossary as CSV (instructors): de,en,ru — see lib/links/glossary-csv.ts. */
export const GET = handle(async (request: Request, ctx: Ctx) => {
  const user = await requireUser(request);
  const { id } = await ctx.params;
  return csvResponse(await exportGlossaryCsv(user.id, id), "glossary.csv");
});

/**
 * Import a CSV file as the body (instructors); `?mode=replace` makes the glossary exactly the file, otherwise
 * its entries are added. A bad file is 422 "invalid-csv" with the line and reason, and nothing changes.
 */
export const POST = handle(async (request: Request, ctx: Ctx) => {
  const user = await requireUser(request);
  const { id } = await ctx.params;
  const text = await csvUploadText(request);
  const result = await importGlossaryCsv(user.id, id, text, importMode(new URL(request.url).searchParams.get("mode")));
  refreshSeminarIndex(id);
  return jsonResponse(result);
});
