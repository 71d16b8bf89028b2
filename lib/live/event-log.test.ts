/**
 * A seminar's event ids become visible in id order (issue 19, item 1), on PostgreSQL where app instances
 * share one sequence and commit in any order: a writer that takes an id after another writer of the same
 * seminar cannot commit before it, so a live stream that read id N never finds a smaller id appearing later.
 * Other seminars do not wait. (SQLite has one writer at a time; the end-to-end proof with two real instances
 * and 2,400 notes is system/live-delivery.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser, setupTestDatabase, type TestDatabase } from "@/lib/annotations/testing/db";

let testDb: TestDatabase;
let seminarA = "";
let seminarB = "";
let actor = "";

beforeAll(async () => {
  testDb = await setupTestDatabase();
  const seminars = await import("@/lib/seminars");
  actor = (await createTestUser("Writer")).id;
  seminarA = (await seminars.createSeminar(actor, { title: "Ordered A", documents: [] })).id;
  seminarB = (await seminars.createSeminar(actor, { title: "Ordered B", documents: [] })).id;
});
afterAll(async () => testDb?.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(process.env.TEST_DATABASE !== "postgresql")("event ids across concurrent transactions (PostgreSQL)", () => {
  it("a later writer of the same seminar commits after the earlier one; another seminar's writer does not wait", async () => {
    const { db } = await import("@/lib/db/client");
    const { insertEvents } = await import("./event-log");
    const { latestEventId } = await import("./stream");
    const event = (seminarId: string) => ({ seminarId, type: "annotation.created", annotationId: `x-${Math.random()}`, actorId: actor, payload: "{}" });

    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let firstId = 0;
    // The first writer takes its id, then stays uncommitted (as a slow transaction on another instance would).
    const first = db().$transaction(
      async (tx) => {
        [firstId] = await insertEvents(tx, [event(seminarA)]);
        await held;
      },
      { timeout: 20_000 },
    );
    while (!firstId) await sleep(10);

    let secondCommitted = false;
    const second = db()
      .$transaction(async (tx) => insertEvents(tx, [event(seminarA)]), { timeout: 20_000, maxWait: 20_000 })
      .then(([id]) => {
        secondCommitted = true;
        return id;
      });
    const other = await db().$transaction(async (tx) => insertEvents(tx, [event(seminarB)]), { timeout: 20_000 });
    expect(other[0]).toBeGreaterThan(firstId); // seminar B wrote and committed meanwhile

    await sleep(500);
    // Without the ordering, the second writer would be committed by now with an id above the first's, and a
    // stream reading seminar A would move its cursor past the first writer's still-invisible id.
    expect(secondCommitted).toBe(false);
    expect(await latestEventId(seminarA)).toBeLessThan(firstId);

    release();
    await first;
    const secondId = await second;
    expect(secondId).toBeGreaterThan(firstId);
    expect(await latestEventId(seminarA)).toBe(secondId);
  });
});
