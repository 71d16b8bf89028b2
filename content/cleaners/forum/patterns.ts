/**
 * Line patterns of the XenForo-style thread dump (seed 000). Every pattern is a property of a single
 * raw line; which of them apply where (post boundaries, the top of a post, the last line of a post)
 * is decided in segment.ts and forum.ts.
 */
import { normalizeWhitespace } from "@/lib/content/fidelity";

export const isBlank = (line: string): boolean => normalizeWhitespace(line) === "";

/**
 * XenForo ends every message body with `js-selectToQuoteEnd&nbsp;`; the dump keeps only the NBSP,
 * on a line of its own. (A blank line is plain whitespace and never a delimiter.)
 */
export const isPostDelimiter = (line: string): boolean => /^[ \t]*\u00a0[\u00a0 \t]*$/.test(line);

/** "Zuletzt bearbeitet:" — the edit notice; its date was stripped by the export (a date after the colon is tolerated). */
export const isEditNotice = (line: string): boolean => /^\s*Zuletzt bearbeitet:/.test(line);

/** Page navigation the export left after the last post. */
export const isNavigation = (line: string): boolean => /^(Zurück|Oben|Weiter|Nach oben|Vorherige|Nächste)$/.test(normalizeWhitespace(line));

/** A XenForo user name in a post header: one token, no sentence punctuation. */
export const looksLikeUserName = (line: string): boolean => /^[^\s.,;:!?"„“]{2,50}$/.test(normalizeWhitespace(line));

/** A user title under the name ("Aktives Mitglied", "Moderator"): a few words, no sentence punctuation. */
export const looksLikeUserTitle = (line: string): boolean => {
  const t = normalizeWhitespace(line);
  return t.length > 0 && t.length <= 40 && t.split(" ").length <= 4 && !/[.,;:!?"„“]/.test(t);
};

/**
 * A typed sign-off: initials ("M.", "J. P.") optionally followed by smilie codes (":winke:").
 * Only initials are accepted: a one-word name line ("Danke", "Gruß") is too easily ordinary text.
 */
const SIGNOFF = /^(\p{Lu}\.(?:\s?\p{Lu}\.)*)((?:\s*:[a-z_]+:)*)$/u;
export function parseSignoff(line: string): { name: string } | null {
  const m = SIGNOFF.exec(normalizeWhitespace(line));
  return m ? { name: m[1] } : null;
}
/** A sign-off glued to the end of a quoted line (L193 "…Stalins?M."): initials only. */
export const isInitialsSignoff = (s: string): boolean => /^\p{Lu}\.(?:\s?\p{Lu}\.)*$/u.test(normalizeWhitespace(s));

/** Numbered ("1. ") or dash ("- ") list label at the start of a line. */
export function parseListLabel(line: string): { label: string; raw: string } | null {
  const m = /^(\d{1,2}\.|-)([ \t\u00a0]+)(?=\S)/u.exec(line);
  return m ? { label: m[1], raw: m[0] } : null;
}

/** "Title - Author(s) - Google Books": the page title of a pasted Google Books link (URL lost). */
export const isGoogleBooksTitle = (line: string): boolean => / - Google Books$/.test(normalizeWhitespace(line));

/**
 * Split a link-title line into its parts. Google Books page titles are "Title - Author(s) - Google Books";
 * other sites use "Site - Title" or just a title. The block keeps the whole visible text (that was the anchor
 * text); this split is for display/citation code that wants the parts.
 */
export function splitLinkTitle(text: string): { title: string; author: string | null; site: string | null } {
  const t = normalizeWhitespace(text);
  if (isGoogleBooksTitle(t)) {
    const parts = t.slice(0, -" - Google Books".length).split(" - ");
    if (parts.length >= 2) return { title: parts.slice(0, -1).join(" - "), author: parts[parts.length - 1], site: "Google Books" };
    return { title: parts[0], author: null, site: "Google Books" };
  }
  return { title: t, author: null, site: null };
}

export const URL_PATTERN = /https?:\/\/[^\s<>"„“”»«]+/gu;
export const isBareUrl = (line: string): boolean => /^https?:\/\/\S+$/u.test(normalizeWhitespace(line));

/**
 * A standalone line that was the visible text of a non-Google-Books link (L91 "Unterredung zwischen Hitler
 * und Molotow …", L229 "DER SPIEGEL*47/1969 - …"). The export drops the URL and leaves only the anchor text,
 * so the text is all we have: a title-shaped line — at least three words, no sentence-final punctuation —
 * standing alone after some prose of the post. Lines opening with a cross-reference ("Vergl. hierzu seine
 * Rede vom 3. Juli 1941", L123) are the author's own sentence introducing a link, not link text.
 */
export function looksLikeLinkTitle(line: string): boolean {
  const t = normalizeWhitespace(line);
  if (t.split(" ").length < 3) return false;
  if (/[.!?:;,)"“”»«']$/u.test(t)) return false;
  if (/^(vgl|vergl|siehe|s|cf|see)\.?\s/iu.test(t)) return false;
  if (isBareUrl(t) || parseListLabel(t) || t.startsWith("@")) return false;
  return true;
}

/**
 * A reply that opens by calling the lines above it "diese Aussage" refers back to a statement it quotes:
 * nobody opens a post by pointing at their own previous sentence that way. Used only inside the first run of
 * lines of a post (see forum.ts), where the export glued a stripped quote to the reply without a blank line.
 */
export const BACK_REFERENCE =
  /^(Diese|Dieser|Diesen|Dieses|Jene|Jener)\s+(Aussage|These|Behauptung|Darstellung|Einschätzung|Feststellung|Auffassung|Ansicht|Sichtweise|Meinung|Argumentation)\b/u;

/** "@Name:" opening a line: the post addresses Name directly. */
export function openingAddress(line: string): string | null {
  const m = /^@([^\s:@]+):/u.exec(normalizeWhitespace(line));
  return m ? m[1] : null;
}

/** "@Name" used inside a sentence ("@thanepower hat oben …"): Name is talked about, so Name is not the writer. */
export function thirdPersonMentions(text: string): string[] {
  const names: string[] = [];
  for (const m of normalizeWhitespace(text).matchAll(/(^|[^\w@])@([\p{L}\p{N}_-]+)(:?)/gu)) if (m[3] === "") names.push(m[2]);
  return names;
}

/** XenForo smilie codes seen in the corpus, mapped to the emoji they displayed. Unknown codes stay as typed. */
export const SMILIES: Readonly<Record<string, string>> = { winke: "👋" };
