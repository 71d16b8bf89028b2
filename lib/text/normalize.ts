/**
 * Text and name normalization shared by link suggestions and search. Framework-free.
 *
 * Two levels:
 * - `foldText` — for matching words and phrases: lower case, Cyrillic and diacritics to Latin, ß → ss,
 *   German umlaut transcriptions folded (Führer, Fuehrer, FÜHRER → "fuhrer").
 * - `nameKey` — for matching one proper name across German, English and scholarly romanizations of
 *   Russian names and across Cyrillic (Molotow / Molotov / Молотов; Semjonow / Semyonov / Semenov).
 *
 * Script conversion (Cyrillic, Latin diacritics) is done by @sindresorhus/transliterate. No maintained
 * library offers the second step: a key under which the German (Duden) transcription, the English
 * (BGN/PCGN-like) one and the Library-of-Congress/scholarly one of the same Russian name coincide, while
 * different names stay apart. Phonetic algorithms such as Soundex or Cologne phonetics are tuned for
 * one language each and either merge too much (Soundex: Molotov = Moltke? no, but Stalin = Stalingrad's
 * prefix logic and many German nouns collide) or miss w/v, z/s, tsch/ch. So the key is hand-written
 * here and pinned by tests (normalize.test.ts) listing pairs that must and must not meet.
 */
import transliterate from "@sindresorhus/transliterate";

/** Lower case, Latin-only, no diacritics, umlaut transcriptions folded. Keeps spaces and punctuation. */
export function foldText(input: string): string {
  const hit = foldCache.get(input);
  if (hit !== undefined) return hit;
  const out = foldUncached(input);
  if (input.length > MEMO_MAX_INPUT) return out;
  if (foldCache.size > 100_000) foldCache.clear();
  foldCache.set(input, out);
  return out;
}

// Folding is called per word of every block; the vocabulary is small, so memoize: words only (at most
// MEMO_MAX_INPUT characters), so that 100,000 entries stay a few MB even when a whole passage is folded.
const MEMO_MAX_INPUT = 64;
const foldCache = new Map<string, string>();
const keyCache = new Map<string, string>();

function foldUncached(input: string): string {
  // transliterate turns ä/ö/ü into ae/oe/ue (German convention) and Cyrillic into Latin (Молотов → Molotov).
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

// Letters (any script), digits, apostrophes inside words. Hyphens split compounds: "Winogradow-Treffen".
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

/**
 * Phonetic key of one name token. Steps (on the folded form):
 *  1. spelling-level equivalences: tsch/tch/ch (ч) → C, sch/sh → S, shch → SC, kh → H, ph → f, w → v,
 *     ck/q → k, c before a/o/u/consonant → k, c before e/i/y → s, x → ks, final -off/-ff → v;
 *  2. sibilants merge: z, tz, ts, ss, s → s (German z/s for Russian з/с/ц: Dekanosow / Dekanozov);
 *  3. ё after a consonant (jo / yo / e) → e, then j and y → i (Semjonow / Semyonov / Semenov → semenov),
 *     'h' after a vowel is dropped (German lengthening h);
 *  4. doubled letters collapse (Klauss / Klaus / Clauss → klaus). Vowels are kept, so Semyonov and
 *     Simonov, Molotov and Moltke stay apart.
 * The key is deliberately coarse; callers use it on capitalized name tokens and match whole
 * entries of a seminar's name list, never arbitrary words.
 */
export function nameKey(name: string): string {
  const hit = keyCache.get(name);
  if (hit !== undefined) return hit;
  const out = nameKeyUncached(name);
  if (name.length > MEMO_MAX_INPUT) return out;
  if (keyCache.size > 100_000) keyCache.clear();
  keyCache.set(name, out);
  return out;
}

function nameKeyUncached(name: string): string {
  let s = foldText(name).replace(/[^a-z]/g, "");
  if (!s) return "";
  s = s
    .replace(/shch|schtsch|stsch/g, "SC")
    .replace(/tsch|tch/g, "C")
    // German "Ch" before a consonant is Russian х (Chruschtschow = Khrushchev), not ч.
    .replace(/ch(?=[rlnm])/g, "H")
    .replace(/sch|sh/g, "S")
    .replace(/ch/g, "C")
    .replace(/kh/g, "H")
    .replace(/zh/g, "Z")
    .replace(/ph/g, "f")
    .replace(/th/g, "t")
    .replace(/w/g, "v")
    .replace(/ck|q/g, "k")
    .replace(/c(?=[eiy])/g, "s")
    .replace(/c/g, "k")
    .replace(/x/g, "ks")
    .replace(/ff$/, "v")
    .replace(/tz|ts|z|ss/g, "s")
    // ё after a consonant: German "jo", English "yo", scholarly "e" (Semjonow / Semyonov / Semenov).
    .replace(/([^aeiouyj])[jy]o/g, "$1e")
    .replace(/[jy]/g, "i")
    .replace(/([aeiou])h/g, "$1");
  return s.replace(/(.)\1+/g, "$1").toLowerCase();
}

/** Do two written names (single tokens) meet under the key? */
export function sameName(a: string, b: string): boolean {
  const ka = nameKey(a);
  return ka.length > 0 && ka === nameKey(b);
}
