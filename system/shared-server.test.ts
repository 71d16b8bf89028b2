/**
 * Two app instances on one PostgreSQL database, as a department's shared server runs them:
 *  - a note saved through instance A reaches a member's live stream on instance B (LISTEN/NOTIFY);
 *  - a stream that drops and reconnects with Last-Event-ID gets exactly what it missed, from either instance;
 *  - the database going away: API answers 503 `database-unavailable`, pages show the translated error page,
 *    and both instances recover by themselves when it returns — live fan-out included.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  demoSeminar,
  Member,
  noteBody,
  postgresAvailable,
  privatePostgres,
  randomPort,
  readEvents,
  seed,
  sleep,
  startApp,
  type AppServer,
  type DemoSeminar,
  type PgServer,
} from "./harness";

describe.skipIf(!postgresAvailable())("shared server: two instances on PostgreSQL", () => {
  let pg: PgServer;
  let a: AppServer;
  let b: AppServer;
  let anna: Member; // student, writes through A
  let irene: Member; // instructor, reads through B
  let seminar: DemoSeminar;

  beforeAll(async () => {
    pg = privatePostgres();
    pg.createMigratedDatabase("synopse");
    seed("postgresql", pg.url("synopse"));
    const port = randomPort();
    [a, b] = await Promise.all([startApp("postgresql", pg.url("synopse"), port), startApp("postgresql", pg.url("synopse"), port + 1)]);
    anna = await Member.signIn(a.base, "student1@synopse.test");
    irene = await Member.signIn(b.base, "instructor@synopse.test");
    seminar = await demoSeminar(anna);
  });

  afterAll(async () => {
    await Promise.all([a?.kill(), b?.kill()]);
    pg?.destroy();
  });

  const events = (m: Member, lastEventId?: number) =>
    m.fetch(`/api/seminars/${seminar.id}/events`, { headers: lastEventId === undefined ? {} : { "last-event-id": String(lastEventId) } });

  it("fans a note saved on A out to a live stream on B", async () => {
    const stream = await events(irene);
    expect(stream.headers.get("content-type")).toMatch(/^text\/event-stream/);
    await sleep(300); // the stream subscribes before the note is saved
    const saved = Date.now();
    const res = await anna.fetch(`/api/seminars/${seminar.id}/annotations`, { method: "POST", body: noteBody(seminar, "Across instances") });
    expect(res.status).toBe(201);
    const note = (await res.json()) as { id: string };
    const got = await readEvents(stream, (es) => es.some((e) => e.data.includes(note.id)), 10_000);
    const hit = got.find((e) => e.data.includes(note.id));
    expect(hit?.event).toBe("annotation.created");
    expect(Date.now() - saved).toBeLessThan(5000);
  });

  it("replays what a dropped stream missed when it reconnects with Last-Event-ID (to the other instance too)", async () => {
    const list = await irene.json<{ lastEventId: number }>(`/api/seminars/${seminar.id}/annotations`);
    const missed: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await anna.fetch(`/api/seminars/${seminar.id}/annotations`, { method: "POST", body: noteBody(seminar, `While offline ${i}`, i) });
      expect(res.status).toBe(201);
      missed.push(((await res.json()) as { id: string }).id);
    }
    for (const member of [irene, irene.on(a.base)]) {
      const got = await readEvents(await events(member, list.lastEventId), (es) => missed.every((id) => es.some((e) => e.data.includes(id))), 10_000);
      expect(missed.filter((id) => !got.some((e) => e.data.includes(id)))).toEqual([]);
      // In order, each exactly once.
      const ids = got.map((e) => e.id!);
      expect([...ids].sort((x, y) => x - y)).toEqual(ids);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it("answers 503 database-unavailable and a translated error page while the database is down, and recovers when it returns", async () => {
    pg.stop("fast");
    try {
      const api = await anna.fetch(`/api/seminars/${seminar.id}/annotations`);
      expect(api.status).toBe(503);
      expect(await api.json()).toEqual({ code: "database-unavailable" });
      const write = await anna.fetch(`/api/seminars/${seminar.id}/annotations`, { method: "POST", body: noteBody(seminar, "Lost?") });
      expect(write.status).toBe(503);

      for (const [locale, phrase] of [
        ["en", "Something went wrong"],
        ["de", "Etwas ist schiefgegangen"],
      ] as const) {
        const page = await irene.fetch(`/${locale}/seminars/${seminar.id}`);
        const html = await page.text();
        expect(page.status).toBeGreaterThanOrEqual(500);
        expect(html).toContain(phrase);
        expect(html).not.toMatch(/ECONNREFUSED|DriverAdapterError|at .*\.js:\d+/);
      }
      expect(a.process.exitCode).toBeNull();
      expect(b.process.exitCode).toBeNull();
    } finally {
      pg.start();
    }
    // Recovery without restarting the instances: reads, writes, and live fan-out B ← A.
    let status = 0;
    for (let i = 0; i < 40 && status !== 200; i++) {
      status = (await anna.fetch(`/api/seminars/${seminar.id}/annotations`)).status;
      if (status !== 200) await sleep(250);
    }
    expect(status).toBe(200);
    const page = await irene.fetch(`/en/seminars/${seminar.id}`);
    expect(page.status).toBe(200);
    await sleep(1500); // B's listener reconnects with backoff
    const stream = await events(irene);
    await sleep(300);
    const res = await anna.fetch(`/api/seminars/${seminar.id}/annotations`, { method: "POST", body: noteBody(seminar, "After the outage") });
    expect(res.status).toBe(201);
    const note = (await res.json()) as { id: string };
    const got = await readEvents(stream, (es) => es.some((e) => e.data.includes(note.id)), 10_000);
    expect(got.some((e) => e.data.includes(note.id))).toBe(true);
  });
});
