/**
 * The glossary as a table people work with: search across all three languages, sort by a language's first
 * term, pages of a bounded size, and the duplicate rule (a term may stand in one entry only). Pure functions
 * over entries; the store (glossary-store.ts) and the page call them.
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
 * "molotov" finds "Молотов"), sorted by their first term in `sort`'s language (entries without one last).
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
