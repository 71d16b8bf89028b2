/**
 * The seminar's name list as the entity extractor reads it. The list itself is seminar data
 * (lib/links/names: edited by instructors, imported and exported as CSV; the demo seminar's list is
 * content/seminar-data/names.csv): nothing here names a person, place or work.
 *
 * A SeminarName's multi-word spellings of a person give the given names that tell namesakes apart
 * ("Boris Winogradow" vs "Konstantin Vinogradov"); its years and roles are the context words that resolve a
 * bare surname per passage or document.
 */
import type { SeminarName } from "@/lib/links/names/types";

export type GazetteerKind = "person" | "place" | "work";

export interface GazetteerEntry {
  id: string;
  kind: GazetteerKind;
  label: string;
  /** How the name/title may be written. Persons: surname forms and full multi-word forms. */
  names: string[];
  /** Given names or initials that, written just before the surname, identify this person. */
  given?: string[];
  /** Words that, in the same passage or document, point to this entry when the name alone is ambiguous. */
  context?: string[];
}

/** The extractor's entries for a seminar's names. Organisations are matched like titles (by their words). */
export function gazetteerFromNames(names: SeminarName[]): GazetteerEntry[] {
  return names.map((n) => {
    const given = n.kind === "person" ? [...new Set(n.variants.filter((v) => /\s/.test(v.trim())).map((v) => v.trim().replace(/\s+\S+$/, "")))] : [];
    return {
      id: n.id,
      kind: n.kind === "organisation" ? "work" : n.kind,
      label: n.variants[0] ?? n.id,
      names: n.variants,
      given,
      context: [...(n.roles ?? []), ...(n.years ?? []).map(String)],
    };
  });
}
