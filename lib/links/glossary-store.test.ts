/**
 * The seminar glossary in the database: a new seminar starts empty and may start from the library's glossary,
 * instructors (only) edit, import and export it, and what they save is what suggestions and search read.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError, type ErrorCode } from "@/lib/errors";
import { createTestUser, setupTestDatabase, type TestDatabase } from "@/lib/annotations/testing/db";
import { findGlossaryTerms } from "./glossary";
import { libraryGlossary } from "./library-lists";

type GlossaryStore = typeof import("./glossary-store");
let testDb: TestDatabase;
let store: GlossaryStore;
let instructor: { id: string }, student: { id: string }, outsider: { id: string };
let seminarId = "";

async function codeOf(p: Promise<unknown>): Promise<ErrorCode | "ok"> {
  try {
    await p;
    return "ok";
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
}

/** Entries' terms in a fixed order (rows come back in the order of their ids). */
const sorted = (entries: Array<{ terms: unknown }>) => entries.map((e) => JSON.stringify(e.terms)).sort();

beforeAll(async () => {
  testDb = await setupTestDatabase();
  store = await import("./glossary-store");
  const seminars = await import("@/lib/seminars");
  instructor = await createTestUser("Instructor");
  student = await createTestUser("Student");
  outsider = await createTestUser("Outsider");
  const s = await seminars.createSeminar(instructor.id, { title: "Glossary", documents: [] });
  seminarId = s.id;
  await seminars.joinByInvite(student.id, s.inviteCode);
});
afterAll(async () => testDb?.close());

describe("seminar glossary", () => {
  it("starts empty; an instructor (only) starts it from the library's glossary, once", async () => {
    expect(await store.getSeminarGlossary(seminarId)).toEqual([]);
    expect(await codeOf(store.startGlossaryFromLibrary(student.id, seminarId))).toBe("forbidden");
    const library = libraryGlossary();
    expect(library.length).toBeGreaterThan(0);
    expect(await store.startGlossaryFromLibrary(instructor.id, seminarId)).toEqual({ added: library.length, skipped: 0, removed: 0 });
    const entries = await store.getSeminarGlossary(seminarId);
    expect(sorted(entries)).toEqual(sorted(library));
    // A glossary with entries is left alone (a second click, or two instructors at once).
    expect(await codeOf(store.startGlossaryFromLibrary(instructor.id, seminarId))).toBe("conflict");
    expect(await store.seedSeminarGlossary(seminarId, library)).toBe(0);
    expect((await store.getSeminarGlossary(seminarId)).length).toBe(library.length);
  });

  it("lets instructors add, change and delete entries, and nobody else", async () => {
    const terms = { de: ["Winterkrieg", " "], en: ["Winter War"], ru: ["Зимняя война"] };
    expect(await codeOf(store.saveGlossaryEntry(student.id, seminarId, null, terms))).toBe("forbidden");
    expect(await codeOf(store.saveGlossaryEntry(outsider.id, seminarId, null, terms))).toBe("not-found");
    expect(await codeOf(store.saveGlossaryEntry(instructor.id, seminarId, null, { de: [" "], en: [], ru: [] }))).toBe("invalid-request");
    const added = await store.saveGlossaryEntry(instructor.id, seminarId, null, terms);
    expect(added.terms).toEqual({ de: ["Winterkrieg"], en: ["Winter War"], ru: ["Зимняя война"] });
    // What is saved is what the suggestions read: the new term is found in a text.
    let glossary = await store.getSeminarGlossary(seminarId);
    expect(findGlossaryTerms("Im Winterkrieg 1939/40", glossary).map((h) => h.entryId)).toEqual([added.id]);

    await store.saveGlossaryEntry(instructor.id, seminarId, added.id, { de: ["Finnischer Winterkrieg"], en: ["Winter War"], ru: [] });
    expect((await store.listGlossary(student.id, seminarId)).find((e) => e.id === added.id)?.terms.de).toEqual(["Finnischer Winterkrieg"]);
    expect(await codeOf(store.deleteGlossaryEntry(student.id, seminarId, added.id))).toBe("forbidden");
    await store.deleteGlossaryEntry(instructor.id, seminarId, added.id);
    glossary = await store.getSeminarGlossary(seminarId);
    expect(glossary.some((e) => e.id === added.id)).toBe(false);
    expect(await codeOf(store.deleteGlossaryEntry(instructor.id, seminarId, added.id))).toBe("not-found");
    expect(await codeOf(store.listGlossary(outsider.id, seminarId))).toBe("not-found");
  });

  it("refuses a term another entry already has, naming that entry; an entry may keep its own terms", async () => {
    const first = await store.saveGlossaryEntry(instructor.id, seminarId, null, { de: ["Fortsetzungskrieg"], en: ["Continuation War"], ru: [] });
    const refused = await store.saveGlossaryEntry(instructor.id, seminarId, null, { de: ["fortsetzungskrieg"], en: [], ru: [] }).catch((e: unknown) => e);
    expect(isAppError(refused) && refused.code).toBe("name-duplicate");
    expect(isAppError(refused) && refused.details).toMatchObject({ term: "fortsetzungskrieg", lang: "de", otherId: first.id, other: "Fortsetzungskrieg" });
    const before = (await store.getSeminarGlossary(seminarId)).length;
    expect(
      await codeOf(store.saveGlossaryEntry(instructor.id, seminarId, first.id, { de: ["Fortsetzungskrieg", "Jatkosota"], en: ["Continuation War"], ru: [] })),
    ).toBe("ok");
    expect((await store.getSeminarGlossary(seminarId)).length).toBe(before);
  });

  it("exports CSV and imports it all or nothing: add skips entries sharing a term, replace makes the glossary the file", async () => {
    expect(await codeOf(store.exportGlossaryCsv(student.id, seminarId))).toBe("forbidden");
    const csv = await store.exportGlossaryCsv(instructor.id, seminarId);
    expect(csv.split("\n")[0]).toBe("de,en,ru");
    const before = await store.getSeminarGlossary(seminarId);

    // A bad line refuses the whole file, naming the line; nothing changes.
    const bad = await store.importGlossaryCsv(instructor.id, seminarId, "de,en,ru\nKolchose,collective farm,колхоз\n,,\n", "add").catch((e: unknown) => e);
    expect(isAppError(bad) && bad.code).toBe("invalid-csv");
    expect(isAppError(bad) && bad.details).toMatchObject({ line: 3, problem: "no-term" });
    expect(await codeOf(store.importGlossaryCsv(student.id, seminarId, csv, "add"))).toBe("forbidden");
    expect((await store.getSeminarGlossary(seminarId)).length).toBe(before.length);

    // The export imported again adds nothing; a new entry is added.
    expect(await store.importGlossaryCsv(instructor.id, seminarId, csv, "add")).toEqual({ added: 0, skipped: before.length, removed: 0 });
    expect(await store.importGlossaryCsv(instructor.id, seminarId, "de,en,ru\nKolchose,collective farm,колхоз\n", "add")).toEqual({
      added: 1,
      skipped: 0,
      removed: 0,
    });
    const glossary = await store.getSeminarGlossary(seminarId);
    expect(findGlossaryTerms("in den Kolchosen", glossary)).toHaveLength(1);

    // Replace: the glossary becomes the file, and exports as it was.
    expect(await store.importGlossaryCsv(instructor.id, seminarId, csv, "replace")).toEqual({ added: before.length, skipped: 0, removed: before.length + 1 });
    expect(sorted(await store.getSeminarGlossary(seminarId))).toEqual(sorted(before));
    expect(await store.exportGlossaryCsv(instructor.id, seminarId)).toBe(csv);
  });

  it("refuses a term with an invisible or control character from the form too", async () => {
    const refused = await store.saveGlossaryEntry(instructor.id, seminarId, null, { de: ["Sepa\u200Bratfrieden"], en: [], ru: [] }).catch((e: unknown) => e);
    expect(isAppError(refused) && refused.code).toBe("invalid-request");
    expect(isAppError(refused) && refused.details).toMatchObject({ problem: "bad-character" });
  });
});
