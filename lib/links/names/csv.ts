/**
 * The name list as CSV, for instructors to edit in a spreadsheet: one entry per row,
 *
 *   kind,de,en,ru,years,roles
 *   person,Semjonow | Wladimir Semjonow,Semyonov | Vladimir S. Semyonov,Семёнов,1943,counselor | Stockholm
 *
 * Several spellings, years or roles in one cell are separated by "|". Parsing and quoting are csv-parse's
 * and csv-stringify's (RFC 4180: commas, quotes and line breaks inside cells). Every problem names the line
 * and a reason code (translated in the interface: messages "Names.csv.*"); nothing is half-imported.
 *
 * Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return) as a formula, so an exported
 * cell that starts so gets a leading apostrophe (the OWASP advice for CSV injection); importing removes
 * exactly that apostrophe again, so a file round-trips.
 */
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { NAME_KINDS, NAME_LANGUAGES, type NameKind, type NameRecord } from "./types";
import { checkRecord, conflictKeys, NameProblem, type NameProblemCode } from "./validate";

export const CSV_COLUMNS = ["kind", "de", "en", "ru", "years", "roles"] as const;
/** The largest CSV file taken: a list of 5,000 names is about half of it; below the 1 MB a server action accepts. */
export const MAX_CSV_BYTES = 900 * 1024;
export const MAX_CSV_ROWS = 5000;

export type CsvProblemCode = NameProblemCode | "csv-empty" | "csv-header" | "csv-malformed" | "csv-too-large" | "csv-too-many-rows" | "csv-duplicate";

/** A refused CSV file: the 1-based line of the file, a reason code and its parameters. */
export class NamesCsvError extends Error {
  constructor(
    readonly line: number,
    readonly problem: CsvProblemCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`line ${line}: ${problem}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ""}`);
    this.name = "NamesCsvError";
  }
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell a spreadsheet would not run as a formula. */
export function guardCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function unguardCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

const list = (cell: string | undefined) =>
  (cell ?? "")
    .split("|")
    .map((s) => unguardCell(s.trim()).trim())
    .filter(Boolean);

/** Parse a CSV file into records. Throws NamesCsvError (line, reason) for the first problem found. */
export function parseNamesCsv(text: string): NameRecord[] {
  if (Buffer.byteLength(text, "utf8") > MAX_CSV_BYTES) throw new NamesCsvError(1, "csv-too-large", { max: MAX_CSV_BYTES });
  let rows: Array<{ record: string[]; info: { lines: number } }>;
  try {
    rows = parse(text, { bom: true, info: true, skip_empty_lines: true, trim: true, relax_column_count: false }) as unknown as typeof rows;
  } catch (e) {
    const err = e as { lines?: number; code?: string };
    throw new NamesCsvError(err.lines ?? 1, "csv-malformed", { detail: err.code ?? "unknown" });
  }
  if (rows.length === 0) throw new NamesCsvError(1, "csv-empty");
  const header = rows[0].record.map((h) => h.trim().toLowerCase());
  const missing = CSV_COLUMNS.filter((c) => c !== "years" && c !== "roles" && !header.includes(c));
  const unknown = header.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
  if (missing.length || unknown.length) {
    throw new NamesCsvError(rows[0].info.lines, "csv-header", { expected: CSV_COLUMNS.join(","), found: header.join(",") });
  }
  if (rows.length - 1 > MAX_CSV_ROWS) throw new NamesCsvError(rows[MAX_CSV_ROWS + 1].info.lines, "csv-too-many-rows", { max: MAX_CSV_ROWS });
  const col = (name: (typeof CSV_COLUMNS)[number]) => header.indexOf(name);
  const out: NameRecord[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of rows.slice(1)) {
    const line = info.lines;
    const cell = (name: (typeof CSV_COLUMNS)[number]) => (col(name) >= 0 ? record[col(name)] : "");
    const kind = unguardCell(cell("kind").trim()).toLowerCase();
    if (!(NAME_KINDS as readonly string[]).includes(kind))
      throw new NamesCsvError(line, "unknown-kind", { value: kind.slice(0, 40), kinds: NAME_KINDS.join(", ") });
    const years: number[] = [];
    for (const y of list(cell("years"))) {
      if (!/^-?\d{1,4}$/.test(y)) throw new NamesCsvError(line, "bad-year", { value: y.slice(0, 40) });
      years.push(Number(y));
    }
    const variants = Object.fromEntries(NAME_LANGUAGES.map((l) => [l, list(cell(l))])) as NameRecord["variants"];
    let rec: NameRecord;
    try {
      rec = checkRecord({ kind: kind as NameKind, variants, years, roles: list(cell("roles")) });
    } catch (e) {
      if (e instanceof NameProblem) throw new NamesCsvError(line, e.problem, e.params);
      throw e;
    }
    const keys = conflictKeys(rec);
    const earlier = keys.map((k) => seen.get(k)).find((l) => l !== undefined);
    if (earlier !== undefined) throw new NamesCsvError(line, "csv-duplicate", { other: earlier });
    for (const k of keys) seen.set(k, line);
    out.push(rec);
  }
  return out;
}

/** The records as a CSV file (header row first), every cell guarded against formula injection. */
export function serializeNamesCsv(records: NameRecord[]): string {
  const join = (xs: Array<string | number>) => xs.map((x) => guardCell(String(x))).join(" | ");
  return stringify([
    [...CSV_COLUMNS],
    ...records.map((r) => [guardCell(r.kind), join(r.variants.de), join(r.variants.en), join(r.variants.ru), join(r.years), join(r.roles)]),
  ]);
}
