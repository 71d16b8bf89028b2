/**
 * Whether a page request is a client navigation (Next's router asks for the RSC payload alone, with the `RSC: 1`
 * header) or a page load (HTML with the payload inside). Next hides its own router headers from `headers()`, so
 * the proxy passes the answer on under a header of ours. The reader uses it to send a pane's text once: inside
 * the payload of a navigation (there is no HTML then), only in the HTML of a page load (lib/reader/html-handoff.ts).
 */
export const CLIENT_NAVIGATION_HEADER = "x-synopse-client-navigation";

/** Set (or clear: a browser may not choose it) our header on the headers the app will see, from the request's own. */
export function markClientNavigation(request: Headers, forwarded: Headers): void {
  forwarded.delete(CLIENT_NAVIGATION_HEADER);
  if (request.get("rsc") === "1") forwarded.set(CLIENT_NAVIGATION_HEADER, "1");
}

/** Whether the app sees a client navigation (the headers as passed on by the proxy). */
export function isClientNavigation(headers: Headers): boolean {
  return headers.get(CLIENT_NAVIGATION_HEADER) === "1";
}
