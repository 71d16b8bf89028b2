/**
 * The reader's live-anchoring server action (issue 14, item 5): signed-in readers only, only documents they
 * may read (an unknown text and another seminar's upload answer alike), and bounded work per call.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser, setupTestDatabase, type TestDatabase } from "@/lib/annotations/testing/db";
import { listDocuments, getDocument } from "@/lib/content/store";
import { BLOCK_SEPARATOR } from "@/lib/content/text";

let testDb: TestDatabase;
let live: typeof import("./live-anchor");

beforeAll(async () => {
  testDb = await setupTestDatabase();
  live = await import("./live-anchor");
});
afterAll(async () => testDb?.close());

function noteOn(slug: string, id: string, exactLength?: number) {
  const doc = getDocument(slug)!;
  const block = doc.blocks.find((b) => b.text.length > 40)!;
  const start = doc.blocks.slice(0, doc.blocks.indexOf(block)).reduce((n, b) => n + b.text.length + BLOCK_SEPARATOR.length, 0);
  const exact = exactLength ? "x".repeat(exactLength) : block.text.slice(5, 30);
  const target = {
    role: "target" as const,
    documentSlug: slug,
    documentVersion: "older",
    lang: doc.meta.lang,
    blockId: block.id,
    blockStart: 5,
    blockEnd: 30,
    start: start + 5,
    end: start + 30,
    exact,
    prefix: block.text.slice(0, 5),
    suffix: block.text.slice(30, 62),
  };
  return { id, targets: [target] };
}

describe("anchorLiveNotesFor", () => {
  it("anchors for a signed-in reader of a library text", async () => {
    const reader = await createTestUser("Reader");
    const slug = listDocuments()[0].slug;
    const result = await live.anchorLiveNotesFor(reader.id, slug, [noteOn(slug, "n1")]);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.anchors.n1.status).not.toBe("orphan");
  });

  it("refuses without a session", async () => {
    const slug = listDocuments()[0].slug;
    expect(await live.anchorLiveNotesFor(null, slug, [noteOn(slug, "n1")])).toEqual({ ok: false, code: "unauthenticated" });
  });

  it("answers another seminar's upload exactly like an unknown text", async () => {
    const { db } = await import("@/lib/db/client");
    const owner = await createTestUser("Owner");
    const stranger = await createTestUser("Stranger");
    const seminar = await db().seminar.create({
      data: { title: "Private", inviteCode: `code-${owner.id}`, members: { create: { userId: owner.id, role: "instructor" } } },
    });
    await db().seminarDocument.create({ data: { seminarId: seminar.id, slug: "their-upload" } });
    const slug = listDocuments()[0].slug;
    const foreign = await live.anchorLiveNotesFor(stranger.id, "their-upload", [noteOn(slug, "n1")]);
    const unknown = await live.anchorLiveNotesFor(stranger.id, "no-such-text", [noteOn(slug, "n1")]);
    expect(foreign).toEqual({ ok: false, code: "unknown-document" });
    expect(unknown).toEqual(foreign);
  });

  it("caps the work: notes per call, targets per note, quote length", async () => {
    const reader = await createTestUser("Greedy");
    const slug = listDocuments()[0].slug;
    const many = Array.from({ length: 200 }, (_, i) => noteOn(slug, `n${i}`));
    expect(await live.anchorLiveNotesFor(reader.id, slug, many)).toEqual({ ok: false, code: "invalid-request" });
    const fourTargets = { id: "n", targets: Array(4).fill(noteOn(slug, "n").targets[0]) };
    expect(await live.anchorLiveNotesFor(reader.id, slug, [fourTargets])).toEqual({ ok: false, code: "invalid-request" });
    expect(await live.anchorLiveNotesFor(reader.id, slug, [noteOn(slug, "n", 50_001)])).toEqual({ ok: false, code: "invalid-request" });
    const heavy = Array.from({ length: 3 }, (_, i) => noteOn(slug, `h${i}`, 40_000));
    expect(await live.anchorLiveNotesFor(reader.id, slug, heavy)).toEqual({ ok: false, code: "invalid-request" });
    expect(await live.anchorLiveNotesFor(reader.id, slug, "not a list")).toEqual({ ok: false, code: "invalid-request" });
  });
});
