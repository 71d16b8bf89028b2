/**
 * The seminar's name list in the database: members read it, only instructors change it, duplicates are
 * refused with the entry they duplicate, a CSV import is all or nothing, and suggestions receive what is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser, setupTestDatabase, type TestDatabase } from "@/lib/annotations/testing/db";
import { isAppError, type ErrorCode } from "@/lib/errors";

type Store = typeof import("./store");
let testDb: TestDatabase;
let store: Store;
let instructor: { id: string }, student: { id: string }, outsider: { id: string };
let seminarId = "";

async function failure(p: Promise<unknown>): Promise<{ code: ErrorCode | "ok"; details?: Record<string, unknown> }> {
  try {
    await p;
    return { code: "ok" };
  } catch (e) {
    if (isAppError(e)) return { code: e.code, details: e.details };
    throw e;
  }
}

const entry = (over: Record<string, unknown> = {}) => ({
  kind: "person",
  de: ["Chruschtschow"],
  en: ["Khrushchev"],
  ru: ["Хрущёв"],
  years: ["1962"],
  roles: [],
  ...over,
});

beforeAll(async () => {
  testDb = await setupTestDatabase();
  store = await import("./store");
  const seminars = await import("@/lib/seminars");
  instructor = await createTestUser("Names Instructor");
  student = await createTestUser("Names Student");
  outsider = await createTestUser("Names Outsider");
  const s = await seminars.createSeminar(instructor.id, { title: "Names", documents: [] });
  seminarId = s.id;
  await seminars.joinByInvite(student.id, s.inviteCode);
});
afterAll(async () => testDb?.close());

describe("seminar name list", () => {
  it("an instructor adds a name; members read it; suggestions receive it as a SeminarName", async () => {
    const saved = await store.saveName(instructor.id, seminarId, null, entry());
    const page = await store.listNames(student.id, seminarId);
    expect(page.entries.map((e) => e.id)).toContain(saved.id);
    const names = await store.getSeminarNames(seminarId);
    expect(names).toContainEqual({ id: saved.id, kind: "person", variants: ["Chruschtschow", "Khrushchev", "Хрущёв"], years: [1962] });
  });

  it("refuses a duplicate, naming the entry it duplicates; a namesake with other years is welcome", async () => {
    const dup = await failure(store.saveName(instructor.id, seminarId, null, entry({ de: [], en: ["Chrushchev", "Khrushchev"], ru: [] })));
    expect(dup.code).toBe("name-duplicate");
    expect(dup.details?.other).toBe("Chruschtschow");
    expect((await failure(store.saveName(instructor.id, seminarId, null, entry({ years: ["1894"], roles: ["a namesake"] })))).code).toBe("ok");
  });

  it("lets only instructors change it, and only members read it", async () => {
    expect((await failure(store.saveName(student.id, seminarId, null, entry({ de: ["Kennedy"] })))).code).toBe("forbidden");
    expect((await failure(store.listNames(outsider.id, seminarId))).code).toBe("not-found");
    expect((await failure(store.exportNamesCsv(student.id, seminarId))).code).toBe("forbidden");
  });

  it("finds entries by any spelling, role or year, accents and case ignored", async () => {
    expect((await store.listNames(student.id, seminarId, { q: "хрущ" })).matching).toBe(2);
    expect((await store.listNames(student.id, seminarId, { q: "NAMESAKE" })).matching).toBe(1);
    expect((await store.listNames(student.id, seminarId, { q: "zzz" })).entries).toEqual([]);
  });

  it("imports CSV all or nothing: a bad line changes nothing and says which line", async () => {
    const before = (await store.listNames(instructor.id, seminarId)).total;
    const bad = await failure(store.importNamesCsv(instructor.id, seminarId, "kind,de,en,ru,years,roles\nplace,Kuba,Cuba,Куба,,\nplanet,Mars,,,,\n", "add"));
    expect(bad.code).toBe("invalid-csv");
    expect(bad.details).toMatchObject({ line: 3, problem: "unknown-kind" });
    expect((await store.listNames(instructor.id, seminarId)).total).toBe(before);

    const ok = await store.importNamesCsv(instructor.id, seminarId, "kind,de,en,ru,years,roles\nplace,Kuba,Cuba,Куба,,\nperson,,Khrushchev,,1962,\n", "add");
    expect(ok).toEqual({ added: 1, skipped: 1, removed: 0 });
  });

  it("exports what it holds, and a replace import makes the list exactly the file", async () => {
    const csv = await store.exportNamesCsv(instructor.id, seminarId);
    expect(csv.split("\n")[0]).toBe("kind,de,en,ru,years,roles");
    expect(csv).toContain("Хрущёв");
    const replaced = await store.importNamesCsv(
      instructor.id,
      seminarId,
      "kind,de,en,ru,years,roles\norganisation,Komintern,Comintern,Коминтерн,,\n",
      "replace",
    );
    expect(replaced).toMatchObject({ added: 1, removed: 3 });
    expect((await store.getSeminarNames(seminarId)).map((n) => n.kind)).toEqual(["organisation"]);
    // …and back: the exported file restores the list.
    expect((await store.importNamesCsv(instructor.id, seminarId, csv, "replace")).added).toBe(3);
  });

  it("a new seminar's list starts empty; an instructor (only) starts it from the library's list, once", async () => {
    const seminars = await import("@/lib/seminars");
    const { libraryNames } = await import("../library-lists");
    const fresh = await seminars.createSeminar(instructor.id, { title: "Other texts", documents: [] });
    await seminars.joinByInvite(student.id, fresh.inviteCode);
    expect((await store.listNames(student.id, fresh.id)).total).toBe(0);
    expect((await failure(store.startNamesFromLibrary(student.id, fresh.id))).code).toBe("forbidden");
    expect(await store.startNamesFromLibrary(instructor.id, fresh.id)).toEqual({ added: libraryNames().length, skipped: 0, removed: 0 });
    expect((await store.getSeminarNames(fresh.id)).length).toBe(libraryNames().length);
    expect((await failure(store.startNamesFromLibrary(instructor.id, fresh.id))).code).toBe("conflict");
    expect((await store.getSeminarNames(seminarId)).length).toBe(3); // the other seminar's list is untouched
  });
});
