/**
 * The library's lists: a glossary and a name list kept as data beside the library's texts
 * (content/seminar-data/glossary.csv and names.csv, in the seminar lists' CSV format). A seminar starts with
 * empty lists; its instructors may start from the library's (the glossary and names pages), the demo seminar is
 * seeded with them (scripts/seed.ts), and search expands the queries of visitors who belong to no seminar with
 * the library's glossary. A deployment that reads other texts ships other files, or none: a missing file is an
 * empty list. Read once per process, off the request path's hot loop. Framework-free.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { GlossaryEntry } from "./glossary";
import { parseGlossaryCsv } from "./glossary-csv";
import { parseNamesCsv } from "./names/csv";
import type { NameRecord } from "./names/types";

export const LIBRARY_DATA_DIR = path.join("content", "seminar-data");
export const LIBRARY_GLOSSARY_FILE = path.join(LIBRARY_DATA_DIR, "glossary.csv");
export const LIBRARY_NAMES_FILE = path.join(LIBRARY_DATA_DIR, "names.csv");

/** A glossary kept as a CSV file, its entries numbered in file order (ids g0, g1, …). */
export function readGlossaryCsvFile(file: string): GlossaryEntry[] {
  return parseGlossaryCsv(readFileSync(file, "utf8")).map((terms, i) => ({ id: `g${i}`, terms }));
}

/** A name list kept as a CSV file. */
export function readNamesCsvFile(file: string): NameRecord[] {
  return parseNamesCsv(readFileSync(file, "utf8"));
}

const isMissing = (e: unknown) => (e as { code?: string } | null)?.code === "ENOENT";

function once<T>(read: () => T[], what: string): () => T[] {
  let value: T[] | undefined;
  return () => {
    if (value) return value;
    try {
      value = read();
    } catch (e) {
      // A broken shipped file must not break search or the seminar pages: it is reported, and counts as empty.
      if (!isMissing(e)) console.error(`[library-lists] ${what} could not be read`, e);
      value = [];
    }
    return value;
  };
}

/** The library's glossary (empty without the file). The same array on every call, so compiled glossaries are cached. */
export const libraryGlossary: () => GlossaryEntry[] = once(() => readGlossaryCsvFile(LIBRARY_GLOSSARY_FILE), LIBRARY_GLOSSARY_FILE);

/** The library's name list (empty without the file). */
export const libraryNames: () => NameRecord[] = once(() => readNamesCsvFile(LIBRARY_NAMES_FILE), LIBRARY_NAMES_FILE);
