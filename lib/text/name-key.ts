/**
 * The name key: one key for a proper name across German, English and Russian (any script), so that one
 * person or place written by three conventions meets under one key, with no list of names:
 * Chruschtschow / Khrushchev / Хрущёв, Gorbatschow / Gorbachev / Горбачёв, Jelzin / Yeltsin / Ельцин,
 * Schukow / Zhukov / Жуков, Dostojewski / Dostoevsky / Достоевский, Kuba / Cuba / Куба,
 * Fjodorow / Fyodorov / Fedorov / Фёдоров.
 * Search indexes every word under it (the `nk` column, lib/search/analyze) and link suggestions match the
 * names of a seminar's name list with it (lib/links/suggest/entities), so both find the same spellings.
 *
 * Hand-written because no library does it: @sindresorhus/transliterate romanizes Cyrillic in one
 * convention only (and writes щ as "sch", which then reads as German ш), phonetic algorithms (Soundex,
 * Cologne phonetics, Double Metaphone) are built for one language each and miss the systematic
 * correspondences between the German (Duden) and English (BGN/PCGN) transcriptions of Russian.
 * The rules below are those correspondences, nothing corpus-specific:
 *  1. Cyrillic → Latin by BGN/PCGN (the English convention), so Russian text joins the Latin rules;
 *  2. the German/English digraphs fold together: tsch/tch/ch(ч) → C, sch/sh/zh (ш, ж) → S, shch/schtsch
 *     (щ) → SC, kh / German ch before a consonant (х) → H, w → v, z/tz/ts/ss → s, ck/q/c → k, ph → f;
 *  3. Russian ё after a hushing consonant is German "o", English "e" (Chruschtschow / Khrushchev): o → e
 *     there; any other ё after a consonant (German "jo", English "yo", scholarly "e": Fjodorow / Fyodorov /
     Fedorov) → e; j/y → i, and a word-initial i before a vowel (Je-/Ye-/Е-) is dropped;
 *  4. vowel clusters keep their first vowel (Dostojewski / Dostoevsky), doubled letters collapse
 *     (Kennedy / Кеннеди), final -ff → v (Rachmaninoff / Rachmaninow).
 * The key is coarse on purpose; callers use it on capitalized words only, and weigh a match by its rarity.
 */
import { memoizeWord } from "@/lib/cache/memo";
const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  ё: "yo",
  ж: "zh",
  з: "z",
  и: "i",
  й: "y",
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
  ю: "yu",
  я: "ya",
  і: "i",
  ї: "yi",
  є: "ye",
  ґ: "g",
};
const VOWELS_RU = "аеёиоуыэюяєії";

function cyrillicToLatin(word: string): string {
  let out = "";
  const lower = word.toLowerCase();
  for (let i = 0; i < lower.length; i++) {
    const c = lower[i];
    // е at the start of a word or after a vowel or ь/ъ is "ye" (Ельцин → Yeltsin).
    if (c === "е" && (i === 0 || VOWELS_RU.includes(lower[i - 1]) || "ьъ".includes(lower[i - 1]))) out += "ye";
    // ё after ж ч ш щ is written "e" in English (Хрущёв → Khrushchev), "o" in German (rule 3 folds that).
    else if (c === "ё" && i > 0 && "жчшщ".includes(lower[i - 1])) out += "e";
    else out += CYRILLIC_TO_LATIN[c] ?? c;
  }
  return out;
}

/** The name key of one written word (memoized: the vocabulary is small next to the text). */
export const nameKey = memoizeWord(keyUncached);

function keyUncached(name: string): string {
  let s = /[\u0400-\u04ff]/.test(name) ? cyrillicToLatin(name) : name.toLowerCase();
  // Latin diacritics and German umlauts: ä → ae (as German transcribes them), č → ch, ß → ss.
  s = s
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .replace(/č/g, "ch")
    .replace(/š/g, "sh")
    .replace(/ž/g, "zh")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z]/g, "");
  if (!s) return "";
  s = s
    .replace(/shch|schtsch|stsch|sch(?=tsch)/g, "SC")
    .replace(/tsch|tch/g, "C")
    .replace(/(?<!s)ch(?=[rlnmvwk])/g, "H")
    .replace(/sch|sh|zh/g, "S")
    .replace(/ch/g, "C")
    .replace(/kh/g, "H")
    .replace(/ph/g, "f")
    .replace(/th/g, "t")
    .replace(/w/g, "v")
    .replace(/ck|q/g, "k")
    .replace(/c(?=[eiy])/g, "s")
    .replace(/c/g, "k")
    .replace(/x/g, "ks")
    .replace(/ff$/, "v")
    .replace(/tz|ts|z|ss/g, "s")
    .replace(/([SCZ])o/g, "$1e")
    .replace(/([^aeiouyj])[jy]o/g, "$1e")
    .replace(/[jy]/g, "i")
    .replace(/^i(?=[aeiou])/, "")
    .replace(/([aeiou])h(?![aeiou])/g, "$1")
    .replace(/([aeiou])[aeiou]+/g, "$1");
  return s.replace(/(.)\1+/g, "$1").toLowerCase();
}

/** Do two written names (single words) meet under the key? */
export function sameName(a: string, b: string): boolean {
  const ka = nameKey(a);
  return ka.length > 0 && ka === nameKey(b);
}
