/**
 * The glossary as CSV, for instructors to edit in a spreadsheet and for the library's list
 * (content/seminar-data/glossary.csv): one entry per row, its equivalent terms by language,
 *
 *   de,en,ru
 *   Kolchose | Kolchos,collective farm | kolkhoz,колхоз
 *
 * Several terms in one cell are separated by "|". The file format (parsing, quoting, formula guards, the
 * header, the size caps) is ./list-csv's, shared with the name list; the terms are checked by the same rules
 * as the glossary page's form (./glossary-table), and a term may stand in one entry only. Every problem names
 * the line and a reason code (messages "SeminarLists.problem.*"); nothing is half-imported.
 */
import type { GlossaryEntry } from "./glossary";
import { cellList, joinCell, ListCsvError, parseListCsv, serializeListCsv } from "./list-csv";
import { checkGlossaryTerms, GLOSSARY_LANGS, glossaryTermKey, GlossaryProblem, MAX_GLOSSARY_ENTRIES, type GlossaryProblemCode } from "./glossary-table";

export const GLOSSARY_CSV_COLUMNS = GLOSSARY_LANGS;

type Terms = GlossaryEntry["terms"];

/** Parse a CSV file into entries' terms. Throws ListCsvError (line, reason) for the first problem found. */
export function parseGlossaryCsv(text: string): Terms[] {
  const rows = parseListCsv(text, { columns: GLOSSARY_CSV_COLUMNS, required: GLOSSARY_CSV_COLUMNS, maxRows: MAX_GLOSSARY_ENTRIES });
  const out: Terms[] = [];
  const owner = new Map<string, number>();
  for (const { line, cell } of rows) {
    let terms: Terms;
    try {
      terms = checkGlossaryTerms({ de: cellList(cell("de")), en: cellList(cell("en")), ru: cellList(cell("ru")) });
    } catch (e) {
      if (e instanceof GlossaryProblem) throw new ListCsvError<GlossaryProblemCode>(line, e.problem, e.params);
      throw e;
    }
    const keys = GLOSSARY_LANGS.flatMap((lang) => terms[lang].map((t) => `${lang}:${glossaryTermKey(t)}`));
    const earlier = keys.map((k) => owner.get(k)).find((l) => l !== undefined);
    if (earlier !== undefined) throw new ListCsvError(line, "csv-duplicate", { other: earlier });
    for (const k of keys) owner.set(k, line);
    out.push(terms);
  }
  return out;
}

/** Entries as a CSV file (header row first), every cell guarded against formula injection. */
export function serializeGlossaryCsv(entries: Array<{ terms: Terms }>): string {
  return serializeListCsv(
    GLOSSARY_CSV_COLUMNS,
    entries.map((e) => GLOSSARY_LANGS.map((lang) => joinCell(e.terms[lang]))),
  );
}
