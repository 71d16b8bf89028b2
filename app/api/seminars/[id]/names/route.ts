import { csvResponse, csvUploadText, importMode } from "@/app/_server/list-csv";
import { handle, jsonResponse, requireUser } from "@/lib/http/respond";
import { exportNamesCsv, importNamesCsv } from "@/lib/links/names/store";
import { refreshSeminarIndex } from "@/lib/links/seminar-index";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

/** The seminar's name list as CSV (instructors): kind,de,en,ru,years,roles — see lib/links/names/csv.ts. */
export const GET = handle(async (request: Request, ctx: Ctx) => {
  const user = await requireUser(request);
  const { id } = await ctx.params;
  return csvResponse(await exportNamesCsv(user.id, id), "names.csv");
});

/**
 * Import a CSV file as the body (instructors); `?mode=replace` makes the list exactly the file, otherwise its
 * names are added. A bad file is 422 "invalid-csv" with the line and reason, and nothing changes.
 */
export const POST = handle(async (request: Request, ctx: Ctx) => {
  const user = await requireUser(request);
  const { id } = await ctx.params;
  const text = await csvUploadText(request);
  const result = await importNamesCsv(user.id, id, text, importMode(new URL(request.url).searchParams.get("mode")));
  refreshSeminarIndex(id);
  return jsonResponse(result);
});
