/**
 * The seminar glossary: equivalent terms across German, English and Russian. Link suggestions count a shared
 * glossary concept as evidence ("Separatfrieden" in the forum meets "separate peace" in Mastný), and search
 * expands a query with the equivalents (`expandTerms`). Instructors change a seminar's glossary on its glossary
 * page (lib/links/glossary-store); `STARTER_GLOSSARY` is what a new seminar starts with. Framework-free.
 *
 * The starter set was made by reading the five seed texts: every German/English term pair below occurs in
 * them (forum, Neues-Deutschland-style article, blog, Mastný, Bayerlein); the Russian column is the standard
 * historiographic term.
 */
import { memoizeWord } from "@/lib/cache/memo";
import { foldText, tokenize, type Token } from "@/lib/text/normalize";
import type { Language } from "@/lib/content/types";
import { stem } from "@/lib/text/words";

export interface GlossaryEntry {
  id?: string;
  terms: { de: string[]; en: string[]; ru: string[] };
}

export const STARTER_GLOSSARY: GlossaryEntry[] = [
  {
    id: "separate-peace",
    terms: { de: ["Separatfrieden", "separater Frieden", "Separatfriedensschluss", "Sonderfrieden"], en: ["separate peace"], ru: ["сепаратный мир"] },
  },
  { id: "unconditional-surrender", terms: { de: ["bedingungslose Kapitulation"], en: ["unconditional surrender"], ru: ["безоговорочная капитуляция"] } },
  { id: "second-front", terms: { de: ["Zweite Front"], en: ["second front"], ru: ["второй фронт"] } },
  { id: "non-aggression-pact", terms: { de: ["Nichtangriffspakt"], en: ["non-aggression pact", "nonaggression pact"], ru: ["пакт о ненападении"] } },
  {
    id: "hitler-stalin-pact",
    terms: {
      de: ["Hitler-Stalin-Pakt", "Stalin-Hitler-Pakt", "Molotow-Ribbentrop-Pakt"],
      en: ["Molotov-Ribbentrop pact", "Nazi-Soviet pact", "Hitler-Stalin pact", "pact of August 1939"],
      ru: ["пакт Молотова — Риббентропа"],
    },
  },
  {
    id: "peace-feelers",
    terms: {
      de: ["Friedensfühler", "Fühler", "Friedenssignale", "Friedenskontakte"],
      en: ["peace feelers", "feelers", "peace overtures"],
      ru: ["мирное зондирование"],
    },
  },
  { id: "armistice", terms: { de: ["Waffenstillstand"], en: ["armistice"], ru: ["перемирие"] } },
  {
    id: "peace-negotiations",
    terms: { de: ["Friedensverhandlungen", "Sonderverhandlungen"], en: ["peace negotiations", "peace talks", "armistice talks"], ru: ["мирные переговоры"] },
  },
  {
    id: "seizure-of-power",
    terms: { de: ["Machtübernahme", "Machtergreifung", "Machtantritt"], en: ["seizure of power"], ru: ["захват власти", "приход Гитлера к власти"] },
  },
  { id: "social-fascism", terms: { de: ["Sozialfaschismus", "sozialfaschistisch"], en: ["social fascism", "social fascist"], ru: ["социал-фашизм"] } },
  {
    id: "comintern",
    terms: {
      de: ["Kommunistische Internationale", "Komintern"],
      en: ["Communist International", "Comintern"],
      ru: ["Коммунистический интернационал", "Коминтерн"],
    },
  },
  {
    id: "foreign-office-germany",
    terms: {
      de: ["Auswärtiges Amt", "Auswärtigen Amt", "Auswärtige Amt"],
      en: ["German foreign office", "German Foreign Office"],
      ru: ["министерство иностранных дел Германии"],
    },
  },
  {
    id: "foreign-commissariat",
    terms: {
      de: ["Volkskommissariat für Auswärtige Angelegenheiten", "Außenkommissariat"],
      en: ["foreign commissariat", "People's Commissariat for Foreign Affairs", "Narkomindel"],
      ru: ["Народный комиссариат иностранных дел", "Наркоминдел"],
    },
  },
  {
    id: "foreign-minister",
    terms: {
      de: ["Außenminister"],
      en: ["foreign minister", "foreign commissar", "foreign secretary"],
      ru: ["министр иностранных дел", "нарком иностранных дел"],
    },
  },
  { id: "embassy-legation", terms: { de: ["Botschaft", "Gesandtschaft"], en: ["embassy", "legation"], ru: ["посольство", "полпредство"] } },
  { id: "ambassador", terms: { de: ["Botschafter", "Gesandter"], en: ["ambassador", "envoy"], ru: ["посол", "полпред"] } },
  { id: "lend-lease", terms: { de: ["Lend-Lease", "LL-Lieferungen", "Leih- und Pachtgesetz"], en: ["lend-lease"], ru: ["ленд-лиз"] } },
  { id: "atlantic-charter", terms: { de: ["Atlantik-Charta"], en: ["Atlantic Charter"], ru: ["Атлантическая хартия"] } },
  {
    id: "anti-hitler-coalition",
    terms: {
      de: ["Anti-Hitler-Koalition", "Koalition", "West-Bündnis"],
      en: ["Allied coalition", "Great Alliance", "coalition"],
      ru: ["антигитлеровская коалиция"],
    },
  },
  {
    id: "western-allies",
    terms: {
      de: ["Westalliierten", "Westmächte", "West-Alliierten", "westlichen Alliierten"],
      en: ["Western Allies", "Western powers"],
      ru: ["западные союзники"],
    },
  },
  { id: "red-army", terms: { de: ["Rote Armee", "RKKA"], en: ["Red Army"], ru: ["Красная армия", "РККА"] } },
  { id: "war-aims", terms: { de: ["Kriegsziele", "Kriegsziel"], en: ["war aims"], ru: ["цели войны"] } },
  {
    id: "intelligence",
    terms: {
      de: ["Geheimdienst", "Geheimdienstberichte", "Militärgeheimdienst"],
      en: ["intelligence", "intelligence report", "Office of Strategic Services", "OSS"],
      ru: ["разведка"],
    },
  },
  { id: "government-in-exile", terms: { de: ["Exilregierung"], en: ["government in exile"], ru: ["правительство в изгнании"] } },
  { id: "united-front", terms: { de: ["Einheitsfront"], en: ["united front"], ru: ["единый фронт"] } },
  { id: "popular-front", terms: { de: ["Volksfront"], en: ["popular front"], ru: ["народный фронт"] } },
  { id: "reichstag-fire", terms: { de: ["Reichstagsbrand"], en: ["Reichstag fire"], ru: ["поджог рейхстага"] } },
  {
    id: "collective-security",
    terms: { de: ["kollektive Sicherheit", "kollektiven Sicherheit"], en: ["collective security"], ru: ["коллективная безопасность"] },
  },
  {
    id: "great-patriotic-war",
    terms: {
      de: ["Großer Vaterländischer Krieg", "Großen Vaterländischen Krieg"],
      en: ["Great Patriotic War", "Patriotic War"],
      ru: ["Великая Отечественная война"],
    },
  },
  {
    id: "free-germany-committee",
    terms: {
      de: ["Nationalkomitee Freies Deutschland", "NKFD"],
      en: ["Free Germany Committee", "Free Germany movement"],
      ru: ["Национальный комитет «Свободная Германия»"],
    },
  },
  {
    id: "non-interference",
    terms: {
      de: ["Nichteinmischung", "Nichteinmischungspolitik", "Nichtinterventionspolitik", "Einmischung"],
      en: ["non-interference", "interference in internal affairs"],
      ru: ["невмешательство"],
    },
  },
  { id: "frontiers", terms: { de: ["Grenzen", "Grenze", "Westgrenze"], en: ["frontier", "frontiers", "borders"], ru: ["границы", "граница"] } },
  { id: "realpolitik", terms: { de: ["Realpolitik", "Realpolitiker"], en: ["realpolitik"], ru: ["реальная политика"] } },
];

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
 * "Separatfriedens·aspirationen" contains "separatfrieden". */
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
 * mentions. "Separatfrieden 1943" → ["Separatfrieden 1943", "Separatfrieden", "separater Frieden", …,
 * "separate peace", "сепаратный мир"]. Callers OR the terms; the words of the query not covered by a
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
