/**
 * Bad links get a clear code and store nothing; good links store both ends in their own language and
 * follow a passage that moved. Runs the annotation store against a temp SQLite database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError, type ErrorCode } from "@/lib/errors";
import { setDocumentCatalog, staticCatalog } from "@/lib/seminars/catalog";
import { createTestUser, setupTestDatabase, testDocument, type TestDatabase } from "@/lib/annotations/testing/db";

type Store = typeof import("@/lib/annotations/store");

const forum = testDocument("forum-de", ["Semjonow traf sich 1943 in Stockholm mit Kleist.", "Ein zweiter Absatz ohne Namen."], "de");
const essay = testDocument("essay-en", ["Semenov met Kleist in Stockholm in 1943.", "A paragraph about nothing."], "en");
const elsewhere = testDocument("elsewhere", ["Only in the other seminar."], "en");
// The essay as it was when an old client described a passage: one sentence more at the start.
const essayBefore = testDocument(
  "essay-en",
  ["An introductory sentence that was later cut.", "Semenov met Kleist in Stockholm in 1943.", "A paragraph about nothing."],
  "en",
);

let testDb: TestDatabase;
let store: Store;
let alice: { id: string };
let seminarId: string;

async function codeOf(p: Promise<unknown>): Promise<ErrorCode | "ok"> {
  try {
    await p;
    return "ok";
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
}

const A = { documentSlug: "forum-de", blockId: "p1", blockStart: 0, blockEnd: 8 }; // "Semjonow"
const B = { documentSlug: "essay-en", blockId: "p1", blockStart: 0, blockEnd: 7 }; // "Semenov"
const link = (extra: Record<string, unknown> = {}) => ({ motivation: "linking", relation: "same-event", target: A, bodyTarget: B, ...extra });

async function linkCount(): Promise<number> {
  const { db } = await import("@/lib/db/client");
  return db().annotation.count({ where: { seminarId, motivation: "linking" } });
}

beforeAll(async () => {
  testDb = await setupTestDatabase();
  setDocumentCatalog(staticCatalog([forum, essay, elsewhere]));
  store = await import("@/lib/annotations/store");
  const seminars = await import("@/lib/seminars");
  const instructor = await createTestUser("Instructor");
  alice = await createTestUser("Alice");
  const s = await seminars.createSeminar(instructor.id, { title: "Links", documents: ["forum-de", "essay-en"] });
  seminarId = s.id;
  await seminars.joinByInvite(alice.id, s.inviteCode);
  await seminars.createSeminar(instructor.id, { title: "Other", documents: ["elsewhere"] });
});
afterAll(async () => testDb?.close());

describe("link validation", () => {
  it("stores a valid link with each end in its own language", async () => {
    const created = await store.createAnnotation(alice.id, seminarId, link({ body: "<p>Same meeting</p>" }));
    expect(created.motivation).toBe("linking");
    expect(created.relation).toBe("same-event");
    expect(created.targets.map((t) => [t.role, t.documentSlug, t.lang, t.exact])).toEqual([
      ["target", "forum-de", "de", "Semjonow"],
      ["body", "essay-en", "en", "Semenov"],
    ]);
  });

  it("answers each bad input with its own code and stores nothing", async () => {
    const before = await linkCount();
    const cases: Array<[Record<string, unknown>, ErrorCode]> = [
      [link({ bodyTarget: A }), "link-to-self"],
      // Overlapping passages of one document are the same passage for a link.
      [link({ bodyTarget: { ...A, blockStart: 4, blockEnd: 20 } }), "link-to-self"],
      [link({ relation: "agrees" }), "invalid-relation"],
      [link({ relation: undefined }), "invalid-relation"],
      [link({ relation: null }), "invalid-relation"],
      [link({ bodyTarget: { documentSlug: "elsewhere", blockId: "p1", blockStart: 0, blockEnd: 4 } }), "document-not-in-seminar"],
      [link({ target: { documentSlug: "elsewhere", blockId: "p1", blockStart: 0, blockEnd: 4 } }), "document-not-in-seminar"],
      [link({ bodyTarget: { documentSlug: "no-such-document", blockId: "p1", blockStart: 0, blockEnd: 4 } }), "unknown-document"],
      [link({ bodyTarget: { ...B, exact: "Molotov", prefix: "", suffix: " met Kleist" } }), "link-end-orphaned"],
      [link({ bodyTarget: undefined }), "invalid-target"],
    ];
    for (const [input, code] of cases) expect([input, await codeOf(store.createAnnotation(alice.id, seminarId, input))]).toEqual([input, code]);
    expect(await linkCount()).toBe(before);
  });

  it("accepts two different passages of the same document", async () => {
    const other = { documentSlug: "forum-de", blockId: "p2", blockStart: 0, blockEnd: 3 };
    expect(await codeOf(store.createAnnotation(alice.id, seminarId, link({ bodyTarget: other, relation: "context" })))).toBe("ok");
  });

  it("follows an end described on an older version of the text to where it is now", async () => {
    // Offsets and quote as an old client saw them: block p2 of the earlier essay.
    const old = essayBefore.blocks[1].text;
    const created = await store.createAnnotation(
      alice.id,
      seminarId,
      link({
        bodyTarget: {
          documentSlug: "essay-en",
          documentVersion: essayBefore.version,
          blockId: "p2",
          blockStart: 0,
          blockEnd: 18,
          exact: old.slice(0, 18),
          prefix: "later cut.\n\n",
          suffix: old.slice(18) + "\n\nA paragraph",
        },
      }),
    );
    expect(created.targets[1]).toMatchObject({ blockId: "p1", blockStart: 0, blockEnd: 18, exact: "Semenov met Kleist", documentVersion: essay.version });
  });

  it("refuses a relation outside the list on edit, and keeps the old one", async () => {
    const created = await store.createAnnotation(alice.id, seminarId, link({ relation: "cites" }));
    expect(await codeOf(store.updateAnnotation(alice.id, created.id, { revision: 1, relation: "refutes" }))).toBe("invalid-relation");
    const updated = await store.updateAnnotation(alice.id, created.id, { revision: 1, relation: "contradicts" });
    expect(updated.relation).toBe("contradicts");
    expect((await store.getAnnotation(alice.id, created.id)).relation).toBe("contradicts");
  });
});
