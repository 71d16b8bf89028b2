/**
 * Quotes of earlier posts. The export stripped XenForo's quote chrome ("X hat gesagt:", expand link), so a
 * quote is recognisable only by its text: a line that is an exact copy, a prefix, or a copy plus a short
 * suffix of a line in an earlier post. Exact string comparison (after whitespace normalisation) rather than
 * fuzzy matching: forum quotes are copy-paste, and a fuzzy match would also catch a reply that paraphrases.
 */
import { normalizeWhitespace } from "@/lib/content/fidelity";

/** Shorter lines ("M.", "D'accord.") repeat by chance; 40 characters is a clause, not a coincidence. */
export const MIN_QUOTE_CHARS = 40;
/** A copy-plus-suffix adds at most a trailing ellipsis or a glued sign-off ("...", "M."). */
export const MAX_QUOTE_SUFFIX_CHARS = 12;

export type QuoteMatchKind = "copy" | "prefix" | "copy-plus-suffix";

export interface QuoteMatch {
  kind: QuoteMatchKind;
  /** Part id of the post the text comes from (its original author), or null when it comes from outside the file. */
  source: string | null;
  /** Raw line number of the matched line. */
  line: number;
  /** For copy-plus-suffix: the added text (normalised), e.g. " ..." or "M.". */
  suffix: string;
}

/** A line of an earlier post, and — if that line was itself a quote — where it came from. */
export interface EarlierLine {
  post: string;
  line: number;
  text: string;
  /** undefined = the post's own text; string|null = the line is a quote of that source. */
  quoteOf?: string | null;
}

/**
 * Find the earlier line this one repeats. Own text is preferred over quotes (so a quote of a quote resolves to
 * the original post), exact copies over suffix copies over prefixes, and earlier posts over later ones.
 */
export function matchEarlierLine(line: string, earlier: readonly EarlierLine[]): QuoteMatch | null {
  const text = normalizeWhitespace(line);
  if (text.length < MIN_QUOTE_CHARS) return null;
  const own = earlier.filter((e) => e.quoteOf === undefined);
  const quoted = earlier.filter((e) => e.quoteOf !== undefined);
  for (const pool of [own, quoted]) {
    const candidates = pool.map((e) => ({ e, t: normalizeWhitespace(e.text) }));
    const source = (e: EarlierLine) => (e.quoteOf === undefined ? e.post : e.quoteOf);
    const copy = candidates.find(({ t }) => t === text);
    if (copy) return { kind: "copy", source: source(copy.e), line: copy.e.line, suffix: "" };
    const withSuffix = candidates.find(({ t }) => t.length >= MIN_QUOTE_CHARS && text.startsWith(t) && text.length - t.length <= MAX_QUOTE_SUFFIX_CHARS);
    if (withSuffix) return { kind: "copy-plus-suffix", source: source(withSuffix.e), line: withSuffix.e.line, suffix: text.slice(withSuffix.t.length) };
    const prefix = candidates.find(({ t }) => t.length > text.length && t.startsWith(text));
    if (prefix) return { kind: "prefix", source: source(prefix.e), line: prefix.e.line, suffix: "" };
  }
  return null;
}
