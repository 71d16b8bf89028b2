/**
 * Is a state-changing request from one of this site's own pages? (CSRF defence next to SameSite=Lax
 * cookies.) A browser marks such a request with `Sec-Fetch-Site: same-origin` or an `Origin` header equal to
 * the site's origin — scheme, host and port, so an https page cannot write to the http site and back. A
 * request with neither is refused: every browser in use sends at least one of them on a POST, PUT, PATCH or
 * DELETE, so only a forged or very unusual request lacks both. Scripts authenticate with a bearer token and
 * carry no cookie, so they are not asked (see `requireUser`).
 *
 * The site's own origin comes from the Host header and the scheme the server saw. X-Forwarded-Host and
 * -Proto count only when a reverse proxy is configured (SYNOPSE_TRUSTED_PROXIES): instrumentation.ts drops
 * them from everyone else, and this module does not look at them otherwise.
 */
import { trustedProxies } from "@/lib/auth/proxies";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function first(value: string | null): string | null {
  const v = value?.split(",")[0]?.trim();
  return v ? v : null;
}

/** This server's origin as the browser addresses it, e.g. "http://localhost:3000". */
export function siteOrigin(headers: Headers, url?: string): string {
  const parsed = url ? new URL(url) : null;
  const behindProxy = trustedProxies().length > 0;
  const host = (behindProxy ? first(headers.get("x-forwarded-host")) : null) ?? first(headers.get("host")) ?? parsed?.host ?? "localhost:3000";
  // Without a URL (server actions) the scheme is the one Next's server wrote into x-forwarded-proto.
  const scheme = (behindProxy || !parsed ? first(headers.get("x-forwarded-proto")) : null) ?? parsed?.protocol.replace(/:$/, "") ?? "http";
  return `${scheme.toLowerCase()}://${host.toLowerCase()}`;
}

/** Whether a request may change state on behalf of the browser's cookies (safe methods always may). */
export function isSameOriginWrite(method: string, headers: Headers, url?: string): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  if (headers.get("sec-fetch-site") === "same-origin") return true;
  const origin = headers.get("origin");
  if (!origin || origin === "null") return false;
  try {
    return new URL(origin).origin === siteOrigin(headers, url);
  } catch {
    return false;
  }
}
