/**
 * The reader's notes as the page loads them (temp SQLite): the first page is kept between requests, and
 * whatever changes what the member may see — a note written or edited, a role, a name, the "post first"
 * number — is seen on the very next load.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser, setupTestDatabase, testDocument, type TestDatabase } from "@/lib/annotations/testing/db";
import { setDocumentCatalog, staticCatalog } from "@/lib/seminars/catalog";
import { db } from "@/lib/db/client";

const essay = testDocument("essay-en", ["The separate peace was never signed. Why not?", "Stalin probed Berlin twice in 1943."], "en");
const other = testDocument("other-en", ["A text in another seminar only."], "en");

let testDb: TestDatabase;
let load: typeof import("./load");
let store: typeof import("@/lib/annotations/store");
let seminars: typeof import("@/lib/seminars");
let teacher: { id: string; name: string }, alice: { id: string; name: string }, bob: { id: string; name: string };
let seminarId: string;

const at = (blockId: string, blockStart: number, blockEnd: number) => ({ documentSlug: "essay-en", blockId, blockStart, blockEnd });
const notesOf = async (user: { id: string; name: string }) => {
  const r = await load.loadReaderNotes(user, null, [essay]);
  return { ...r, bodies: Object.values(r.state.annotations).map((a) => a.bodyText) };
};

beforeAll(async () => {
  testDb = await setupTestDatabase();
  setDocumentCatalog(staticCatalog([essay, other]));
  load = await import("./load");
  store = await import("@/lib/annotations/store");
  seminars = await import("@/lib/seminars");
  teacher = await createTestUser("Teacher Tom");
  alice = await createTestUser("Alice Adler");
  bob = await createTestUser("Bob");
  const s = await seminars.createSeminar(teacher.id, { title: "Reading", documents: ["essay-en"] });
  seminarId = s.id;
  for (const u of [alice, bob]) await seminars.joinByInvite(u.id, s.inviteCode);
  await seminars.createSeminar(alice.id, { title: "Elsewhere", documents: ["other-en"] });
});

afterAll(async () => {
  setDocumentCatalog(null);
  await testDb?.close();
});

describe("loadReaderNotes", () => {
  it("chooses the seminar holding the open text, with its tags and the members feedback can go to", async () => {
    await seminars.setTagVocabulary(teacher.id, seminarId, [{ name: "question", color: "#aa0000" }]);
    const r = await notesOf(alice);
    expect(r.seminar).toMatchObject({ id: seminarId, title: "Reading", role: "student", documents: ["essay-en"] });
    expect(r.seminar!.feedbackTo).toEqual([{ userId: teacher.id, name: "Teacher Tom" }]);
    expect(r.seminar!.tags).toEqual([{ name: "question", color: "#aa0000" }]);
    expect(r.otherSeminars).toEqual([]);
    const elsewhere = await load.loadReaderNotes(alice, null, [other]);
    expect(elsewhere.seminar?.title).toBe("Elsewhere");
  });

  it("shows, on the next load, a note written, edited or deleted since the last one", async () => {
    expect((await notesOf(alice)).bodies).toEqual([]);
    const n = await store.createAnnotation(bob.id, seminarId, { target: at("p1", 4, 17), body: "Bob's first reading" });
    const first = await notesOf(alice);
    expect(first.bodies).toEqual(["Bob's first reading"]);
    expect(first.state.anchors["essay-en"][n.id]).toBeTruthy();
    await store.updateAnnotation(bob.id, n.id, { body: "Bob's second reading", revision: n.revision });
    expect((await notesOf(alice)).bodies).toEqual(["Bob's second reading"]);
    await store.deleteAnnotation(bob.id, n.id);
    expect((await notesOf(alice)).bodies).toEqual([]);
  });

  it("follows a role change, a renamed author and a new 'post first' number, which write no seminar event", async () => {
    await store.createAnnotation(teacher.id, seminarId, { target: at("p2", 0, 6), body: "For instructors", visibility: "instructors" });
    const open = await store.createAnnotation(bob.id, seminarId, { target: at("p1", 0, 3), body: "Bob again" });
    expect((await notesOf(alice)).bodies).not.toContain("For instructors");
    await seminars.setMemberRole(teacher.id, seminarId, alice.id, "instructor");
    expect((await notesOf(alice)).bodies).toContain("For instructors");
    await seminars.setMemberRole(teacher.id, seminarId, alice.id, "student");
    expect((await notesOf(alice)).bodies).not.toContain("For instructors");

    await db().user.update({ where: { id: bob.id }, data: { name: "Robert" } });
    expect((await notesOf(alice)).state.annotations[open.id].author.name).toBe("Robert");

    const { setPostFirst } = await import("@/lib/teaching/post-first");
    await setPostFirst(teacher.id, seminarId, { seminar: 1, documents: {} });
    const locked = await notesOf(alice);
    expect(locked.bodies).not.toContain("Bob again");
    expect(locked.postFirst["essay-en"]).toMatchObject({ required: 1, remaining: 1 });
    await setPostFirst(teacher.id, seminarId, { seminar: 0, documents: {} });
    const unlocked = await notesOf(alice);
    expect(unlocked.bodies).toContain("Bob again");
    expect(unlocked.postFirst).toEqual({});
  });
});
