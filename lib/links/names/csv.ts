/**
 * The name list as CSV, for instructors to edit in a spreadsheet: one entry per row,
 *
 *   kind,de,en,ru,years,roles
 *   person,Chruschtschow | Nikita Chruschtschow,Khrushchev | Nikita Khrushchev,Хрущёв,1962,First Secretary | Moscow
 *
 * Several spellings, years or roles in one cell are separated by "|". The file format (parsing, quoting,
 * formula guards, the header, the size caps) is ../list-csv's, shared with the glossary; this module checks
 * the cells. Every problem names the line and a reason code (translated in the interface: messages
 * "Names.problem.*"); nothing is half-imported.
 */
import { cellList, joinCell, guardCell, ListCsvError, parseListCsv, serializeListCsv, unguardCell } from "../list-csv";
import { NAME_KINDS, NAME_LANGUAGES, type NameKind, type NameRecord } from "./types";
import { checkRecord, conflictKeys, NameProblem, type NameProblemCode } from "./validate";

export { MAX_CSV_BYTES } from "../list-csv";
export const CSV_COLUMNS = ["kind", "de", "en", "ru", "years", "roles"] as const;
export const MAX_CSV_ROWS = 5000;

/** Parse a CSV file into records. Throws ListCsvError (line, reason) for the first problem found. */
export function parseNamesCsv(text: string): NameRecord[] {
  const rows = parseListCsv(text, { columns: CSV_COLUMNS, required: ["kind", "de", "en", "ru"], maxRows: MAX_CSV_ROWS });
  const out: NameRecord[] = [];
  const seen = new Map<string, number>();
  for (const { line, cell } of rows) {
    const kind = unguardCell(cell("kind").trim()).toLowerCase();
    if (!(NAME_KINDS as readonly string[]).includes(kind))
      throw new ListCsvError<NameProblemCode>(line, "unknown-kind", { value: kind.slice(0, 40), kinds: NAME_KINDS.join(", ") });
    const years: number[] = [];
    for (const y of cellList(cell("years"))) {
      if (!/^-?\d{1,4}$/.test(y)) throw new ListCsvError<NameProblemCode>(line, "bad-year", { value: y.slice(0, 40) });
      years.push(Number(y));
    }
    const variants = Object.fromEntries(NAME_LANGUAGES.map((l) => [l, cellList(cell(l))])) as NameRecord["variants"];
    let rec: NameRecord;
    try {
      rec = checkRecord({ kind: kind as NameKind, variants, years, roles: cellList(cell("roles")) });
    } catch (e) {
      if (e instanceof NameProblem) throw new ListCsvError<NameProblemCode>(line, e.problem, e.params);
      throw e;
    }
    const keys = conflictKeys(rec);
    const earlier = keys.map((k) => seen.get(k)).find((l) => l !== undefined);
    if (earlier !== undefined) throw new ListCsvError(line, "csv-duplicate", { other: earlier });
    for (const k of keys) seen.set(k, line);
    out.push(rec);
  }
  return out;
}

/** The records as a CSV file (header row first), every cell guarded against formula injection. */
export function serializeNamesCsv(records: NameRecord[]): string {
  return serializeListCsv(
    CSV_COLUMNS,
    records.map((r) => [guardCell(r.kind), joinCell(r.variants.de), joinCell(r.variants.en), joinCell(r.variants.ru), joinCell(r.years), joinCell(r.roles)]),
  );
}
