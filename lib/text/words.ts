/**
 * Words, sentences and stems: one implementation of each, on the platform's Unicode segmentation
 * (Intl.Segmenter, UAX #29) and the Snowball stemmers. Every word count the interface shows, and every
 * comparison of two word forms, goes through here.
 */
import { newStemmer, type Stemmer } from "snowball-stemmers";

const wordSegmenter = new Intl.Segmenter(undefined, { granularity: "word" });
const sentenceSegmenters = new Map<string, Intl.Segmenter>();

/** How many words a text has: word-like segments ("Lincoln’s" is one word, "1941–43" two, punctuation none). */
export function countWords(text: string): number {
  let n = 0;
  for (const s of wordSegmenter.segment(text)) if (s.isWordLike) n++;
  return n;
}

/**
 * The sentences of a text as [start, end) offsets, trailing spaces left out, in the text's language (abbreviation
 * rules differ a little). Sentence ends follow UAX #29: "Dr. Schmidt" may be cut after "Dr." in some languages.
 */
export function sentenceSpans(text: string, lang?: string): Array<[number, number]> {
  const key = lang ?? "";
  let seg = sentenceSegmenters.get(key);
  if (!seg) sentenceSegmenters.set(key, (seg = new Intl.Segmenter(lang, { granularity: "sentence" })));
  const spans: Array<[number, number]> = [];
  for (const s of seg.segment(text)) {
    const end = s.index + s.segment.trimEnd().length;
    const start = s.index + (s.segment.length - s.segment.trimStart().length);
    if (end > start) spans.push([start, end]);
  }
  return spans;
}

const SNOWBALL = { de: "german", en: "english", ru: "russian" } as const;
export type StemLanguage = keyof typeof SNOWBALL;
const stemmers = new Map<StemLanguage, Stemmer>();

/** The Snowball stem of one lower-case word in German, English or Russian. */
export function stem(word: string, lang: StemLanguage): string {
  let s = stemmers.get(lang);
  if (!s) stemmers.set(lang, (s = newStemmer(SNOWBALL[lang])));
  return s.stem(word);
}
