import { hasLocale } from "next-intl";
import { routing } from "@/i18n/routing";
import { getSessionUser } from "@/lib/auth/server";
import { SLUG_PATTERN } from "@/lib/content/schema";
import { getDocumentAsync, isLibraryDocument } from "@/lib/content/store";
import { AppError } from "@/lib/errors";
import { handle } from "@/lib/http/respond";
import { renderWindowCached } from "@/lib/reader/html";
import { planWindows, windowOf } from "@/lib/reader/window";
import { canReadDocument } from "@/lib/seminars";
import { windowLabels } from "./labels";

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

const PANE = /^pane[1-9]$/;

/**
 * One window of a long document for the reader's pane (lib/reader/window.ts): `?n=` (0-based) or `?block=` (the
 * window showing that block or footnote), `&pane=pane2` (the ids' prefix), `&locale=de` (the labels' language).
 * Readable exactly like the reader page: corpus texts by anyone, uploaded texts by their seminars' members only;
 * anyone else is told the text does not exist.
 */
export const GET = handle(async (request: Request, ctx: Ctx) => {
  const { slug } = await ctx.params;
  const q = new URL(request.url).searchParams;
  const pane = q.get("pane") ?? "pane1";
  const locale = q.get("locale") ?? routing.defaultLocale;
  if (!PANE.test(pane) || !hasLocale(routing.locales, locale))
    throw new AppError("invalid-request", { reason: "pane must be pane1…pane9, locale one of de, en, ru" });
  const doc = SLUG_PATTERN.test(slug) ? await getDocumentAsync(slug) : null;
  const user = doc ? await getSessionUser(request.headers).catch(() => null) : null;
  if (!doc || !(await canReadDocument(user?.id ?? null, slug, isLibraryDocument))) throw new AppError("unknown-document", { slug });

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
