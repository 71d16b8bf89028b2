/**
 * The seminar's name list as the suggestion engine takes it: people, places, organisations and works with
 * their spellings in de/en/ru, and optional years or roles that tell namesakes apart. It is seminar data
 * (edited by instructors, imported as CSV), passed in like the glossary; nothing here knows any name.
 * A name that is not on the list still meets its other spellings through the transliteration key
 * (lib/text/name-key.ts): the list only adds evidence (an id shared by variants that sound different, such as
 * a misspelling or a translated title, and the years/roles that separate two people of one surname).
 */
export type SeminarNameKind = "person" | "place" | "organisation" | "work";

export interface SeminarName {
  id: string;
  kind: SeminarNameKind;
  /** How the name or title may be written (de/en/ru, any script). Persons: surname forms and full forms. */
  variants: string[];
  /** Years the entry is known for (a namesake in another year is told apart by them). */
  years?: number[];
  /** Roles, offices, places of activity ("counselor", "Botschaft Havanna"): words that point to this entry. */
  roles?: string[];
}
