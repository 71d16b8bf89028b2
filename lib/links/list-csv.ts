/**
 * What a seminar list's CSV file (the name list, the glossary) has in common: one entry per row, the columns
 * named in a header row (any order, known names only), several values in one cell separated by "|". Parsing
 * and quoting are csv-parse's and csv-stringify's (RFC 4180: commas, quotes and line breaks inside cells).
 * Every problem names the 1-based line of the file and a reason code (translated in the interface); the
 * list's own module checks the cells and nothing is half-imported.
 *
 * Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return) as a formula, so an exported
 * cell that starts so gets a leading apostrophe (the OWASP advice for CSV injection); importing removes
 * exactly that apostrophe again, so a file round-trips.
 */
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";

/** The largest CSV file taken: a list of 5,000 names is about half of it; below the 1 MB a server action accepts. */
export const MAX_CSV_BYTES = 900 * 1024;

export type ListCsvProblem = "csv-empty" | "csv-header" | "csv-malformed" | "csv-encoding" | "csv-too-large" | "csv-too-many-rows" | "csv-duplicate";

/** A refused CSV file: the 1-based line of the file, a reason code and its parameters. */
export class ListCsvError<Code extends string = string> extends Error {
  constructor(
    readonly line: number,
    readonly problem: Code | ListCsvProblem,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`line ${line}: ${problem}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ""}`);
    this.name = "ListCsvError";
  }
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell a spreadsheet would not run as a formula. */
export function guardCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A cell as written before `guardCell`. */
export function unguardCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** The values of a cell: separated by "|", trimmed, guards removed, empty ones dropped. */
export function cellList(cell: string | undefined): string[] {
  return (cell ?? "")
    .split("|")
    .map((s) => unguardCell(s.trim()).trim())
    .filter(Boolean);
}

/** Values joined into one cell, each guarded. */
export function joinCell(values: ReadonlyArray<string | number>): string {
  return values.map((x) => guardCell(String(x))).join(" | ");
}

/**
 * An uploaded file's bytes as text. Only UTF-8 is taken (a byte order mark is allowed): a file saved in
 * another encoding would otherwise turn its accents and Cyrillic into replacement characters without a word.
 */
export function decodeCsvBytes(bytes: ArrayBuffer | Uint8Array): string {
  if (bytes.byteLength > MAX_CSV_BYTES) throw new ListCsvError(1, "csv-too-large", { max: MAX_CSV_BYTES });
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ListCsvError(1, "csv-encoding");
  }
}

export interface CsvRow<Col extends string> {
  /** the 1-based line of the file where the row ends */
  line: number;
  /** a cell by column name ("" when the file has no such column) */
  cell(name: Col): string;
}

/**
 * The data rows of a CSV file whose header names some of `columns` (all of `required`, no unknown ones).
 * Throws ListCsvError for the file as a whole (size, encoding, CSV syntax, header, row count).
 */
export function parseListCsv<Col extends string>(
  text: string,
  spec: { columns: readonly Col[]; required: readonly Col[]; maxRows: number },
): Array<CsvRow<Col>> {
  if (Buffer.byteLength(text, "utf8") > MAX_CSV_BYTES) throw new ListCsvError(1, "csv-too-large", { max: MAX_CSV_BYTES });
  // A lone surrogate is no Unicode text (the databases refuse it); it can only come from a string, not a file.
  if (/\p{Cs}/u.test(text)) throw new ListCsvError(1, "csv-encoding");
  let rows: Array<{ record: string[]; info: { lines: number } }>;
  try {
    rows = parse(text, { bom: true, info: true, skip_empty_lines: true, trim: true, relax_column_count: false }) as unknown as typeof rows;
  } catch (e) {
    const err = e as { lines?: number; code?: string };
    throw new ListCsvError(err.lines ?? 1, "csv-malformed", { detail: err.code ?? "unknown" });
  }
  if (rows.length === 0) throw new ListCsvError(1, "csv-empty");
  const header = rows[0].record.map((h) => h.trim().toLowerCase());
  const missing = spec.required.filter((c) => !header.includes(c));
  const unknown = header.filter((h) => !(spec.columns as readonly string[]).includes(h));
  if (missing.length || unknown.length) {
    throw new ListCsvError(rows[0].info.lines, "csv-header", { expected: spec.columns.join(","), found: header.join(",").slice(0, 200) });
  }
  if (rows.length - 1 > spec.maxRows) throw new ListCsvError(rows[spec.maxRows + 1].info.lines, "csv-too-many-rows", { max: spec.maxRows });
  const index = new Map(spec.columns.map((c) => [c, header.indexOf(c)]));
  return rows.slice(1).map(({ record, info }) => ({
    line: info.lines,
    cell: (name: Col) => {
      const i = index.get(name) ?? -1;
      return i >= 0 ? record[i] : "";
    },
  }));
}

/** A CSV file: the header row, then the rows (cells already guarded by the caller, see `joinCell`). */
export function serializeListCsv(columns: readonly string[], rows: string[][]): string {
  return stringify([[...columns], ...rows]);
}
