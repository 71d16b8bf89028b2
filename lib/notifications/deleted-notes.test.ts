/**
 * The "new notes" digest counts only notes that still exist (issue 17, item 14): a deleted note leaves the
 * unread digests that counted it; a digest left empty goes away; private notes never counted are not taken
 * off anyone's count. Real database (temp SQLite; PostgreSQL through scripts/pg-test.sh).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDocumentCatalog, staticCatalog } from "@/lib/seminars/catalog";
import { createTestUser, setupTestDatabase, testDocument, type TestDatabase } from "@/lib/annotations/testing/db";

type Store = typeof import("@/lib/annotations/store");
type Notifications = typeof import("./index");

const essay = testDocument("essay-en", ["The separate peace was never signed.", "Stalin probed Berlin twice in 1943."], "en");
const passage = (i: number) => ({ documentSlug: "essay-en", blockId: "p1", blockStart: i, blockEnd: i + 5 });

let testDb: TestDatabase;
let store: Store;
let notifications: Notifications;
let instructor: { id: string }, alice: { id: string }, bob: { id: string };
let seminarId: string;

const digest = async (userId: string) => (await notifications.listNotifications(userId)).filter((n) => n.type === "activity" && !n.read).map((n) => n.count);

beforeAll(async () => {
  testDb = await setupTestDatabase();
  setDocumentCatalog(staticCatalog([essay]));
  store = await import("@/lib/annotations/store");
  notifications = await import("./index");
  const seminars = await import("@/lib/seminars");
  instructor = await createTestUser("Instructor");
  alice = await createTestUser("Alice");
  bob = await createTestUser("Bob");
  const s = await seminars.createSeminar(instructor.id, { title: "Deleted notes", documents: ["essay-en"] });
  seminarId = s.id;
  for (const u of [alice, bob]) await seminars.joinByInvite(u.id, s.inviteCode);
});

afterAll(async () => {
  setDocumentCatalog(null);
  await testDb?.close();
});

describe("notification counts and deleted notes", () => {
  it("12 notes, 10 deleted: the digest says 2, and the badge agrees", async () => {
    const notes = [];
    for (let i = 0; i < 12; i++) notes.push(await store.createAnnotation(alice.id, seminarId, { target: passage(i), body: `<p>Note ${i}</p>` }));
    const privateNote = await store.createAnnotation(alice.id, seminarId, { visibility: "private", target: passage(20), body: "<p>Mine only</p>" });
    expect(await digest(bob.id)).toEqual([12]);
    for (const n of notes.slice(0, 10)) await store.deleteAnnotation(alice.id, n.id);
    // A note Bob was never told about takes nothing off his count.
    await store.deleteAnnotation(alice.id, privateNote.id);
    expect(await digest(bob.id)).toEqual([2]);
    expect(await digest(instructor.id)).toEqual([2]);
    expect(await notifications.unreadCount(bob.id)).toBe(1);
  });

  it("a digest whose notes are all gone disappears, and one opened after a note was written keeps its count", async () => {
    const { listAnnotations } = await import("@/lib/annotations/list");
    const left = (await listAnnotations(alice.id, seminarId)).filter((a) => a.author.id === alice.id);
    expect(left).toHaveLength(2);
    // Bob reads his digest; a new note opens a fresh one; deleting an older note leaves the fresh one alone.
    await notifications.markAllRead(bob.id);
    const fresh = await store.createAnnotation(alice.id, seminarId, { target: passage(25), body: "<p>Fresh</p>" });
    await store.deleteAnnotation(alice.id, left[0].id);
    expect(await digest(bob.id)).toEqual([1]);
    await store.deleteAnnotation(alice.id, fresh.id);
    expect(await digest(bob.id)).toEqual([]);
    expect(await notifications.unreadCount(bob.id)).toBe(0);
  });
});
