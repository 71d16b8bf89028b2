/**
 * The seminar glossary: equivalent terms across German, English and Russian. Link suggestions count a shared
 * glossary concept as evidence (a German term in one text meets its English equivalent in another), and search
 * expands a query with the equivalents (`expandTerms`). A glossary is data: instructors keep their seminar's on
 * its glossary page (lib/links/glossary-store, CSV in ./glossary-csv), and the library's own list is a data
 * file (./library-lists). Framework-free.
 */
import { memoizeWord } from "@/lib/cache/memo";
import { foldText, tokenize, type Token } from "@/lib/text/normalize";
import type { Language } from "@/lib/content/types";
import { stem } from "@/lib/text/words";

export interface GlossaryEntry {
  id?: string;
  terms: { de: string[]; en: string[]; ru: string[] };
}

const LANGS: Language[] = ["de", "en", "ru"];

/** A glossary term found in a text. */
export interface GlossaryHit {
  entryId: string;
  term: string;
  lang: Language;
  start: number;
  end: number;
  /** the words as written in the text */
  text: string;
}

interface CompiledTerm {
  entryId: string;
  term: string;
  lang: Language;
  words: string[];
  /** the words as written, lower-cased (what the stemmer of the term's language reads: Cyrillic stays Cyrillic) */
  lower: string[];
}

export function entryId(entry: GlossaryEntry, index: number): string {
  return entry.id ?? `g${index}`;
}

const HEAD = 3;
const compiledCache = new WeakMap<GlossaryEntry[], { terms: CompiledTerm[]; byHead: Map<string, CompiledTerm[]> }>();

function compile(glossary: GlossaryEntry[]): { terms: CompiledTerm[]; byHead: Map<string, CompiledTerm[]> } {
  const hit = compiledCache.get(glossary);
  if (hit) return hit;
  const out: CompiledTerm[] = [];
  glossary.forEach((entry, i) => {
    for (const lang of LANGS) {
      for (const term of entry.terms[lang] ?? []) {
        const toks = tokenize(term);
        if (toks.length) out.push({ entryId: entryId(entry, i), term, lang, words: toks.map((t) => t.folded), lower: toks.map((t) => t.raw.toLowerCase()) });
      }
    }
  });
  // Longer terms first (more words, then more letters): "Botschafter" (ambassador) before "Botschaft" (embassy).
  out.sort((a, b) => b.words.length - a.words.length || b.words.join("").length - a.words.join("").length);
  const byHead = new Map<string, CompiledTerm[]>();
  for (const t of out) {
    const head = t.words[0].slice(0, HEAD);
    byHead.set(head, [...(byHead.get(head) ?? []), t]);
  }
  const compiled = { terms: out, byHead };
  compiledCache.set(glossary, compiled);
  return compiled;
}

/** Snowball stems of the words a glossary meets, kept: a text repeats its words, and stemming is most of
 * what matching a glossary against a 5 MB volume costs (half of its suggestion-index build without this). */
const stemMemos = new Map<Language, (word: string) => string>();
function stemOf(word: string, lang: Language): string {
  let memo = stemMemos.get(lang);
  if (!memo) stemMemos.set(lang, (memo = memoizeWord((w) => stem(w, lang), { max: 200_000 })));
  return memo(word);
}

/** Endings a written word may lack against a term word in German or English (a singular, another case). */
const DROPPED_ENDINGS = new Set(["e", "s", "n", "en", "es"]);

/** Does a written (folded) word realise a term word? German compounds may continue a long term word:
 * "Winterkriegs·ende" contains "winterkrieg". */
function wordMatches(text: Token, term: CompiledTerm, k: number, inPhrase: boolean): boolean {
  const [textWord, termWord, lang] = [text.folded, term.words[k], term.lang];
  if (textWord === termWord) return true;
  // Stems are taken of the written words (lower-cased), in the term's language.
  const textLower = text.raw.toLowerCase().replace(/['’]/g, "");
  const termStem = stemOf(term.lower[k], lang);
  // Adjectives in a German phrase inflect on both sides: "separaten Frieden" vs the term "separater Frieden".
  // Not for one-word terms, where "-er" is derivation: Botschafter (ambassador) is not Botschaft (embassy).
  if (lang === "de" && inPhrase && stemOf(textLower, "de") === termStem) return true;
  if (!textWord.startsWith(termWord)) {
    // Another ending of the same stem (Kriegsziel / Kriegsziele, war aim / war aims, Ausfalls / Ausfälle,
    // целей / цели, посольстве / посольство). A Latin word shorter than the term only lacks an inflection
    // ending (Botschaft is not Botschafter, office is not officer), and a one-word term needs five letters.
    if (!inPhrase && textWord.length < 5) return false;
    if (
      textWord.length < termWord.length &&
      !/[\u0400-\u04ff]/.test(textLower) &&
      !(termWord.startsWith(textWord) && DROPPED_ENDINGS.has(termWord.slice(textWord.length)))
    )
      return false;
    return textLower.startsWith(termStem) && stemOf(textLower, lang) === termStem;
  }
  // An inflected form of the term word (German cases, English plural and possessive), by its Snowball stem.
  if (stemOf(textLower, lang) === termStem) return true;
  return lang === "de" && termWord.length >= 8;
}

/** All glossary terms occurring in a text (non-overlapping, longest first). */
export function findGlossaryTerms(text: string, glossary: GlossaryEntry[], tokens: Token[] = tokenize(text)): GlossaryHit[] {
  const { terms, byHead } = compile(glossary);
  // Only terms whose first word could start at some token are tried, at those tokens only.
  const starts = new Map<CompiledTerm, number[]>();
  tokens.forEach((tok, i) => {
    for (const t of byHead.get(tok.folded.slice(0, HEAD)) ?? []) {
      const list = starts.get(t) ?? [];
      list.push(i);
      starts.set(t, list);
    }
  });
  const used = new Uint8Array(tokens.length);
  const hits: GlossaryHit[] = [];
  for (const t of terms) {
    const n = t.words.length;
    for (const i of starts.get(t) ?? []) {
      if (i + n > tokens.length) continue;
      let ok = true;
      for (let k = 0; k < n && ok; k++) ok = !used[i + k] && wordMatches(tokens[i + k], t, k, n > 1);
      if (!ok) continue;
      // Abbreviations (OSS, RKKA, NKFD) must be written in capitals, so "oss" inside prose does not count.
      if (n === 1 && t.term.length <= 4 && t.term === t.term.toUpperCase() && tokens[i].raw !== tokens[i].raw.toUpperCase()) continue;
      for (let k = 0; k < n; k++) used[i + k] = 1;
      const start = tokens[i].start;
      const end = tokens[i + n - 1].end;
      hits.push({ entryId: t.entryId, term: t.term, lang: t.lang, start, end, text: text.slice(start, end) });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/**
 * Search-side expansion: the query itself, then every term (all languages) of each glossary entry the query
 * mentions. "Winterkrieg 1940" → ["Winterkrieg 1940", "Winterkrieg", "Winter War", "Зимняя война"]. Callers OR the terms; the words of the query not covered by a
 * glossary term stay in the first element.
 */
export function expandTerms(query: string, glossary: GlossaryEntry[]): string[] {
  const out = [query];
  const seen = new Set([foldText(query)]);
  const ids = new Set(findGlossaryTerms(query, glossary).map((h) => h.entryId));
  glossary.forEach((entry, i) => {
    if (!ids.has(entryId(entry, i))) return;
    for (const lang of LANGS) {
      for (const term of entry.terms[lang] ?? []) {
        const key = foldText(term);
        if (!seen.has(key)) {
          seen.add(key);
          out.push(term);
        }
      }
    }
  });
  return out;
}
