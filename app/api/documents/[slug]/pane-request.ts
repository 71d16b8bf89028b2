import { hasLocale } from "next-intl";
import { routing, type AppLocale } from "@/i18n/routing";
import { getSessionUser } from "@/lib/auth/server";
import { SLUG_PATTERN } from "@/lib/content/schema";
import { getDocumentAsync, isLibraryDocument } from "@/lib/content/store";
import type { SynopseDocument } from "@/lib/content/types";
import { AppError } from "@/lib/errors";
import { canReadDocument } from "@/lib/seminars";

const PANE = /^pane[1-9]$/;

/**
 * What both of a document's pane routes (./html, ./window) read from a request: `?pane=pane2` (the ids' prefix),
 * `&locale=de` (the labels' language), and the document, readable exactly like the reader page: corpus texts by
 * anyone, uploaded texts by their seminars' members only; anyone else is told the text does not exist.
 */
export async function readPaneRequest(
  request: Request,
  slug: string,
): Promise<{ doc: SynopseDocument; pane: string; locale: AppLocale; query: URLSearchParams }> {
  const query = new URL(request.url).searchParams;
  const pane = query.get("pane") ?? "pane1";
  const locale = query.get("locale") ?? routing.defaultLocale;
  if (!PANE.test(pane) || !hasLocale(routing.locales, locale))
    throw new AppError("invalid-request", { reason: "pane must be pane1…pane9, locale one of de, en, ru" });
  const doc = SLUG_PATTERN.test(slug) ? await getDocumentAsync(slug) : null;
  const user = doc ? await getSessionUser(request.headers).catch(() => null) : null;
  if (!doc || !(await canReadDocument(user?.id ?? null, slug, isLibraryDocument))) throw new AppError("unknown-document", { slug });
  return { doc, pane, locale, query };
}
