/**
 * Text folding shared by link suggestions and search. Framework-free.
 *
 * `foldText` — for matching words and phrases: lower case, Cyrillic and diacritics to Latin (by
 * @sindresorhus/transliterate), ß → ss, German umlaut transcriptions folded (Führer, Fuehrer, FÜHRER → "fuhrer").
 * Proper names across transcriptions (Gorbatschow / Gorbachev / Горбачёв) meet under `nameKey` (./name-key).
 */
import transliterate from "@sindresorhus/transliterate";
import { memoizeWord } from "@/lib/cache/memo";

/** Lower case, Latin-only, no diacritics, umlaut transcriptions folded. Keeps spaces and punctuation. */
// Folding is called per word of every block; the vocabulary is small, so memoize.
export const foldText = memoizeWord(foldUncached);

function foldUncached(input: string): string {
  // transliterate turns ä/ö/ü into ae/oe/ue (German convention) and Cyrillic into Latin (Горбачёв → Gorbachyov).
  const latin = transliterate(input.normalize("NFC"));
  return foldUmlautTranscriptions(latin.toLowerCase());
}

/** ae/oe/ue → a/o/u, so that "Führer" (→ fuehrer) and a typed "Fuehrer" both become "fuhrer". */
function foldUmlautTranscriptions(lower: string): string {
  // Not after a vowel or 'q' ("queue" stays). The fold must be the same on both sides of a comparison, not
  // linguistically perfect ("Israel" becomes "isral" everywhere, which is harmless for matching).
  return lower.replace(/(^|[^aeiouyq])([aou])e/g, "$1$2");
}

/** Words of a text, folded, with their offsets in the original string (UTF-16 code units). */
export interface Token {
  /** as written */
  raw: string;
  /** foldText(raw) */
  folded: string;
  start: number;
  end: number;
}

// Letters (any script), digits, apostrophes inside words. Hyphens split compounds: "Kuba-Krise".
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}]+)*/gu;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const raw = m[0];
    out.push({ raw, folded: foldText(raw), start: m.index!, end: m.index! + raw.length });
  }
  return out;
}

/** True when a written word starts with a capital letter (any script). */
export function isCapitalized(raw: string): boolean {
  const c = raw.charAt(0);
  return c !== c.toLowerCase() && c === c.toUpperCase();
}
