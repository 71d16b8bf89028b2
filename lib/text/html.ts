/**
 * The one HTML escaper and the one plain-text → note HTML conversion. The reader's document HTML does not use
 * them: hast-util-to-html escapes it (lib/reader/html). These serve the few places that write a short string of
 * HTML by hand (search snippets, note bodies from plain text, outline items), all of which are sanitized or
 * built from text only.
 */

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text safe in HTML content and in a quoted attribute value. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/**
 * A note typed as plain text, as note HTML: paragraphs at blank lines, a `<br>` at a single line break.
 * Empty (or blank) text gives "".
 */
export function plainTextToNoteHtml(text: string): string {
  const trimmed = text.replace(/\r\n?/g, "\n").trim();
  if (!trimmed) return "";
  return trimmed
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p.trim()).replace(/\n/g, "<br>")}</p>`)
    .join("");
}
