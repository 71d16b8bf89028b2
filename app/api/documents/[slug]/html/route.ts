import { AppError } from "@/lib/errors";
import { handle } from "@/lib/http/respond";
import { renderDocumentCached, renderFingerprint } from "@/lib/reader/html";
import { isWindowed } from "@/lib/reader/window";
import type { PaneHtmlAnswer } from "@/lib/reader/html";
import { windowLabels } from "../labels";
import { readPaneRequest } from "../pane-request";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ slug: string }> };

/**
 * A document's reader HTML for a pane the browser mounted without it (components/reader/PaneHtml: a client
 * navigation to another layout; the page itself carries its panes' HTML once, in the HTML). `?pane=pane2` (the
 * ids' prefix), `&locale=de` (the labels' language), `&v=` the rendering's fingerprint the page named; readable as
 * ../pane-request says. A whole volume is read in windows (../window) instead.
 */
export const GET = handle(async (request: Request, ctx: Ctx) => {
  const { slug } = await ctx.params;
  const { doc, pane, locale, query: q } = await readPaneRequest(request, slug);
  if (isWindowed(doc)) throw new AppError("invalid-request", { reason: "a whole volume is read in windows: /api/documents/[slug]/window" });

  const body: PaneHtmlAnswer = { html: renderDocumentCached(doc, pane, windowLabels(locale)).html };
  // Per user (membership decides); the same fingerprint always means the same HTML, so the browser may keep it.
  return Response.json(body, {
    headers: { "Cache-Control": q.get("v") === renderFingerprint(doc) ? "private, max-age=3600" : "private, no-cache", Vary: "Cookie" },
  });
});
