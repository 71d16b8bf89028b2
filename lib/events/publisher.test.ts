/**
 * The write publisher (./publisher) against a real database: subscribers run inside the write's transaction,
 * in phase order; one that throws rolls the whole write back; after-commit work runs only after a commit;
 * a write with a phase nobody subscribed to throws before it writes anything.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { setupTestDatabase, type TestDatabase } from "@/lib/annotations/testing/db";
import type { Publisher as PublisherClass } from "./publisher";

type Event = { type: "thing.written"; key: string };
type Phase = "first" | "last";

let testDb: TestDatabase;
let Publisher: typeof PublisherClass;
let db: typeof import("@/lib/db/client").db;
let publisher: PublisherClass<Event, Phase>;

beforeAll(async () => {
  testDb = await setupTestDatabase();
  ({ Publisher } = await import("./publisher"));
  ({ db } = await import("@/lib/db/client"));
});
afterAll(async () => testDb?.close());

beforeEach(() => {
  publisher = new Publisher<Event, Phase>(`test-${randomUUID()}`, [{ name: "first" }, { name: "last" }]);
});

/** The write under test: one row keyed `key`; its subscribers add rows keyed `key:<name>`. */
const write = (key: string) =>
  publisher.commit(async (tx) => {
    await tx.searchIndexState.create({ data: { key, value: "written" } });
    return { result: key, events: [{ type: "thing.written", key }] };
  });
const rowsLike = async (key: string) =>
  (await db().searchIndexState.findMany({ where: { key: { startsWith: key } }, orderBy: { key: "asc" } })).map((r) => r.key);

describe("a write and its subscribers", () => {
  it("run in one transaction, in phase order whatever the order of registration, then after-commit work", async () => {
    const order: string[] = [];
    let seenAfterCommit: string[] = [];
    const key = `w-${randomUUID()}`;
    publisher.subscribe({
      name: "log",
      phase: "last",
      async handle(tx, events) {
        order.push("last");
        // Inside the transaction: the write's row is visible through the transaction client.
        expect(await tx.searchIndexState.count({ where: { key: events[0].key } })).toBe(1);
        await tx.searchIndexState.create({ data: { key: `${events[0].key}:log`, value: "x" } });
        return () => {
          order.push("after-commit");
          void rowsLike(key).then((r) => (seenAfterCommit = r));
        };
      },
    });
    publisher.subscribe({
      name: "index",
      phase: "first",
      async handle(tx, events) {
        order.push("first");
        await tx.searchIndexState.create({ data: { key: `${events[0].key}:index`, value: "x" } });
      },
    });
    expect(await write(key)).toBe(key);
    expect(order).toEqual(["first", "last", "after-commit"]);
    expect(await rowsLike(key)).toEqual([key, `${key}:index`, `${key}:log`]);
    await new Promise((r) => setTimeout(r, 50));
    expect(seenAfterCommit).toEqual([key, `${key}:index`, `${key}:log`]);
  });

  it("a subscriber that throws rolls the write back, and no after-commit work runs", async () => {
    let afterCommitRan = false;
    publisher.subscribe({
      name: "index",
      phase: "first",
      async handle(tx, events) {
        await tx.searchIndexState.create({ data: { key: `${events[0].key}:index`, value: "x" } });
        return () => void (afterCommitRan = true);
      },
    });
    publisher.subscribe({
      name: "log",
      phase: "last",
      async handle() {
        throw new Error("the log is full");
      },
    });
    const key = `r-${randomUUID()}`;
    await expect(write(key)).rejects.toThrow("the log is full");
    expect(await rowsLike(key)).toEqual([]);
    expect(afterCommitRan).toBe(false);
  });

  it("with nothing registered for a phase, the write throws loudly and writes nothing", async () => {
    const key = `n-${randomUUID()}`;
    await expect(write(key)).rejects.toThrow(/no subscriber for first, last/);
    publisher.subscribe({ name: "index", phase: "first", handle: async () => undefined });
    await expect(write(key)).rejects.toThrow(/no subscriber for last/);
    expect(await rowsLike(key)).toEqual([]);
  });

  it("registering a name again replaces its subscriber (a second start-up does not run it twice)", async () => {
    let runs = 0;
    const sub = { name: "index", phase: "first" as const, handle: async () => void runs++ };
    publisher.subscribe(sub);
    publisher.subscribe({ ...sub });
    publisher.subscribe({ name: "log", phase: "last", handle: async () => undefined });
    await write(`d-${randomUUID()}`);
    expect(runs).toBe(1);
  });

  it("refuses a subscriber for a phase the publisher does not have", () => {
    expect(() => publisher.subscribe({ name: "x", phase: "middle" as Phase, handle: async () => undefined })).toThrow(/no phase "middle"/);
  });
});
