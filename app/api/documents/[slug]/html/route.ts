import { hasLocale } from "next-intl";
import { routing } from "@/i18n/routing";
import { getSessionUser } from "@/lib/auth/server";
import { SLUG_PATTERN } from "@/lib/content/schema";
import { getDocumentAsync, isLibraryDocument } from "@/lib/content/store";
import { AppError } from "@/lib/errors";
import { handle } from "@/lib/http/respond";
import { renderDocumentCached, renderFingerprint } from "@/lib/reader/html";
import { isWindowed } from "@/lib/reader/window";
import { canReadDocument } from "@/lib/seminars";
import type { PaneHtmlAnswer } from "@/components/reader/PaneHtml";
import { windowLabels } from "../window/labels";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ slug: string }> };

const PANE = /^pane[1-9]$/;

/**
 * A document's reader HTML for a pane the browser mounted without it (components/reader/PaneHtml: a client
 * navigation to another layout; the page itself carries its panes' HTML once, in the HTML). `?pane=pane2` (the
 * ids' prefix), `&locale=de` (the labels' language), `&v=` the rendering's fingerprint the page named. Readable
 * exactly like the reader page: corpus texts by anyone, uploaded texts by their seminars' members only; anyone
 * else is told the text does not exist. A whole volume is read in windows (../window) instead.
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
  if (isWindowed(doc)) throw new AppError("invalid-request", { reason: "a whole volume is read in windows: /api/documents/[slug]/window" });

  const body: PaneHtmlAnswer = { html: renderDocumentCached(doc, pane, windowLabels(locale)).html };
  // Per user (membership decides); the same fingerprint always means the same HTML, so the browser may keep it.
  return Response.json(body, {
    headers: { "Cache-Control": q.get("v") === renderFingerprint(doc) ? "private, max-age=3600" : "private, no-cache", Vary: "Cookie" },
  });
});
