/**
 * A seminar's name list in the database (NameEntry rows). Every member reads it; instructors add, change,
 * delete, import and export, or start an empty list from the library's (../library-lists). Suggestions read it through `getSeminarNames` (lib/links/suggest-service).
 * Every function that changes something checks the role itself. Framework-free.
 */
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError, invalidRequest } from "@/lib/errors";
import { requireInstructor, requireMember } from "@/lib/seminars";
import { deleteListEntry, searchPage, type ListPage } from "../seminar-list";
import { libraryNames } from "../library-lists";
import { ListCsvError } from "../list-csv";
import { parseNamesCsv, serializeNamesCsv } from "./csv";
import { NAME_KINDS, NAME_LANGUAGES, toSeminarName, type NameRecord, type SeminarName } from "./types";
import { checkRecord, conflictKeys, dedupeKey, headVariant, NameProblem } from "./validate";

export const MAX_NAMES = 5000;
/** Rows per page of the names table. */
export const NAMES_PAGE_SIZE = 50;

export interface StoredName extends NameRecord {
  id: string;
}

function parseJson<T>(json: string, fallback: T, ok: (v: unknown) => v is T): T {
  try {
    const v = JSON.parse(json) as unknown;
    return ok(v) ? v : fallback;
  } catch {
    return fallback;
  }
}
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");
const isNumberList = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => Number.isInteger(x));

type Row = { id: string; kind: string; variants: string; years: string; roles: string };

/** A row as a record; a row that is not valid (edited by hand in the database) counts as empty, never breaks a page. */
function fromRow(r: Row): StoredName {
  const v = parseJson<Record<string, unknown>>(r.variants, {}, (x): x is Record<string, unknown> => typeof x === "object" && x !== null);
  return {
    id: r.id,
    kind: (NAME_KINDS as readonly string[]).includes(r.kind) ? (r.kind as NameRecord["kind"]) : "person",
    variants: Object.fromEntries(NAME_LANGUAGES.map((l) => [l, isStringList(v[l]) ? v[l] : []])) as NameRecord["variants"],
    years: parseJson(r.years, [], isNumberList),
    roles: parseJson(r.roles, [], isStringList),
  };
}

const toData = (r: NameRecord) => ({
  kind: r.kind,
  variants: JSON.stringify(r.variants),
  years: JSON.stringify(r.years),
  roles: JSON.stringify(r.roles),
  dedupeKey: dedupeKey(r),
});

async function allRecords(seminarId: string): Promise<StoredName[]> {
  const rows = await db().nameEntry.findMany({ where: { seminarId }, orderBy: { id: "asc" }, take: MAX_NAMES });
  return rows.map(fromRow);
}

/**
 * The seminar's names as the suggestion engine takes them, in a stable order.
 * No authorization: callers have checked membership (the suggestions service).
 */
export async function getSeminarNames(seminarId: string): Promise<SeminarName[]> {
  return (await allRecords(seminarId)).map((r) => toSeminarName(r.id, r)).filter((n) => n.variants.length > 0);
}

const byHead = (a: NameRecord, b: NameRecord) => headVariant(a).localeCompare(headVariant(b), "de") || a.kind.localeCompare(b.kind);

/** One page of the table, filtered by a search over every spelling, year and role (accents and case ignored). */
export async function listNames(userId: string, seminarId: string, opts: { q?: string; page?: number } = {}): Promise<ListPage<StoredName>> {
  await requireMember(userId, seminarId);
  const all = (await allRecords(seminarId)).sort(byHead);
  return searchPage(all, (r) => [...NAME_LANGUAGES.flatMap((l) => r.variants[l]), ...r.roles, ...r.years.map(String)], opts, NAMES_PAGE_SIZE);
}

/** A form's fields: kind, spellings per language (one per line or separated by "|"), years and roles. */
export const nameInput = z.object({
  kind: z.string().max(40),
  de: z.array(z.string().max(1000)).max(100).default([]),
  en: z.array(z.string().max(1000)).max(100).default([]),
  ru: z.array(z.string().max(1000)).max(100).default([]),
  years: z.array(z.string().max(20)).max(50).default([]),
  roles: z.array(z.string().max(1000)).max(50).default([]),
});

function problem(e: unknown): never {
  if (e instanceof NameProblem) throw new AppError("invalid-name", { problem: e.problem, ...e.params });
  throw e;
}

function recordFromInput(input: unknown): NameRecord {
  const parsed = nameInput.safeParse(input);
  if (!parsed.success) throw invalidRequest(parsed.error.issues);
  const f = parsed.data;
  const years: number[] = [];
  for (const y of f.years.map((s) => s.trim()).filter(Boolean)) {
    if (!/^-?\d{1,4}$/.test(y)) throw new AppError("invalid-name", { problem: "bad-year", value: y });
    years.push(Number(y));
  }
  try {
    return checkRecord({ kind: f.kind as NameRecord["kind"], variants: { de: f.de, en: f.en, ru: f.ru }, years, roles: f.roles });
  } catch (e) {
    problem(e);
  }
}

/** The entry of this seminar that `rec` would duplicate (same kind, a shared spelling, same years and roles). */
function duplicateOf(existing: StoredName[], rec: NameRecord, except: string | null): StoredName | undefined {
  const keys = new Set(conflictKeys(rec));
  return existing.find((e) => e.id !== except && conflictKeys(e).some((k) => keys.has(k)));
}

const isUniqueViolation = (e: unknown) => typeof e === "object" && e !== null && (e as { code?: string }).code === "P2002";

/** Add an entry (no `entryId`) or replace one. Instructors only; a duplicate is refused (409 name-duplicate). */
export async function saveName(userId: string, seminarId: string, entryId: string | null, input: unknown): Promise<StoredName> {
  await requireInstructor(userId, seminarId);
  const rec = recordFromInput(input);
  const existing = await allRecords(seminarId);
  const dup = duplicateOf(existing, rec, entryId);
  if (dup) throw new AppError("name-duplicate", { other: headVariant(dup), otherId: dup.id });
  try {
    if (entryId) {
      const updated = await db().nameEntry.updateMany({ where: { id: entryId, seminarId }, data: toData(rec) });
      if (updated.count === 0) throw new AppError("not-found");
      return { id: entryId, ...rec };
    }
    if (existing.length >= MAX_NAMES) throw new AppError("invalid-request", { max: MAX_NAMES });
    const row = await db().nameEntry.create({ data: { seminarId, ...toData(rec) } });
    return { id: row.id, ...rec };
  } catch (e) {
    // Two instructors saving the same entry at once: the unique key stops the second.
    if (isUniqueViolation(e)) throw new AppError("name-duplicate", { other: headVariant(rec) });
    throw e;
  }
}

export async function deleteName(userId: string, seminarId: string, entryId: string): Promise<void> {
  await deleteListEntry(userId, seminarId, entryId, (where) => db().nameEntry.deleteMany({ where }));
}

/** The whole list as a CSV file (instructors; the list is seminar work they may take elsewhere). */
export async function exportNamesCsv(userId: string, seminarId: string): Promise<string> {
  await requireInstructor(userId, seminarId);
  return serializeNamesCsv((await allRecords(seminarId)).sort(byHead));
}

/**
 * Import a CSV file. "add": rows that duplicate an existing entry are skipped (counted), the rest added;
 * "replace": the list becomes exactly the file. All or nothing: a problem on any line refuses the whole file
 * (AppError "invalid-csv" with line and reason) and nothing changes.
 */
export async function importNamesCsv(
  userId: string,
  seminarId: string,
  text: string,
  mode: "add" | "replace",
): Promise<{ added: number; skipped: number; removed: number }> {
  await requireInstructor(userId, seminarId);
  let records: NameRecord[];
  try {
    records = parseNamesCsv(text);
  } catch (e) {
    if (e instanceof ListCsvError) throw new AppError("invalid-csv", { line: e.line, problem: e.problem, ...e.params });
    throw e;
  }
  return putRecords(seminarId, records, mode);
}

/**
 * Put records into the seminar's list, in one transaction. "add": rows that duplicate an existing entry are
 * skipped (counted), the rest added; "replace": the list becomes exactly the records.
 */
async function putRecords(
  seminarId: string,
  records: NameRecord[],
  mode: "add" | "replace",
  onlyIfEmpty = false,
): Promise<{ added: number; skipped: number; removed: number }> {
  return db().$transaction(
    async (tx) => {
      const rows = (await tx.nameEntry.findMany({ where: { seminarId } })).map(fromRow);
      if (onlyIfEmpty && rows.length > 0) throw new AppError("conflict", { reason: "list-not-empty" });
      const existing = mode === "replace" ? [] : rows;
      const taken = new Set(existing.flatMap(conflictKeys));
      const fresh = records.filter((r) => !conflictKeys(r).some((k) => taken.has(k)));
      if (existing.length + fresh.length > MAX_NAMES) throw new AppError("invalid-csv", { line: 1, problem: "csv-too-many-rows", max: MAX_NAMES });
      const removed = mode === "replace" ? (await tx.nameEntry.deleteMany({ where: { seminarId } })).count : 0;
      if (fresh.length) await tx.nameEntry.createMany({ data: fresh.map((r) => ({ seminarId, ...toData(r) })) });
      return { added: fresh.length, skipped: records.length - fresh.length, removed };
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}

/** Start an empty name list from the library's (instructors; a list with entries is left alone: 409). */
export async function startNamesFromLibrary(userId: string, seminarId: string): Promise<{ added: number; skipped: number; removed: number }> {
  await requireInstructor(userId, seminarId);
  return putRecords(seminarId, libraryNames(), "add", true);
}

/** Give a seminar these names if it has none yet (idempotent; the demo seminar's seed). */
export async function seedSeminarNames(seminarId: string, records: NameRecord[]): Promise<number> {
  if ((await db().nameEntry.count({ where: { seminarId } })) > 0) return 0;
  await db().nameEntry.createMany({ data: records.map((r) => ({ seminarId, ...toData(r) })) });
  return records.length;
}
