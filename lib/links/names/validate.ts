/**
 * What a name entry may hold, and when two entries are the same entry. Shared by the form, the CSV import and
 * the store, so the same rules and the same reason codes (messages "Names.problem.*") apply everywhere.
 */
import { foldText } from "@/lib/text/normalize";
import { NAME_KINDS, NAME_LANGUAGES, type NameRecord } from "./types";

export const MAX_VARIANTS_PER_LANGUAGE = 20;
export const MAX_VARIANT_LENGTH = 120;
export const MAX_ROLES = 10;
export const MAX_ROLE_LENGTH = 80;
export const MAX_YEARS = 10;

export type NameProblemCode =
  | "unknown-kind"
  | "no-variant"
  | "variant-too-long"
  | "too-many-variants"
  | "bad-character"
  | "bad-year"
  | "role-too-long"
  | "too-many-roles"
  | "too-many-years";

export class NameProblem extends Error {
  constructor(
    readonly problem: NameProblemCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(problem);
    this.name = "NameProblem";
  }
}

const tidy = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim();

function uniq(list: string[]): string[] {
  const seen = new Set<string>();
  return list.map(tidy).filter((s) => s.length > 0 && !seen.has(s.toLowerCase()) && (seen.add(s.toLowerCase()), true));
}

/** The record cleaned (spaces, duplicates within the entry, sorted years) or a NameProblem. */
export function checkRecord(input: NameRecord): NameRecord {
  if (!(NAME_KINDS as readonly string[]).includes(input.kind))
    throw new NameProblem("unknown-kind", { value: String(input.kind).slice(0, 40), kinds: NAME_KINDS.join(", ") });
  const variants = Object.fromEntries(NAME_LANGUAGES.map((l) => [l, uniq(input.variants[l] ?? [])])) as NameRecord["variants"];
  let total = 0;
  for (const l of NAME_LANGUAGES) {
    if (variants[l].length > MAX_VARIANTS_PER_LANGUAGE) throw new NameProblem("too-many-variants", { max: MAX_VARIANTS_PER_LANGUAGE, lang: l });
    for (const v of variants[l]) {
      if (v.length > MAX_VARIANT_LENGTH) throw new NameProblem("variant-too-long", { max: MAX_VARIANT_LENGTH, value: `${v.slice(0, 40)}…` });
      // "|" separates spellings in a CSV cell; control characters have no place in a name.
      if (/[|\p{Cc}]/u.test(v)) throw new NameProblem("bad-character", { value: v.slice(0, 40) });
    }
    total += variants[l].length;
  }
  if (total === 0) throw new NameProblem("no-variant");
  const years = [...new Set(input.years)].sort((a, b) => a - b);
  if (years.length > MAX_YEARS) throw new NameProblem("too-many-years", { max: MAX_YEARS });
  for (const y of years) if (!Number.isInteger(y) || y < -3000 || y > 2100) throw new NameProblem("bad-year", { value: String(y) });
  const roles = uniq(input.roles);
  if (roles.length > MAX_ROLES) throw new NameProblem("too-many-roles", { max: MAX_ROLES });
  for (const r of roles) {
    if (r.length > MAX_ROLE_LENGTH) throw new NameProblem("role-too-long", { max: MAX_ROLE_LENGTH, value: `${r.slice(0, 40)}…` });
    if (/[|\p{Cc}]/u.test(r)) throw new NameProblem("bad-character", { value: r.slice(0, 40) });
  }
  return { kind: input.kind, variants, years, roles };
}

/** The first spelling (de, then en, then ru): what a person scanning the table reads first. */
export function headVariant(r: NameRecord): string {
  return r.variants.de[0] ?? r.variants.en[0] ?? r.variants.ru[0] ?? "";
}

const foldedVariants = (r: NameRecord) => new Set(NAME_LANGUAGES.flatMap((l) => r.variants[l]).map((v) => foldText(v)));
const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const foldedRoles = (r: NameRecord) => r.roles.map((x) => foldText(x)).sort();

/**
 * Two entries are the same entry when they are of the same kind, share a spelling, and neither years nor roles
 * tell them apart. Namesakes (two men of one name) are separate entries only with different years or roles.
 */
export function sameEntry(a: NameRecord, b: NameRecord): boolean {
  if (a.kind !== b.kind || !sameList(a.years.map(String), b.years.map(String)) || !sameList(foldedRoles(a), foldedRoles(b))) return false;
  const fa = foldedVariants(a);
  for (const v of foldedVariants(b)) if (fa.has(v)) return true;
  return false;
}

/** Stored with the row (unique per seminar): a second writer racing the same entry in fails at the database. */
export function dedupeKey(r: NameRecord): string {
  return [r.kind, foldText(headVariant(r)), r.years.join(","), foldedRoles(r).join(",")].join("|").slice(0, 500);
}

/** One key per spelling: two entries are the same entry (sameEntry) exactly when they share a key. */
export function conflictKeys(r: NameRecord): string[] {
  const base = [r.kind, r.years.join(","), foldedRoles(r).join(",")].join("|");
  return [...foldedVariants(r)].map((v) => `${base}|${v}`);
}
