/**
 * The Content-Security-Policy of the pages and HSTS (set per request by proxy.ts). The headers that are the
 * same for every response — nosniff, X-Frame-Options, Referrer-Policy, and the API's allow-nothing CSP — are
 * in next.config.js, which cannot import TypeScript.
 *
 * Pages: scripts only with the request's nonce ('strict-dynamic' lets Next's own loader add its chunks; Next
 * puts the nonce on its inline bootstrap scripts when it finds it in the request's CSP header, set by
 * proxy.ts). Styles allow 'unsafe-inline': React renders style attributes on the server (tag colours, chart
 * bars) and ProseMirror/Tiptap and the highlight painter set styles at run time, which a nonce cannot cover;
 * an injected style can restyle a page but not run code. Nothing may frame the site (frame-ancestors, plus
 * X-Frame-Options for older browsers), forms post only to the site, and no plug-ins run.
 */
export function pageContentSecurityPolicy(nonce: string, options: { development: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    // React's development build evaluates code for its error overlay and stack traces; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** A year, sent only on responses served over https (a browser ignores it over http anyway). */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000";
