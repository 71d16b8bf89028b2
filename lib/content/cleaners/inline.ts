/**
 * Inline conventions of text exports, shared by the plain-text cleaner and the seed cleaners (content/cleaners):
 * Unicode superscript footnote markers, Markdown-style *italics*, words hyphenated across a (page) break,
 * Cyrillic letters that slipped into a Latin transliteration. Each rule feeds a BlockBuilder, so every change
 * is a recorded mend.
 */
import type { BlockBuilder } from "./block-builder";

const SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";
export const SUPERSCRIPT_RUN = new RegExp(`^[${SUPERSCRIPTS}]+`);

export function superscriptToNumber(s: string): string {
  return [...s].map((c) => String(SUPERSCRIPTS.indexOf(c))).join("");
}

/** Library of Congress romanization, the one English-language scholarship uses ("zhurnal", "Khrushchev"). */
const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  ё: "e",
  ж: "zh",
  з: "z",
  и: "i",
  й: "i",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "shch",
  ъ: "",
  ы: "y",
  ь: "",
  э: "e",
  ю: "iu",
  я: "ia",
};

function transliterate(word: string): string {
  return [...word]
    .map((c) => {
      const lower = c.toLowerCase();
      const t = CYRILLIC_TO_LATIN[lower];
      if (t === undefined) return c;
      return c === lower ? t : t.charAt(0).toUpperCase() + t.slice(1);
    })
    .join("");
}

export interface InlineOptions {
  /** Unicode superscript digits are footnote markers. */
  superscriptRefs?: boolean;
  /** *text* is italics. */
  asteriskItalics?: boolean;
  /** "stra-\ntegic" (hyphen at a break, lower-case continuation) is one word. */
  joinHyphenatedBreaks?: boolean;
  /** Latin words with Cyrillic letters inside get those letters transliterated. */
  fixMixedScript?: boolean;
}

/** Consume the builder's remaining raw text (or `until` characters of it) applying the chosen rules. */
export function inline(b: BlockBuilder, opts: InlineOptions, until = b.raw.length): void {
  const stop = () => b.raw.length - b.rest.length >= until;
  while (!b.done && !stop()) {
    const rest = b.rest.slice(0, until - (b.raw.length - b.rest.length));
    let m: RegExpExecArray | null;
    if (opts.superscriptRefs && (m = SUPERSCRIPT_RUN.exec(rest))) {
      b.ref(m[0], superscriptToNumber(m[0]), "superscript footnote marker → footnote reference");
      continue;
    }
    if (opts.asteriskItalics && (m = /^\*([^*\n]+)\*/.exec(rest))) {
      b.open("em", "*", "*italics* → em mark");
      const innerEnd = b.raw.length - b.rest.length + m[1].length;
      inline(b, { ...opts, asteriskItalics: false }, innerEnd);
      b.close("*", "*italics* → em mark");
      continue;
    }
    if (opts.joinHyphenatedBreaks && (m = /^(\p{L}+)-\n(\p{Ll}\p{L}*)/u.exec(rest))) {
      b.change(m[0], m[1] + m[2], "word hyphenated across a page break rejoined");
      continue;
    }
    if ((m = /^\p{L}+/u.exec(rest))) {
      const word = m[0];
      if (opts.fixMixedScript && /\p{Script=Cyrillic}/u.test(word) && /\p{Script=Latin}/u.test(word)) {
        b.change(word, transliterate(word), "Cyrillic letters inside a Latin transliteration replaced by Latin ones");
      } else b.keep(word);
      continue;
    }
    m = /^[^\p{L}*⁰¹²³⁴⁵⁶⁷⁸⁹]+/u.exec(rest);
    b.keep(m ? m[0] : rest[0]);
  }
}
