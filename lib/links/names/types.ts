/**
 * The seminar's name list: people, places, organisations and works with their spellings in German, English
 * and Russian, and the years or roles that tell namesakes apart (a diplomat of one name in Berlin in 1933 is
 * not his namesake in Havana in 1962). It is seminar data, like the glossary: instructors edit it, import
 * and export it as CSV; link suggestions take it as one kind of evidence among others. Framework-free.
 */
import type { Language } from "@/lib/content/types";
import type { SeminarName, SeminarNameKind } from "@/lib/links/suggest/names";

/** What the suggestion engine receives (lib/links/suggest/names): one entry, its spellings as one flat list. */
export type { SeminarName };

export const NAME_KINDS = ["person", "place", "organisation", "work"] as const satisfies readonly SeminarNameKind[];
export type NameKind = SeminarNameKind;

/** Spellings by language, as instructors edit them. */
export type NameVariants = Record<Language, string[]>;

/** One entry as the store and the CSV file hold it. */
export interface NameRecord {
  kind: NameKind;
  variants: NameVariants;
  years: number[];
  roles: string[];
}

export const NAME_LANGUAGES: Language[] = ["de", "en", "ru"];

/** Every spelling once, in language order (de, en, ru). */
export function flatVariants(v: NameVariants): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const lang of NAME_LANGUAGES) {
    for (const s of v[lang]) {
      if (!seen.has(s)) {
        seen.add(s);
        out.push(s);
      }
    }
  }
  return out;
}

/** The engine's view of a stored record. */
export function toSeminarName(id: string, r: NameRecord): SeminarName {
  return {
    id,
    kind: r.kind,
    variants: flatVariants(r.variants),
    ...(r.years.length ? { years: [...r.years] } : {}),
    ...(r.roles.length ? { roles: [...r.roles] } : {}),
  };
}
