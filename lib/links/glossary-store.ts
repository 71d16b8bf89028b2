/**
 * A seminar's glossary in the database (GlossaryEntry rows, terms as JSON `{ de: [], en: [], ru: [] }`).
 * A new seminar starts with an empty glossary; its instructors add, change and delete entries, import and
 * export CSV (./glossary-csv), or start from the library's glossary (./library-lists). Suggestions (and
 * search, via `getSeminarGlossary`) use what the seminar has.
 * Every function that changes something checks the role itself. Framework-free.
 */
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError, invalidRequest } from "@/lib/errors";
import { requireInstructor, requireMember } from "@/lib/seminars";
import type { GlossaryEntry } from "./glossary";
import { parseGlossaryCsv, serializeGlossaryCsv } from "./glossary-csv";
import {
  checkGlossaryTerms,
  findGlossaryDuplicate,
  GLOSSARY_LANGS,
  glossaryHead,
  glossaryTermKey,
  GlossaryProblem,
  MAX_GLOSSARY_ENTRIES,
  MAX_TERMS_PER_LANGUAGE,
} from "./glossary-table";
import { libraryGlossary } from "./library-lists";
import { ListCsvError } from "./list-csv";
import { deleteListEntry } from "./seminar-list";

// The form's shape, bounded; what a term may be is ./glossary-table's checkGlossaryTerms (shared with CSV import).
const termList = z
  .array(z.string().max(1000))
  .max(MAX_TERMS_PER_LANGUAGE * 5)
  .default([]);

/** One entry as an instructor submits it. */
export const glossaryEntryInput = z.object({ de: termList, en: termList, ru: termList });

export type GlossaryTerms = GlossaryEntry["terms"];

/** Terms from a row; a row that is not valid JSON counts as empty rather than breaking suggestions. */
export function parseTerms(json: string): GlossaryTerms {
  try {
    const v = JSON.parse(json) as Record<string, unknown>;
    const list = (x: unknown) => (Array.isArray(x) ? x.filter((s): s is string => typeof s === "string") : []);
    return { de: list(v.de), en: list(v.en), ru: list(v.ru) };
  } catch {
    return { de: [], en: [], ru: [] };
  }
}

/**
 * The seminar's glossary as lib/links/glossary reads it (entry ids are the row ids), in a stable order.
 * No authorization: callers have checked membership (the suggestions route, search).
 */
export async function getSeminarGlossary(seminarId: string): Promise<GlossaryEntry[]> {
  const rows = await db().glossaryEntry.findMany({ where: { seminarId }, orderBy: { id: "asc" } });
  return rows.map((r) => ({ id: r.id, terms: parseTerms(r.terms) })).filter((e) => e.terms.de.length + e.terms.en.length + e.terms.ru.length > 0);
}

/** Give a seminar these entries if it has none yet (idempotent; the demo seminar's seed). */
export async function seedSeminarGlossary(seminarId: string, entries: Array<{ terms: GlossaryTerms }>): Promise<number> {
  if ((await db().glossaryEntry.count({ where: { seminarId } })) > 0) return 0;
  await db().glossaryEntry.createMany({ data: entries.map((e) => ({ seminarId, terms: JSON.stringify(e.terms) })) });
  return entries.length;
}

/** For the glossary page: every member may read it. Sorted by the first term for people to scan. */
export async function listGlossary(userId: string, seminarId: string): Promise<Array<{ id: string; terms: GlossaryTerms }>> {
  await requireMember(userId, seminarId);
  const entries = await getSeminarGlossary(seminarId);
  const first = (t: GlossaryTerms) => (t.de[0] ?? t.en[0] ?? t.ru[0] ?? "").toLowerCase();
  return entries.map((e) => ({ id: e.id!, terms: e.terms })).sort((a, b) => first(a.terms).localeCompare(first(b.terms), "de"));
}

/** Add an entry (no `entryId`) or replace one's terms. Instructors only; a term another entry has is refused. */
export async function saveGlossaryEntry(
  userId: string,
  seminarId: string,
  entryId: string | null,
  input: unknown,
): Promise<{ id: string; terms: GlossaryTerms }> {
  await requireInstructor(userId, seminarId);
  const parsed = glossaryEntryInput.safeParse(input);
  if (!parsed.success) throw invalidRequest(parsed.error.issues);
  let checked: GlossaryTerms;
  try {
    checked = checkGlossaryTerms(parsed.data);
  } catch (e) {
    if (e instanceof GlossaryProblem) throw new AppError("invalid-request", { problem: e.problem, ...e.params });
    throw e;
  }
  const terms = JSON.stringify(checked);
  // A term stands in one entry only (409 with the entry that has it, so the page can point there).
  const existing = (await getSeminarGlossary(seminarId)).map((e) => ({ id: e.id!, terms: e.terms }));
  const duplicate = findGlossaryDuplicate(existing, checked, entryId);
  if (duplicate) throw new AppError("name-duplicate", { ...duplicate });
  if (entryId) {
    const updated = await db().glossaryEntry.updateMany({ where: { id: entryId, seminarId }, data: { terms } });
    if (updated.count === 0) throw new AppError("not-found");
    return { id: entryId, terms: checked };
  }
  if ((await db().glossaryEntry.count({ where: { seminarId } })) >= MAX_GLOSSARY_ENTRIES) throw new AppError("invalid-request", { max: MAX_GLOSSARY_ENTRIES });
  const row = await db().glossaryEntry.create({ data: { seminarId, terms } });
  return { id: row.id, terms: checked };
}

export async function deleteGlossaryEntry(userId: string, seminarId: string, entryId: string): Promise<void> {
  await deleteListEntry(userId, seminarId, entryId, (where) => db().glossaryEntry.deleteMany({ where }));
}

/** The whole glossary as a CSV file (instructors; the glossary is seminar work they may take elsewhere). */
export async function exportGlossaryCsv(userId: string, seminarId: string): Promise<string> {
  await requireInstructor(userId, seminarId);
  // In the order people read the table (by the first term), so two exports of one glossary are the same file.
  const key = (t: GlossaryTerms) => glossaryHead(t).toLowerCase();
  const entries = (await getSeminarGlossary(seminarId)).sort(
    (a, b) => key(a.terms).localeCompare(key(b.terms), "de") || JSON.stringify(a.terms).localeCompare(JSON.stringify(b.terms)),
  );
  return serializeGlossaryCsv(entries);
}

export interface GlossaryImport {
  added: number;
  skipped: number;
  removed: number;
}

/**
 * Put entries into the seminar's glossary, in one transaction. "add": an entry that shares a term with one
 * already in the glossary is skipped (counted; a term stands in one entry only), the rest are added;
 * "replace": the glossary becomes exactly the entries.
 */
async function putEntries(seminarId: string, entries: GlossaryTerms[], mode: "add" | "replace", onlyIfEmpty = false): Promise<GlossaryImport> {
  return db().$transaction(
    async (tx) => {
      const rows = await tx.glossaryEntry.findMany({ where: { seminarId }, select: { terms: true } });
      if (onlyIfEmpty && rows.length > 0) throw new AppError("conflict", { reason: "list-not-empty" });
      const existing = mode === "replace" ? [] : rows.map((r) => parseTerms(r.terms));
      const keys = (t: GlossaryTerms) => GLOSSARY_LANGS.flatMap((lang) => t[lang].map((term) => `${lang}:${glossaryTermKey(term)}`));
      const taken = new Set(existing.flatMap(keys));
      const fresh = entries.filter((t) => !keys(t).some((k) => taken.has(k)));
      if (existing.length + fresh.length > MAX_GLOSSARY_ENTRIES)
        throw new AppError("invalid-csv", { line: 1, problem: "csv-too-many-rows", max: MAX_GLOSSARY_ENTRIES });
      const removed = mode === "replace" ? (await tx.glossaryEntry.deleteMany({ where: { seminarId } })).count : 0;
      if (fresh.length) await tx.glossaryEntry.createMany({ data: fresh.map((t) => ({ seminarId, terms: JSON.stringify(t) })) });
      return { added: fresh.length, skipped: entries.length - fresh.length, removed };
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}

/**
 * Import a CSV file (instructors). All or nothing: a problem on any line refuses the whole file (AppError
 * "invalid-csv" with line and reason, 422) and nothing changes.
 */
export async function importGlossaryCsv(userId: string, seminarId: string, text: string, mode: "add" | "replace"): Promise<GlossaryImport> {
  await requireInstructor(userId, seminarId);
  let entries: GlossaryTerms[];
  try {
    entries = parseGlossaryCsv(text);
  } catch (e) {
    if (e instanceof ListCsvError) throw new AppError("invalid-csv", { line: e.line, problem: e.problem, ...e.params });
    throw e;
  }
  return putEntries(seminarId, entries, mode);
}

/** Start an empty glossary from the library's (instructors; a glossary with entries is left alone: 409). */
export async function startGlossaryFromLibrary(userId: string, seminarId: string): Promise<GlossaryImport> {
  await requireInstructor(userId, seminarId);
  return putEntries(
    seminarId,
    libraryGlossary().map((e) => e.terms),
    "add",
    true,
  );
}
