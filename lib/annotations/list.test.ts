/**
 * A seminar past 1,000 notes (SQLite refused lists of every id in one statement from 998 root notes on):
 * every view still answers, pages are bounded, and walking the pages gives each annotation the member may
 * see exactly once, each thread's root before its replies — also when a thread is longer than a page.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import { setDocumentCatalog, staticCatalog } from "@/lib/seminars/catalog";
import { createTestUser, setupTestDatabase, testDocument, type TestDatabase } from "./testing/db";
import type { AnnotationDto } from "./types";

const essay = testDocument("essay-en", ["The separate peace was never signed.", "Stalin probed Berlin twice in 1943."], "en");
const other = testDocument("other-en", ["Another text of the seminar."], "en");
const few = testDocument("few-en", ["A text with a handful of notes among the seminar's many."], "en");

const ROOTS = 1_200;
const LONG_THREAD = 260;

let testDb: TestDatabase;
let list: typeof import("./list");
let store: typeof import("./store");
let alice: { id: string }, bob: { id: string }, instructor: { id: string };
let seminarId: string;
let template: AnnotationDto;
let privateOfBob: AnnotationDto;
let longThreadRoot: AnnotationDto;

/** Rows written straight through the store's batch insert (what a thousand saves leave behind, in a second). */
async function insertMany(list: AnnotationDto[]): Promise<void> {
  const { db } = await import("@/lib/db/client");
  const { insertAnnotations } = await import("./insert");
  for (let i = 0; i < list.length; i += 200) await db().$transaction((tx) => insertAnnotations(tx, list.slice(i, i + 200)));
}

function copy(base: AnnotationDto, at: number, patch: Partial<AnnotationDto> = {}): AnnotationDto {
  const createdAt = new Date(Date.UTC(2026, 0, 1) + at * 1000).toISOString();
  return { ...base, id: randomUUID(), createdAt, updatedAt: createdAt, ...patch };
}

beforeAll(async () => {
  testDb = await setupTestDatabase();
  setDocumentCatalog(staticCatalog([essay, other, few]));
  list = await import("./list");
  store = await import("./store");
  const seminars = await import("@/lib/seminars");
  instructor = await createTestUser("Instructor");
  alice = await createTestUser("Alice");
  bob = await createTestUser("Bob");
  const s = await seminars.createSeminar(instructor.id, { title: "Many notes", documents: ["essay-en", "other-en", "few-en"] });
  seminarId = s.id;
  await seminars.joinByInvite(alice.id, s.inviteCode);
  await seminars.joinByInvite(bob.id, s.inviteCode);
  template = await store.createAnnotation(alice.id, seminarId, {
    target: { documentSlug: "essay-en", blockId: "p1", blockStart: 4, blockEnd: 17 },
    body: "<p>first</p>",
  });
  const onOther = await store.createAnnotation(bob.id, seminarId, {
    target: { documentSlug: "other-en", blockId: "p1", blockStart: 0, blockEnd: 7 },
    body: "<p>other</p>",
  });
  const rows: AnnotationDto[] = [];
  for (let i = 0; i < ROOTS; i++)
    rows.push(copy(i % 2 ? template : { ...onOther, author: { id: bob.id, name: "Bob" } }, i + 10, { bodyText: `note ${i}`, bodyHtml: `<p>note ${i}</p>` }));
  privateOfBob = copy(onOther, ROOTS + 20, { visibility: "private", author: { id: bob.id, name: "Bob" } });
  rows.push(privateOfBob);
  // One thread longer than any page: a root and LONG_THREAD replies.
  longThreadRoot = copy(template, ROOTS + 30);
  rows.push(longThreadRoot);
  for (let i = 0; i < LONG_THREAD; i++) {
    rows.push(
      copy(template, ROOTS + 31 + i, { motivation: "replying", parentId: longThreadRoot.id, rootId: longThreadRoot.id, targets: [], bodyText: `reply ${i}` }),
    );
  }
  await insertMany(rows);
}, 120_000);

afterAll(async () => {
  await testDb?.close();
});

async function walk(userId: string, options: { documents?: string[]; limit?: number } = {}): Promise<{ all: AnnotationDto[]; pages: number[] }> {
  const all: AnnotationDto[] = [];
  const pages: number[] = [];
  let after: string | null = null;
  do {
    const page: import("./list").AnnotationPage = await list.pageAnnotations(userId, seminarId, { ...options, after });
    all.push(...page.annotations);
    pages.push(page.annotations.length);
    after = page.next;
  } while (after && pages.length < 1000);
  return { all, pages };
}

describe("a seminar with more notes than one statement can list", () => {
  it("pages hold at most the limit and together everything the member may see, once, roots before their replies", async () => {
    const { all, pages } = await walk(alice.id, { limit: 100 });
    expect(Math.max(...pages)).toBeLessThanOrEqual(100);
    const ids = all.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    // 1,200 copies + the two notes made through the store + the long thread; not Bob's private note.
    expect(ids.length).toBe(ROOTS + 2 + 1 + LONG_THREAD);
    expect(ids).not.toContain(privateOfBob.id);
    const seen = new Set<string>();
    for (const a of all) {
      if (a.rootId) expect(seen.has(a.rootId), "root before reply").toBe(true);
      seen.add(a.id);
    }
    // The long thread was cut across pages and arrives whole, in order.
    const replies = all.filter((a) => a.rootId === longThreadRoot.id).map((a) => a.bodyText);
    expect(replies).toEqual(Array.from({ length: LONG_THREAD }, (_, i) => `reply ${i}`));
  });

  it("Bob's own private note is in his pages", async () => {
    const { all } = await walk(bob.id, { limit: 500 });
    expect(all.some((a) => a.id === privateOfBob.id)).toBe(true);
  });

  it("narrows to documents without listing ids", async () => {
    const { all } = await walk(alice.id, { documents: ["other-en"], limit: 500 });
    expect(all.length).toBe(ROOTS / 2 + 1);
    expect(all.every((a) => a.targets.some((t) => t.documentSlug === "other-en"))).toBe(true);
  });

  it("a text with a handful of notes lists exactly this seminar's notes on it that the member may see, both ways", async () => {
    const seminars = await import("@/lib/seminars");
    const onFew = (blockStart: number) => ({ target: { documentSlug: "few-en", blockId: "p1", blockStart, blockEnd: blockStart + 4 } });
    const mine = [];
    for (let i = 0; i < 3; i++) mine.push(await store.createAnnotation(alice.id, seminarId, { ...onFew(i * 5), body: `<p>few ${i}</p>` }));
    const reply = await store.createAnnotation(bob.id, seminarId, { parentId: mine[1].id, body: "<p>an answer</p>" });
    const bobsPrivate = await store.createAnnotation(bob.id, seminarId, { ...onFew(30), body: "<p>only mine</p>", visibility: "private" });
    // The same text in another seminar: its passages share the text's index, never this seminar's pages.
    const elsewhere = await seminars.createSeminar(alice.id, { title: "Elsewhere", documents: ["few-en"] });
    await store.createAnnotation(alice.id, elsewhere.id, { ...onFew(40), body: "<p>elsewhere</p>" });
    const ids = async (userId: string, limit: number) => (await walk(userId, { documents: ["few-en"], limit })).all.map((a) => a.id);
    const alicePages = [mine[0].id, mine[1].id, reply.id, mine[2].id];
    expect(await ids(alice.id, 2)).toEqual(alicePages);
    expect(await ids(alice.id, 100)).toEqual(alicePages);
    expect(await ids(bob.id, 100)).toEqual([...alicePages, bobsPrivate.id]);
    const last = await list.pageAnnotationsBefore(alice.id, seminarId, { documents: ["few-en"], limit: 100, upto: null });
    expect(last.annotations.map((a) => a.id)).toEqual(alicePages);
  });

  it("walked backwards from the last page by prev, pages hold the same annotations in the same order", async () => {
    for (const [userId, limit] of [
      [alice.id, 100],
      [bob.id, 37],
    ] as const) {
      const forward = (await walk(userId, { limit })).all.map((a) => a.id);
      const pages: string[][] = [];
      let upto: string | null = null;
      let page = await list.pageAnnotationsBefore(userId, seminarId, { limit, upto: null });
      expect(page.next).toBeNull();
      for (;;) {
        expect(page.annotations.length).toBeGreaterThan(0);
        expect(page.annotations.length).toBeLessThanOrEqual(limit);
        // `next` of a page walked backwards leads on to the page after it.
        if (upto) expect((await list.pageAnnotations(userId, seminarId, { limit, after: page.next })).annotations[0]?.id).toBe(pages[0][0]);
        pages.unshift(page.annotations.map((a) => a.id));
        if (!page.prev || pages.length > 1000) break;
        upto = page.prev;
        page = await list.pageAnnotationsBefore(userId, seminarId, { limit, upto });
      }
      expect(pages.flat()).toEqual(forward);
    }
  });

  it("the count agrees with the pages when it can tell, up to its limit", async () => {
    const seen = (await walk(alice.id, { limit: 500 })).all.length;
    expect(await list.countAnnotations(alice.id, seminarId, { atMost: 5_000 })).toBe(seen);
    expect(await list.countAnnotations(alice.id, seminarId, { atMost: seen })).toBe(seen);
    expect(await list.countAnnotations(alice.id, seminarId, { documents: ["other-en"] })).toBeNull();
    // Past its limit (by default ten pages) it does not count on: the seminar holds more than that.
    expect(seen).toBeGreaterThan(list.COUNT_LIMIT);
    expect(await list.countAnnotations(alice.id, seminarId)).toBeNull();
    expect(await list.countAnnotations(alice.id, seminarId, { atMost: seen - 1 })).toBeNull();
  });

  it("a note written while paging neither shifts nor repeats a page", async () => {
    const first = await list.pageAnnotations(alice.id, seminarId, { limit: 50 });
    await store.createAnnotation(alice.id, seminarId, {
      target: { documentSlug: "essay-en", blockId: "p2", blockStart: 0, blockEnd: 6 },
      body: "<p>meanwhile</p>",
    });
    const second = await list.pageAnnotations(alice.id, seminarId, { limit: 50, after: first.next });
    const firstIds = new Set(first.annotations.map((a) => a.id));
    expect(second.annotations.some((a) => firstIds.has(a.id))).toBe(false);
    expect(second.annotations[0].createdAt >= first.annotations[first.annotations.length - 1].createdAt).toBe(true);
  });

  it("refuses a cursor it did not make and a limit that is not a number with 400", async () => {
    for (const after of ["garbage!", Buffer.from('["x"]').toString("base64url"), "a".repeat(1000)]) {
      const e = await list.pageAnnotations(alice.id, seminarId, { after }).catch((err: unknown) => err);
      expect(isAppError(e) && e.code).toBe("invalid-request");
    }
    expect(() => list.pageLimit("ten")).toThrow();
    expect(list.pageLimit("100000")).toBe(list.MAX_PAGE_SIZE);
  });

  it("the overview, heat strips, links and export answer", async () => {
    const { seminarOverview, documentsHeat } = await import("@/lib/teaching/overview");
    const overview = await seminarOverview(instructor.id, seminarId);
    expect(overview.members.find((m) => m.userId === alice.id)?.totals.notes).toBeGreaterThan(ROOTS / 2 - 1);
    const heat = await documentsHeat(alice.id, seminarId, ["essay-en", "other-en"]);
    expect(heat.get("other-en")?.total).toBe(ROOTS / 2 + 1);
    const { linksOverview } = await import("@/lib/links/views");
    expect((await linksOverview(alice.id, seminarId)).total).toBe(0);
    const { exportAnnotations } = await import("./export");
    const csv = await exportAnnotations(alice.id, seminarId, { scope: "seminar", format: "csv" });
    expect(csv.body.split("\r\n").filter(Boolean).length).toBeGreaterThan(ROOTS + LONG_THREAD);
  });
});
