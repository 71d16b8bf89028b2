/**
 * Where a sign-in or sign-up may send the browser afterwards (`?next=`): only a path on this site. A prefix
 * test on the raw string is not enough — browsers drop tabs and newlines from URLs and read `\` as `/`, so
 * `/\t/evil.example` becomes `//evil.example`, another host. The candidate is therefore parsed the way a
 * browser parses it, against a placeholder origin, and accepted only if it stays on that origin and its
 * normalised form cannot be read as protocol-relative.
 */
const PLACEHOLDER = "http://same-origin.invalid";
/** The longest address the site accepts as a same-site destination, and the longest it sends one to. */
export const MAX_SAME_ORIGIN_PATH = 2048;

export function sameOriginPath(candidate: unknown): string | null {
  if (typeof candidate !== "string" || candidate.length === 0 || candidate.length > MAX_SAME_ORIGIN_PATH) return null;
  // Control characters (tab, newline: dropped by URL parsers, and a newline would break the Location header)
  // and backslashes (a slash to browsers) have no place in a path we wrote ourselves.
  if (!candidate.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(candidate)) return null;
  let url: URL;
  try {
    url = new URL(candidate, PLACEHOLDER);
  } catch {
    return null;
  }
  if (url.origin !== PLACEHOLDER) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith("//") ? null : path;
}
