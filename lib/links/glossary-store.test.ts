/**
 * The seminar glossary in the database: a new seminar starts with the starter set, instructors (only) edit
 * it, and what they save is what suggestions and search read.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError, type ErrorCode } from "@/lib/errors";
import { createTestUser, setupTestDatabase, type TestDatabase } from "@/lib/annotations/testing/db";
import { findGlossaryTerms, STARTER_GLOSSARY } from "./glossary";

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
  it("starts with the starter glossary, and seeding again adds nothing", async () => {
    const entries = await store.getSeminarGlossary(seminarId);
    expect(entries.length).toBe(STARTER_GLOSSARY.length);
    expect(entries.map((e) => e.terms.en[0]).sort()).toEqual(STARTER_GLOSSARY.map((e) => e.terms.en[0]).sort());
    expect(await store.seedSeminarGlossary(seminarId)).toBe(0);
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
});
