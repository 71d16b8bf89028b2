import { handle, requireUser } from "@/lib/http/respond";
import { exportNamesCsv } from "@/lib/links/names/store";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

/** The seminar's name list as CSV (instructors): kind,de,en,ru,years,roles — see lib/links/names/csv.ts. */
export const GET = handle(async (request: Request, ctx: Ctx) => {
  const user = await requireUser(request);
  const { id } = await ctx.params;
  const body = await exportNamesCsv(user.id, id);
  return new Response(`\ufeff${body}`, {
    headers: {
      // The byte order mark makes spreadsheets read the file as UTF-8 (Cyrillic spellings).
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="names.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
