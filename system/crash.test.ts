/**
 * The server killed with SIGKILL in the middle of a burst of writes loses no note whose save was
 * acknowledged (201 received), on SQLite (rollback journal, synchronous=FULL — better-sqlite3's default
 * outside WAL) and on PostgreSQL (fsync on). Notes whose request died with the server may or may not
 * exist — the client was never told either way — but none exists half-written (without its passage or
 * its event).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { demoSeminar, Member, migratedSqlite, noteBody, postgresAvailable, privatePostgres, randomPort, seed, sleep, startApp, type Provider } from "./harness";

const cleanups: Array<() => void | Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function database(provider: Provider): Promise<string> {
  if (provider === "postgresql") {
    const pg = privatePostgres(undefined, { durable: true });
    cleanups.push(() => pg.destroy());
    pg.createMigratedDatabase("synopse");
    return pg.url("synopse");
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "synopse-crash-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  migratedSqlite(path.join(dir, "crash.db"));
  return `file:${path.join(dir, "crash.db")}`;
}

const providers: Provider[] = postgresAvailable() ? ["sqlite", "postgresql"] : ["sqlite"];

describe.each(providers)("SIGKILL during a burst of writes (%s)", (provider) => {
  it("keeps every acknowledged note, whole", async () => {
    const url = await database(provider);
    seed(provider, url);
    const port = randomPort();
    const server = await startApp(provider, url, port);
    cleanups.push(() => server.kill("SIGKILL"));
    const anna = await Member.signIn(server.base, "student1@synopse.test");
    const seminar = await demoSeminar(anna);

    const acknowledged: string[] = [];
    let failed = 0;
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        try {
          const res = await anna.fetch(`/api/seminars/${seminar.id}/annotations`, { method: "POST", body: noteBody(seminar, `burst ${w}/${i}`, w * 7 + i) });
          if (res.status === 201) acknowledged.push(((await res.json()) as { id: string }).id);
          else failed++;
        } catch {
          failed++; // the connection died with the server: not acknowledged
          return;
        }
      }
    };
    const writers = Array.from({ length: 16 }, (_, w) => writer(w));
    while (acknowledged.length < 40) await sleep(20);
    server.process.kill("SIGKILL");
    stop = true;
    await Promise.all(writers);
    const before = acknowledged.length;
    expect(before).toBeGreaterThanOrEqual(40);
    expect(failed).toBeGreaterThan(0); // requests were in flight when it died

    const restarted = await startApp(provider, url, port + 1);
    cleanups.push(() => restarted.kill());
    const again = anna.on(restarted.base);
    // Every page of the list (it comes a bounded page at a time).
    const annotations: Array<{ id: string; bodyText: string; targets: unknown[] }> = [];
    for (let after: string | null = "", pages = 0; after !== null && pages < 1000; pages++) {
      const page: { annotations: typeof annotations; next: string | null } = await again.json(
        `/api/seminars/${seminar.id}/annotations?limit=500${after ? `&after=${after}` : ""}`,
      );
      annotations.push(...page.annotations);
      after = page.next;
    }
    const present = new Set(annotations.map((x) => x.id));
    const lost = acknowledged.filter((id) => !present.has(id));
    // The figure bench/RESULTS.md reports.
    console.log(`[crash ${provider}] acknowledged ${acknowledged.length}, lost ${lost.length}, requests that died with the server ${failed}`);
    expect(lost).toEqual([]);
    // Nothing half-written: every burst note has its passage and its event.
    for (const x of annotations.filter((x) => x.bodyText.startsWith("burst"))) expect(x.targets).toHaveLength(1);
    const events = await again.fetch(`/api/seminars/${seminar.id}/events`, { headers: { "last-event-id": "0" } });
    const text = await (async () => {
      const reader = events.body!.getReader();
      let s = "";
      const deadline = Date.now() + 5000;
      while (Date.now() < deadline && !acknowledged.every((id) => s.includes(id))) {
        const r = await Promise.race([reader.read(), sleep(1000).then(() => null)]);
        if (!r || r.done) break;
        s += new TextDecoder().decode(r.value);
      }
      await reader.cancel().catch(() => {});
      return s;
    })();
    expect(acknowledged.filter((id) => !text.includes(id))).toEqual([]);
  });
});
