/**
 * Notifications of replies follow their thread (issue 14, item 4): nobody is told of a reply in a thread
 * they cannot see — when it is written — and an excerpt disappears once its thread is hidden or closed —
 * when the list is read. Real database (temp SQLite; PostgreSQL through scripts/pg-test.sh).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDocumentCatalog, staticCatalog } from "@/lib/seminars/catalog";
import { createTestUser, setupTestDatabase, testDocument, type TestDatabase } from "@/lib/annotations/testing/db";

type Store = typeof import("@/lib/annotations/store");
type Notifications = typeof import("./index");

const essay = testDocument("essay-en", ["The separate peace was never signed.", "Stalin probed Berlin twice in 1943."], "en");
const passage = { documentSlug: "essay-en", blockId: "p1", blockStart: 4, blockEnd: 17 };

let testDb: TestDatabase;
let store: Store;
let notifications: Notifications;
let instructor: { id: string }, alice: { id: string; name: string }, bob: { id: string; name: string }, carol: { id: string; name: string };
let seminarId: string;

const excerpts = async (userId: string) => (await notifications.listNotifications(userId)).map((n) => n.excerpt ?? "").join("\n");

beforeAll(async () => {
  testDb = await setupTestDatabase();
  setDocumentCatalog(staticCatalog([essay]));
  store = await import("@/lib/annotations/store");
  notifications = await import("./index");
  const seminars = await import("@/lib/seminars");
  instructor = await createTestUser("Instructor");
  alice = await createTestUser("Alice");
  bob = await createTestUser("Bob");
  carol = await createTestUser("Carol");
  const s = await seminars.createSeminar(instructor.id, { title: "Notifications and threads", documents: ["essay-en"] });
  seminarId = s.id;
  for (const u of [alice, bob, carol]) await seminars.joinByInvite(u.id, s.inviteCode);
});

afterAll(async () => {
  await testDb?.close();
});

describe("notifications of replies are checked against the thread", () => {
  it("when written: a reply in a hidden thread tells no student who cannot see the thread, not even when it names them", async () => {
    const root = await store.createAnnotation(alice.id, seminarId, { target: passage, body: "<p>A root to be hidden</p>" });
    const bobsReply = await store.createAnnotation(bob.id, seminarId, { parentId: root.id, body: "<p>Bob answers before the hiding</p>" });
    await store.setHidden(instructor.id, root.id, true);
    // Alice (the root's author still sees her hidden thread) answers Bob and names Carol.
    await store.createAnnotation(alice.id, seminarId, { parentId: bobsReply.id, body: `<p>Secret answer for @${bob.name} and @${carol.name}</p>` });
    expect(await excerpts(bob.id)).not.toContain("Secret answer");
    expect(await excerpts(carol.id)).not.toContain("Secret answer");
    // The instructor, who can read the thread, is told when named.
    await store.createAnnotation(alice.id, seminarId, { parentId: root.id, body: "<p>Secret question for @Instructor</p>" });
    expect(await excerpts(instructor.id)).toContain("Secret question for @Instructor");
  });

  for (const change of ["made private", "made instructors-only", "hidden"] as const) {
    it(`when read: excerpts of replies in a thread ${change} since are no longer shown`, async () => {
      const root = await store.createAnnotation(alice.id, seminarId, { target: passage, body: `<p>A root later ${change}</p>` });
      const reply = await store.createAnnotation(bob.id, seminarId, { parentId: root.id, body: `<p>Reply naming @${carol.name} before it was ${change}</p>` });
      expect(await excerpts(alice.id)).toContain(`before it was ${change}`); // a reply to her note
      expect(await excerpts(carol.id)).toContain(`before it was ${change}`); // she is named
      if (change === "hidden") await store.setHidden(instructor.id, root.id, true);
      else await store.updateAnnotation(alice.id, root.id, { revision: root.revision, visibility: change === "made private" ? "private" : "instructors" });
      expect(await excerpts(carol.id)).not.toContain(`before it was ${change}`);
      // As a GET of the reply answers her: not-found.
      await expect(store.getAnnotation(carol.id, reply.id)).rejects.toMatchObject({ code: "not-found" });
      // The root's author still sees her thread (hidden and private threads stay visible to her).
      expect(await excerpts(alice.id)).toContain(`before it was ${change}`);
    });
  }
});
