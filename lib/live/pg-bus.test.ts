/**
 * The LISTEN/NOTIFY bus between two "instances" (two buses, two connections) on a real PostgreSQL server.
 * Runs only with a postgresql:// DATABASE_URL (scripts/pg-test.sh or scripts/test-shared.sh start one).
 */
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createPgBus, parseSignal, type PgEventBus } from "./pg-bus";

const url = process.env.DATABASE_URL ?? "";
const onPostgres = url.startsWith("postgres");

function waitFor<T>(get: () => T | undefined, ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      const v = get();
      if (v !== undefined) return resolve(v);
      if (Date.now() - started > ms) return reject(new Error("timed out"));
      setTimeout(tick, 20);
    };
    tick();
  });
}

describe("parseSignal", () => {
  it("reads seminarId:eventId and refuses anything else", () => {
    expect(parseSignal("abc-123:42")).toEqual({ seminarId: "abc-123", eventId: 42 });
    expect(parseSignal("a:b:7")).toEqual({ seminarId: "a:b", eventId: 7 });
    for (const bad of [undefined, "", ":5", "abc", "abc:", "abc:-1", "abc:1.5", "abc:99999999999999999999"]) expect(parseSignal(bad)).toBeNull();
  });
});

describe.skipIf(!onPostgres)("LISTEN/NOTIFY bus across instances", () => {
  const buses: PgEventBus[] = [];
  const channel = `synopse_test_${process.pid}`;
  const make = (minBackoffMs = 50) => {
    const b = createPgBus({ connectionString: url, channel, log: () => {}, minBackoffMs, maxBackoffMs: 1000 });
    buses.push(b);
    return b;
  };
  afterAll(async () => {
    await Promise.all(buses.map((b) => b.close()));
  });

  it("delivers a signal published on one instance to subscribers on the other, and only for their seminar", async () => {
    const a = make();
    const b = make();
    await Promise.all([a.ready(), b.ready()]);
    const seenOnB: number[] = [];
    const otherSeminar: number[] = [];
    b.subscribe("seminar-1", (id) => seenOnB.push(id));
    b.subscribe("seminar-2", (id) => otherSeminar.push(id));
    a.publish("seminar-1", 17);
    await waitFor(() => (seenOnB.includes(17) ? true : undefined));
    expect(otherSeminar).toEqual([]);
    // The publishing instance's own streams hear it too (through the same round trip).
    const seenOnA: number[] = [];
    a.subscribe("seminar-1", (id) => seenOnA.push(id));
    a.publish("seminar-1", 18);
    await waitFor(() => (seenOnA.includes(18) && seenOnB.includes(18) ? true : undefined));
  });

  it("reconnects after its connection is killed and wakes its streams to catch up on what was published meanwhile", async () => {
    const a = make();
    const b = make();
    await Promise.all([a.ready(), b.ready()]);
    const seen: number[] = [];
    const off = b.subscribe("seminar-3", (id) => seen.push(id));
    // Kill b's listening connection: b goes deaf.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const before = b.backendPid();
    expect(before).toBeTypeOf("number");
    await admin.query("SELECT pg_terminate_backend($1)", [before]);
    await waitFor(() => (!b.connected() ? true : undefined));
    a.publish("seminar-3", 99); // b misses this NOTIFY…
    await waitFor(() => (b.connected() ? true : undefined));
    expect(b.backendPid()).not.toBe(before);
    // …but is woken after reconnecting (signal 0 = "re-read the table").
    await waitFor(() => (seen.length > 0 ? true : undefined));
    off();
    await admin.end();
  });

  it("while disconnected, signals its own streams at once and re-announces to other instances after reconnecting", async () => {
    const a = make(600); // stays down long enough to publish while deaf
    const b = make();
    await Promise.all([a.ready(), b.ready()]);
    const onA: number[] = [];
    const onB: number[] = [];
    a.subscribe("seminar-4", (id) => onA.push(id));
    b.subscribe("seminar-4", (id) => onB.push(id));
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query("SELECT pg_terminate_backend($1)", [a.backendPid()]);
    await waitFor(() => (!a.connected() ? true : undefined));
    a.publish("seminar-4", 123);
    expect(onA).toContain(123); // synchronously, without the database
    await waitFor(() => (onB.includes(123) ? true : undefined)); // re-announced once a is back
    await admin.end();
  });
});
