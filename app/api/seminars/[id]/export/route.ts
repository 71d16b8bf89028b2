import { exportAnnotations, isExportFormat, isExportScope } from "@/lib/annotations/export";
import { isReportLocale } from "@/lib/annotations/report-words";
import { AppError } from "@/lib/errors";
import { handle, requireUser } from "@/lib/http/respond";
import { publicOrigin } from "@/lib/http/w3c";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

/**
 * Download the annotations the caller may read: `?format=jsonld|csv|md` (default jsonld) and
 * `?scope=seminar|mine` (default seminar); `?lang=de|en|ru` is the Markdown report's language (default en). Session cookie or `Authorization: Bearer <personal token>`.
 */
export const GET = handle(async (request: Request, ctx: Ctx) => {
  const user = await requireUser(request);
  const { id } = await ctx.params;
  const params = new URL(request.url).searchParams;
  const format = params.get("format") ?? "jsonld";
  const scope = params.get("scope") ?? "seminar";
  if (!isExportFormat(format) || !isExportScope(scope))
    throw new AppError("invalid-request", { reason: "format must be jsonld, csv or md; scope seminar or mine" });
  const collectionIri = `${publicOrigin(request)}/api/seminars/${encodeURIComponent(id)}/export?format=jsonld&scope=${scope}`;
  const lang = params.get("lang");
  const file = await exportAnnotations(user.id, id, { format, scope, collectionIri, locale: isReportLocale(lang) ? lang : "en" });
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
