/**
 * The links overview's data: only links the member may read, grouped by document pair whichever way they
 * were drawn, filtered by relation, member and tag; each row's reader address opens both passages.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseLayout } from "@/lib/reader/layout";
import { setDocumentCatalog, staticCatalog } from "@/lib/seminars/catalog";
import { createTestUser, setupTestDatabase, testDocument, type TestDatabase } from "@/lib/annotations/testing/db";

const forum = testDocument("forum-de", ["Semjonow traf sich 1943 in Stockholm mit Kleist.", "Molotow schwieg."], "de");
const essay = testDocument("essay-en", ["Semenov met Kleist in Stockholm in 1943.", "Molotov said nothing."], "en");
const blog = testDocument("blog-ru", ["Семёнов встретился с Клейстом."], "ru");

let testDb: TestDatabase;
let views: typeof import("./views");
let alice: { id: string; name: string }, bob: { id: string; name: string };
let seminarId = "";

const end = (documentSlug: string, blockId: string, blockStart: number, blockEnd: number) => ({ documentSlug, blockId, blockStart, blockEnd });

beforeAll(async () => {
  testDb = await setupTestDatabase();
  setDocumentCatalog(staticCatalog([forum, essay, blog]));
  views = await import("./views");
  const store = await import("@/lib/annotations/store");
  const seminars = await import("@/lib/seminars");
  const instructor = await createTestUser("Instructor");
  alice = await createTestUser("Alice");
  bob = await createTestUser("Bob");
  const s = await seminars.createSeminar(instructor.id, { title: "Overview", documents: ["forum-de", "essay-en", "blog-ru"] });
  seminarId = s.id;
  await seminars.joinByInvite(alice.id, s.inviteCode);
  await seminars.joinByInvite(bob.id, s.inviteCode);
  const link = (userId: string, input: Record<string, unknown>) => store.createAnnotation(userId, seminarId, { motivation: "linking", ...input });
  // forum → essay and essay → forum belong to one pair.
  await link(alice.id, {
    relation: "same-event",
    target: end("forum-de", "p1", 0, 8),
    bodyTarget: end("essay-en", "p1", 0, 7),
    tags: ["Diplomatie"],
    body: "<p>Dasselbe Treffen</p>",
  });
  await link(bob.id, { relation: "paraphrase", target: end("essay-en", "p2", 0, 7), bodyTarget: end("forum-de", "p2", 0, 7) });
  await link(bob.id, { relation: "cites", target: end("blog-ru", "p1", 0, 7), bodyTarget: end("essay-en", "p1", 0, 7) });
  await link(bob.id, { relation: "contradicts", visibility: "private", target: end("forum-de", "p1", 9, 13), bodyTarget: end("blog-ru", "p1", 0, 7) });
});
afterAll(async () => testDb?.close());

describe("links overview", () => {
  it("groups the links a member may read by document pair, in reading order", async () => {
    const o = await views.linksOverview(alice.id, seminarId);
    // Bob's private link is not Alice's to see.
    expect(o.total).toBe(3);
    expect(o.pairs.map((p) => p.slugs)).toEqual([
      ["blog-ru", "essay-en"],
      ["essay-en", "forum-de"],
    ]);
    const pair = o.pairs[1];
    expect(pair.links.map((l) => [l.relation, l.ordered[0].exact, l.ordered[1].exact])).toEqual([
      ["same-event", "Semenov", "Semjonow"],
      ["paraphrase", "Molotov", "Molotow"],
    ]);
    expect(pair.links[0].ordered.map((e) => e.lang)).toEqual(["en", "de"]);
    expect(o.choices.members.map((m) => m.name)).toEqual(["Alice", "Bob"]);
    expect(o.choices.tags).toEqual(["Diplomatie"]);
    // A link is a thread: Bob answers Alice's link, and everyone who sees the link sees the answer.
    const store = await import("@/lib/annotations/store");
    await store.createAnnotation(bob.id, seminarId, { parentId: pair.links[0].id, body: "<p>Kleist bestätigt das.</p>" });
    const again = (await views.linksOverview(alice.id, seminarId)).pairs[1].links[0];
    expect([again.replies, again.thread.map((r) => [r.author.name, r.bodyHtml])]).toEqual([1, [["Bob", "<p>Kleist bestätigt das.</p>"]]]);
    // Bob sees his private link too.
    expect((await views.linksOverview(bob.id, seminarId)).total).toBe(4);
  });

  it("filters by relation, member and tag", async () => {
    const count = async (f: Parameters<typeof views.linksOverview>[2]) => (await views.linksOverview(alice.id, seminarId, f)).total;
    expect(await count({ relation: "paraphrase" })).toBe(1);
    expect(await count({ member: bob.id })).toBe(2);
    expect(await count({ member: alice.id, relation: "cites" })).toBe(0);
    expect(await count({ tag: "diplomatie" })).toBe(1);
  });

  it("opens both passages of a row in the reader", async () => {
    const o = await views.linksOverview(alice.id, seminarId, { relation: "same-event" });
    const row = o.pairs[0].links[0];
    const parsed = parseLayout(new URLSearchParams(views.bothPassagesQuery(row.ends)));
    expect(parsed).toEqual({
      ok: true,
      layout: {
        slugs: ["forum-de", "essay-en"],
        sync: false,
        target: { pane: 0, blockId: "p1", blockStart: 0, blockEnd: 8 },
        peer: { pane: 1, blockId: "p1", blockStart: 0, blockEnd: 7 },
      },
    });
  });
});
