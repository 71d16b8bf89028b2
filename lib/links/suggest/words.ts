/**
 * Content words of a passage, reduced to Snowball stems in the passage's own language, for the word
 * evidence of link suggestions (same-language overlap, and translation through the bilingual lexicon).
 * The same `stemWord` is used when the lexicon is built from the dictionaries (scripts/build-lexicon.ts),
 * so a dictionary headword and a word in a text meet under one stem. Framework-free.
 *
 * Stop words come from the `stopword` package (its de/en/ru lists), plus month names (dates are compared
 * as dates); words shorter than MIN_LENGTH letters
 * are left out as well: below four letters nearly every word is a function word or an abbreviation, and
 * rare short words ("SS", "KPD") are names, which the name evidence handles.
 */
import { memoizeWord } from "@/lib/cache/memo";
import { deu, eng, rus } from "stopword";
import type { Language } from "@/lib/content/types";
import { foldText, tokenize } from "@/lib/text/normalize";
import { stem } from "@/lib/text/words";

export type WordLanguage = "de" | "en" | "ru";
export const WORD_LANGUAGES: readonly WordLanguage[] = ["de", "en", "ru"];

const MIN_LENGTH = 4;

// Month names are dates, and the date evidence compares them properly (same day, same month and year):
// as words they would make "Juni" meet every June of the corpus.
const MONTHS = {
  de: "januar jänner februar märz april mai juni juli august september oktober november dezember",
  en: "january february march april may june july august september october november december",
  ru: "январь января январе февраль февраля феврале март марта марте апрель апреля апреле май мая мае июнь июня июне июль июля июле август августа августе сентябрь сентября сентябре октябрь октября октябре ноябрь ноября ноябре декабрь декабря декабре",
};
const STOP: Record<WordLanguage, Set<string>> = {
  de: new Set([...deu.map((w) => w.toLowerCase()), ...MONTHS.de.split(" ")]),
  en: new Set([...eng.map((w) => w.toLowerCase()), ...MONTHS.en.split(" ")]),
  ru: new Set([...rus, ...MONTHS.ru.split(" ")].map((w) => w.toLowerCase().replace(/ё/g, "е"))),
};

const CYRILLIC = /[\u0400-\u04FF]/;

/** The language whose stemmer a word takes: Cyrillic words are Russian whatever the passage says. */
export function wordLanguage(raw: string, passageLang: Language): WordLanguage {
  if (CYRILLIC.test(raw)) return "ru";
  return passageLang === "de" ? "de" : "en";
}

// One memo per language: the words of the three languages rarely overlap, and a stem is per language.
const memos = {
  de: memoizeWord((w) => stemUncached(w, "de"), { max: 200_000 }),
  en: memoizeWord((w) => stemUncached(w, "en"), { max: 200_000 }),
  ru: memoizeWord((w) => stemUncached(w, "ru"), { max: 200_000 }),
};

/**
 * The stem of one word in a language, or "" for a stop word or a too-short word. Latin stems are folded
 * afterwards (ä → a, ß → ss) so that "Außenminister" and a typed "Aussenminister" meet; Russian stems keep
 * their script (ё → е).
 */
export function stemWord(raw: string, lang: WordLanguage): string {
  return memos[lang](raw);
}

function stemUncached(raw: string, lang: WordLanguage): string {
  let out = "";
  const lower = raw.toLowerCase().replace(/ё/g, "е");
  if (lower.length >= MIN_LENGTH && !/^\d+$/.test(lower) && !STOP[lang].has(lower)) {
    const stemmed = stem(lower, lang);
    out = lang === "ru" ? stemmed : foldText(stemmed).replace(/[^a-z0-9]/g, "");
    if (out.length < 3) out = "";
  }
  return out;
}

export interface StemmedWord {
  stem: string;
  lang: WordLanguage;
  start: number;
  end: number;
  raw: string;
}

/** Every content word of a text with its stem and offsets. */
export function contentWords(text: string, passageLang: Language): StemmedWord[] {
  const out: StemmedWord[] = [];
  for (const t of tokenize(text)) {
    const lang = wordLanguage(t.raw, passageLang);
    const stem = stemWord(t.raw, lang);
    if (stem) out.push({ stem, lang, start: t.start, end: t.end, raw: t.raw });
  }
  return out;
}

/** Is this word a stop word in any of the three languages (capitalised at a sentence start or not)? */
export function isStopWord(raw: string): boolean {
  const lower = raw.toLowerCase().replace(/ё/g, "е");
  return STOP.de.has(lower) || STOP.en.has(lower) || STOP.ru.has(lower);
}
