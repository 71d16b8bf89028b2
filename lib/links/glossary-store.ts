/**
 * A seminar's glossary in the database (GlossaryEntry rows, terms as JSON `{ de: [], en: [], ru: [] }`).
 * A new seminar starts with STARTER_GLOSSARY (./seminar-setup, when lib/seminars announces it; scripts/seed.ts);
 * instructors add, change and delete entries; suggestions (and search, via `getSeminarGlossary`) use what the seminar has.
 * Every function that changes something checks the role itself. Framework-free.
 */
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError, invalidRequest } from "@/lib/errors";
import { requireInstructor, requireMember } from "@/lib/seminars";
import { STARTER_GLOSSARY, type GlossaryEntry } from "./glossary";
import { deleteListEntry } from "./seminar-list";
import { findGlossaryDuplicate } from "./glossary-table";

export const MAX_TERMS_PER_LANGUAGE = 20;
export const MAX_TERM_LENGTH = 120;
export const MAX_GLOSSARY_ENTRIES = 500;

const termList = z.array(z.string().trim().max(MAX_TERM_LENGTH)).max(MAX_TERMS_PER_LANGUAGE).default([]);

/** One entry as an instructor submits it; empty terms are dropped, at least one must remain. */
export const glossaryEntryInput = z
  .object({ de: termList, en: termList, ru: termList })
  .transform((t) => ({ de: clean(t.de), en: clean(t.en), ru: clean(t.ru) }))
  .refine((t) => t.de.length + t.en.length + t.ru.length > 0, { message: "an entry needs at least one term" });

export type GlossaryTerms = GlossaryEntry["terms"];

function clean(list: string[]): string[] {
  const seen = new Set<string>();
  return list.map((s) => s.replace(/\s+/g, " ").trim()).filter((s) => s.length > 0 && !seen.has(s.toLowerCase()) && (seen.add(s.toLowerCase()), true));
}

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

/** Rows for a new seminar's starter glossary (add the seminarId). */
export function starterGlossaryRows(): Array<{ terms: string }> {
  return STARTER_GLOSSARY.map((e) => ({ terms: JSON.stringify(e.terms) }));
}

/**
 * The seminar's glossary as lib/links/glossary reads it (entry ids are the row ids), in a stable order.
 * No authorization: callers have checked membership (the suggestions route, search).
 */
export async function getSeminarGlossary(seminarId: string): Promise<GlossaryEntry[]> {
  const rows = await db().glossaryEntry.findMany({ where: { seminarId }, orderBy: { id: "asc" } });
  return rows.map((r) => ({ id: r.id, terms: parseTerms(r.terms) })).filter((e) => e.terms.de.length + e.terms.en.length + e.terms.ru.length > 0);
}

/** Give a seminar the starter glossary if it has no entries yet (idempotent; seeds, older seminars). */
export async function seedSeminarGlossary(seminarId: string): Promise<number> {
  if ((await db().glossaryEntry.count({ where: { seminarId } })) > 0) return 0;
  const rows = starterGlossaryRows().map((r) => ({ ...r, seminarId }));
  await db().glossaryEntry.createMany({ data: rows });
  return rows.length;
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
  const terms = JSON.stringify(parsed.data);
  // A term stands in one entry only (409 with the entry that has it, so the page can point there).
  const existing = (await getSeminarGlossary(seminarId)).map((e) => ({ id: e.id!, terms: e.terms }));
  const duplicate = findGlossaryDuplicate(existing, parsed.data, entryId);
  if (duplicate) throw new AppError("name-duplicate", { ...duplicate });
  if (entryId) {
    const updated = await db().glossaryEntry.updateMany({ where: { id: entryId, seminarId }, data: { terms } });
    if (updated.count === 0) throw new AppError("not-found");
    return { id: entryId, terms: parsed.data };
  }
  if ((await db().glossaryEntry.count({ where: { seminarId } })) >= MAX_GLOSSARY_ENTRIES) throw new AppError("invalid-request", { max: MAX_GLOSSARY_ENTRIES });
  const row = await db().glossaryEntry.create({ data: { seminarId, terms } });
  return { id: row.id, terms: parsed.data };
}

export async function deleteGlossaryEntry(userId: string, seminarId: string, entryId: string): Promise<void> {
  await deleteListEntry(userId, seminarId, entryId, (where) => db().glossaryEntry.deleteMany({ where }));
}
