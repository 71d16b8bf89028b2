/**
 * A request path with malformed percent-encoding ("/api/seminars/%E0%A4%A/…", "/en/seminars/%"): Next fails
 * to decode it while routing and answers a bare 500 before any of the app's code runs. Such a segment is
 * taken literally instead — its "%" signs escaped as "%25" — so it reaches the route as the text it was
 * sent as, and the route answers as for any unknown id or slug (a 404, translated on pages).
 */
export function literalMalformedSegments(url: string): string {
  const q = url.search(/[?#]/);
  const path = q === -1 ? url : url.slice(0, q);
  if (!path.includes("%")) return url;
  let changed = false;
  const segments = path.split("/").map((segment) => {
    try {
      decodeURIComponent(segment);
      return segment;
    } catch {
      changed = true;
      return segment.replace(/%/g, "%25");
    }
  });
  return changed ? segments.join("/") + (q === -1 ? "" : url.slice(q)) : url;
}
