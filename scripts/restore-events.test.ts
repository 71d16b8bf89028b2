/**
 * `npm run restore` on SQLite never lets an Event id be handed out twice (issue 19, item 7): after an older
 * backup is put back, new events are numbered after the largest id handed out before the restore, so an open
 * live stream — whose cursor may already be past every restored id — still receives them. (PostgreSQL: the
 * same through a real instance and its open stream, in system/live-delivery.test.ts.)
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { migratedSqlite } from "@/system/harness";
import { fixtureSql } from "@/system/fixture";

const dir = mkdtempSync(path.join(os.tmpdir(), "synopse-restore-events-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (script: string, args: string[], file: string) =>
  spawnSync("bash", [script, ...args], { env: { ...process.env, DATABASE_PROVIDER: "sqlite", DATABASE_URL: `file:${file}` }, encoding: "utf8" });

function addEvents(db: Database.Database, n: number): number[] {
  const insert = db.prepare(
    `INSERT INTO "Event" ("seminarId","type","annotationId","actorId","payload") VALUES ('fx-s','annotation.created','fx-a1','fx-u0','{}') RETURNING "id"`,
  );
  return Array.from({ length: n }, () => (insert.get() as { id: number }).id);
}

describe("SQLite restore and event ids", () => {
  it("numbers the events after a restore past every id handed out before it", () => {
    const file = path.join(dir, "live.db");
    migratedSqlite(file);
    const db = new Database(file);
    db.transaction(() => fixtureSql(10).forEach((s) => db.exec(s)))();
    addEvents(db, 3);
    const backup = path.join(dir, "b.sqlite");
    expect(run("scripts/backup.sh", [backup], file).status).toBe(0);
    // Streams follow these after the backup: their cursor ends up at the last one.
    const seen = addEvents(db, 5);
    const r = run("scripts/restore.sh", [backup], file);
    expect(r.status, r.stderr).toBe(0);
    expect((db.prepare(`SELECT MAX("id") AS n FROM "Event"`).get() as { n: number }).n).toBe(3); // the backup's history
    const [next] = addEvents(db, 1);
    expect(next).toBeGreaterThan(Math.max(...seen));
    db.close();
  }, 60_000);

  it("restores into a new, empty file as well", () => {
    const source = path.join(dir, "source.db");
    migratedSqlite(source);
    const db = new Database(source);
    db.transaction(() => fixtureSql(5).forEach((s) => db.exec(s)))();
    addEvents(db, 2);
    db.close();
    const backup = path.join(dir, "b2.sqlite");
    expect(run("scripts/backup.sh", [backup], source).status).toBe(0);
    const fresh = path.join(dir, "fresh.db");
    const r = run("scripts/restore.sh", [backup], fresh);
    expect(r.status, r.stderr).toBe(0);
    const restored = new Database(fresh);
    expect(addEvents(restored, 1)).toEqual([3]);
    restored.close();
  }, 60_000);
});
