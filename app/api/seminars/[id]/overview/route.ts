import { handle, requireUser } from "@/lib/http/respond";
import { overviewCsv, seminarOverview } from "@/lib/teaching/overview";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

/** The instructor's overview as JSON, or `?format=csv` as a spreadsheet (one row per member and week). */
export const GET = handle(async (request: Request, ctx: Ctx) => {
  const user = await requireUser(request);
  const { id } = await ctx.params;
  const overview = await seminarOverview(user.id, id);
  if (new URL(request.url).searchParams.get("format") === "csv") {
    const name = `${
      overview.title
        .replace(/[^\p{L}\p{N}]+/gu, "-")
        .replace(/^-|-$/g, "")
        .slice(0, 60) || "seminar"
    }-overview.csv`;
    return new Response(`\ufeff${overviewCsv(overview)}`, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="overview.csv"; filename*=UTF-8''${encodeURIComponent(name)}`,
      },
    });
  }
  return Response.json(overview);
});
