/**
 * Pages drop a final "/" (`/en/seminars/` → `/en/seminars`), as Next itself did before next.config.js
 * turned its redirect off (skipTrailingSlashRedirect): the W3C Web Annotation Protocol requires a
 * container's IRI to end in "/", so the W3C routes choose their form themselves (lib/http/w3c.ts; the
 * proxy stays off API routes, where it would buffer request bodies), other API routes answer at either
 * form, and proxy.ts applies this to pages. No imports: it runs in the proxy for every page request.
 */

/** Where a page request should go instead (the same path without its final "/", query kept), or null. */
export function pageSlashRedirect(url: URL): URL | null {
  const { pathname } = url;
  if (pathname.length < 2 || !pathname.endsWith("/")) return null;
  const to = new URL(url);
  to.pathname = pathname.replace(/\/+$/, "") || "/";
  return to;
}
