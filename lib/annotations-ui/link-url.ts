/**
 * What the note editor's link field accepts. Note bodies keep only http, https and mailto links (the server's
 * sanitizer drops the rest), so the field checks the same rule as you type and says why an address is refused
 * instead of silently dropping it. A bare "example.org/x" gets https:// in front.
 */
export const LINK_SCHEMES = ["http", "https", "mailto"] as const;

export type LinkCheck =
  | { ok: true; href: string }
  /** `scheme` is what was typed before the colon ("javascript"), for the message. */
  | { ok: false; reason: "scheme"; scheme: string }
  | { ok: false; reason: "invalid" };

export function checkLinkAddress(typed: string): LinkCheck {
  const url = typed.trim();
  // A scheme is letters then ":" not followed by a port number ("localhost:3000" has none).
  const scheme = /^([a-z][a-z0-9+.-]*):(?!\d)/i.exec(url)?.[1];
  const href = scheme ? url : `https://${url}`;
  if (scheme && !(LINK_SCHEMES as readonly string[]).includes(scheme.toLowerCase())) return { ok: false, reason: "scheme", scheme: scheme.toLowerCase() };
  try {
    const parsed = new URL(href);
    if (parsed.protocol !== "mailto:" && !parsed.hostname) return { ok: false, reason: "invalid" };
  } catch {
    return { ok: false, reason: "invalid" };
  }
  return { ok: true, href };
}
