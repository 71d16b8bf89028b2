import { AppError } from "@/lib/errors";
import { handle } from "@/lib/http/respond";
import { renderWindowCached } from "@/lib/reader/html";
import { planWindows, windowOf } from "@/lib/reader/window";
import { windowLabels } from "../labels";
import { readPaneRequest } from "../pane-request";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ slug: string }> };

export interface WindowResponse {
  slug: string;
  version: string;
  /** The window's position (0-based) and how many the document has. */
  n: number;
  count: number;
  firstBlockId: string;
  /** The window's reader HTML (lib/reader/html.ts renderWindow), ids prefixed with the pane. */
  html: string;
}

/**
 * One window of a long document for the reader's pane (lib/reader/window.ts): `?n=` (0-based) or `?block=` (the
 * window showing that block or footnote), `&pane=` and `&locale=`, readable as ../pane-request says.
 */
export const GET = handle(async (request: Request, ctx: Ctx) => {
  const { slug } = await ctx.params;
  const { doc, pane, locale, query: q } = await readPaneRequest(request, slug);

  const plan = planWindows(doc);
  const block = q.get("block");
  const n = block !== null ? windowOf(plan, block) : /^\d{1,6}$/.test(q.get("n") ?? "") ? Number(q.get("n")) : undefined;
  if (block !== null && n === undefined) throw new AppError("unknown-block", { blockId: block });
  if (n === undefined || n >= plan.windows.length) throw new AppError("not-found", { windows: plan.windows.length });

  const body: WindowResponse = {
    slug,
    version: doc.version,
    n,
    count: plan.windows.length,
    firstBlockId: plan.windows[n].firstBlockId,
    html: renderWindowCached(doc, plan, n, pane, windowLabels(locale)),
  };
  // Per user (membership decides), and the same address always means the same version (`v=` in the reader's URL).
  return Response.json(body, { headers: { "Cache-Control": q.get("v") === doc.version ? "private, max-age=600" : "private, no-cache", Vary: "Cookie" } });
});
