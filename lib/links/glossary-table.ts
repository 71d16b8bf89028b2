/**
 * The glossary as a table people work with: search across all three languages, sort by a language's first
 * term, pages of a bounded size, what an entry may hold, and the duplicate rule (a term may stand in one entry
 * only). Pure functions over entries; the store (glossary-store.ts), the CSV file (glossary-csv.ts) and the
 * page call them.
 */
import { foldText } from "@/lib/text/normalize";
import type { GlossaryEntry } from "./glossary";

export const GLOSSARY_LANGS = ["de", "en", "ru"] as const;
export type GlossaryLang = (typeof GLOSSARY_LANGS)[number];
export const GLOSSARY_PAGE_SIZE = 50;

type Terms = GlossaryEntry["terms"];
export interface TableEntry {
  id: string;
  terms: Terms;
}

/** How a term is compared: case, diacritics, script (Хрущёв/Chruschtschow stay apart by spelling) and spacing folded. */
export function glossaryTermKey(term: string): string {
  return foldText(term).replace(/\s+/g, " ").trim();
}

/** The entry's name for people: its first term, German first. */
export function glossaryHead(terms: Terms): string {
  return terms.de[0] ?? terms.en[0] ?? terms.ru[0] ?? "";
}

export const MAX_TERMS_PER_LANGUAGE = 20;
export const MAX_TERM_LENGTH = 120;
export const MAX_GLOSSARY_ENTRIES = 500;

export type GlossaryProblemCode = "no-term" | "term-too-long" | "too-many-terms" | "bad-character";

/** Why an entry's terms were refused (messages "SeminarLists.problem.*"). */
export class GlossaryProblem extends Error {
  constructor(
    readonly problem: GlossaryProblemCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(problem);
    this.name = "GlossaryProblem";
  }
}

/**
 * An entry's terms cleaned (Unicode NFC, spacing, a term once per language) or a GlossaryProblem. "|" separates
 * terms in a CSV cell and control or format characters (a stray tab, a zero-width or bidi mark) make a term
 * that no text contains, so they are refused rather than stored.
 */
export function checkGlossaryTerms(input: Terms): Terms {
  const out = {} as Terms;
  let total = 0;
  for (const lang of GLOSSARY_LANGS) {
    const seen = new Set<string>();
    const list = (input[lang] ?? []).map((s) => s.normalize("NFC").replace(/\s+/g, " ").trim()).filter((s) => s.length > 0);
    out[lang] = list.filter((s) => !seen.has(s.toLowerCase()) && (seen.add(s.toLowerCase()), true));
    if (out[lang].length > MAX_TERMS_PER_LANGUAGE) throw new GlossaryProblem("too-many-terms", { max: MAX_TERMS_PER_LANGUAGE, lang });
    for (const term of out[lang]) {
      if (term.length > MAX_TERM_LENGTH) throw new GlossaryProblem("term-too-long", { max: MAX_TERM_LENGTH, value: `${term.slice(0, 40)}…` });
      if (/[|\p{Cc}\p{Cf}\p{Cs}\uFFFD]/u.test(term))
        throw new GlossaryProblem("bad-character", { value: term.replace(/[\p{Cc}\p{Cf}\p{Cs}]/gu, "?").slice(0, 40) });
    }
    total += out[lang].length;
  }
  if (total === 0) throw new GlossaryProblem("no-term");
  return out;
}

export interface GlossaryDuplicate {
  term: string;
  lang: GlossaryLang;
  otherId: string;
  other: string;
}

/**
 * The first term of `terms` that another entry already has in the same language, or null. Suggestions and
 * search treat every term as pointing at one entry, so the same term in two entries would make both fire.
 */
export function findGlossaryDuplicate(entries: readonly TableEntry[], terms: Terms, exceptId: string | null): GlossaryDuplicate | null {
  const owner = new Map<string, TableEntry>();
  for (const e of entries) {
    if (e.id === exceptId) continue;
    for (const lang of GLOSSARY_LANGS) for (const t of e.terms[lang]) owner.set(`${lang}:${glossaryTermKey(t)}`, e);
  }
  for (const lang of GLOSSARY_LANGS) {
    for (const term of terms[lang]) {
      const other = owner.get(`${lang}:${glossaryTermKey(term)}`);
      if (other) return { term, lang, otherId: other.id, other: glossaryHead(other.terms) };
    }
  }
  return null;
}

export interface GlossaryView {
  entries: TableEntry[];
  total: number;
  matching: number;
  page: number;
  pages: number;
  sort: GlossaryLang;
  dir: "asc" | "desc";
}

export interface GlossaryViewOptions {
  q?: string;
  sort?: string;
  dir?: string;
  page?: number;
  pageSize?: number;
}

const COLLATOR: Record<GlossaryLang, Intl.Collator> = {
  de: new Intl.Collator("de", { sensitivity: "base", numeric: true }),
  en: new Intl.Collator("en", { sensitivity: "base", numeric: true }),
  ru: new Intl.Collator("ru", { sensitivity: "base", numeric: true }),
};

/**
 * One page of the glossary: entries with a term containing the query (folded, so "fuhrer" finds "Führer" and
 * "kolkhoz" finds "колхоз"), sorted by their first term in `sort`'s language (entries without one last).
 */
export function viewGlossary(all: readonly TableEntry[], options: GlossaryViewOptions = {}): GlossaryView {
  const sort: GlossaryLang = (GLOSSARY_LANGS as readonly string[]).includes(options.sort ?? "") ? (options.sort as GlossaryLang) : "de";
  const dir = options.dir === "desc" ? "desc" : "asc";
  const needle = glossaryTermKey(options.q ?? "");
  const matching = needle ? all.filter((e) => GLOSSARY_LANGS.some((lang) => e.terms[lang].some((t) => glossaryTermKey(t).includes(needle)))) : [...all];
  const sign = dir === "asc" ? 1 : -1;
  matching.sort((a, b) => {
    const x = a.terms[sort][0];
    const y = b.terms[sort][0];
    if (!x || !y) return x ? -1 : y ? 1 : 0;
    return sign * COLLATOR[sort].compare(x, y) || a.id.localeCompare(b.id);
  });
  const pageSize = Math.max(1, options.pageSize ?? GLOSSARY_PAGE_SIZE);
  const pages = Math.max(1, Math.ceil(matching.length / pageSize));
  const page = Math.min(Math.max(1, Math.floor(options.page ?? 1) || 1), pages);
  return { entries: matching.slice((page - 1) * pageSize, page * pageSize), total: all.length, matching: matching.length, page, pages, sort, dir };
}
