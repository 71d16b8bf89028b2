import { randomBytes } from "node:crypto";
import createMiddleware from "next-intl/middleware";
import { NextRequest, NextResponse } from "next/server";
import { routing } from "./i18n/routing";
import { isSameOriginWrite, siteOrigin } from "./lib/http/origin";
import { pageSlashRedirect } from "./lib/http/trailing-slash";
import { pageContentSecurityPolicy, STRICT_TRANSPORT_SECURITY } from "./lib/http/security-headers";
import { loopbackRender, PAGE_VARIANT_HEADER, RENDER_HEADER, respondWithNonce, storedPageKey, StoredPages } from "./lib/http/stored-pages";

const intl = createMiddleware(routing);

// Reader pages rendered once per address and copy (lib/http/stored-pages). The token marks the cache's
// own loopback requests; it is new with every process, so nobody outside can send it.
const storedPages = new StoredPages();
const renderToken = randomBytes(16).toString("base64url");

/**
 * Every page request: forms and server actions only from the site's own pages (CSRF: Next checks only the
 * host, and lets a request without Origin through), a fresh CSP nonce that Next puts on its scripts, then
 * next-intl's locale routing.
 */
export default async function proxy(request: NextRequest): Promise<NextResponse> {
  if (!isSameOriginWrite(request.method, request.headers, request.url)) return new NextResponse(null, { status: 403 });
  // Pages have no final "/" (the W3C container keeps its own, see lib/http/trailing-slash).
  const moved = pageSlashRedirect(request.nextUrl);
  if (moved) return NextResponse.redirect(moved, 308);
  const nonce = randomBytes(16).toString("base64");
  const https = siteOrigin(request.headers, request.url).startsWith("https:");
  const policy = pageContentSecurityPolicy(nonce, { development: process.env.NODE_ENV === "development", https });
  // Next reads the nonce from the request's own CSP header while rendering.
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  // Only the stored pages' own loopback render may ask the page for a member's copy without a member.
  if (request.headers.get(RENDER_HEADER) !== renderToken) headers.delete(PAGE_VARIANT_HEADER);
  const routed = namesNothing(request.nextUrl.pathname) ? NextResponse.next({ request: { headers } }) : intl(new NextRequest(request, { headers }));
  const response = (await storedPage(request, routed, nonce)) ?? routed;
  response.headers.set("Content-Security-Policy", policy);
  if (https) response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  return response;
}

/**
 * A reader page from memory (a visitor's or a member's copy), with this response's nonce, or null to render it. Only when the
 * locale routing lets the request through unchanged; its alternates and locale cookie go on the stored page.
 */
async function storedPage(request: NextRequest, routed: NextResponse, nonce: string): Promise<NextResponse | null> {
  const port = process.env.PORT;
  if (process.env.NODE_ENV !== "production" || !port) return null;
  if (routed.headers.get("x-middleware-next") !== "1" || routed.headers.has("x-middleware-rewrite")) return null;
  const stored = storedPageKey(request.method, request.nextUrl, request.headers, renderToken);
  if (stored === null) return null;
  const address = request.nextUrl.pathname + request.nextUrl.search;
  const page = await storedPages.page(stored.key, loopbackRender(`http://127.0.0.1:${port}`, address, stored.variant, renderToken));
  if (!page) return null;
  const { status, headers, body } = respondWithNonce(page, nonce);
  const alternates = routed.headers.get("link");
  if (alternates) headers.set("link", [alternates, headers.get("link")].filter(Boolean).join(", "));
  for (const cookie of routed.headers.getSetCookie()) headers.append("set-cookie", cookie);
  return new NextResponse(body, { status, headers });
}

/**
 * next-intl decodes the path once and routes to the result; a "%" in it (sent as %25, or a malformed escape
 * that lib/http/malformed-path made literal) turns that into a malformed path again, on which Next never
 * answers. Such a path names no page of the site: it skips the locale routing and gets the 404 page.
 */
function namesNothing(pathname: string): boolean {
  try {
    return decodeURI(pathname).includes("%");
  } catch {
    return true;
  }
}

export const config = {
  // Everything but API routes, Next internals and files with an extension.
  matcher: "/((?!api|_next|_vercel|.*\\..*).*)",
};
