/**
 * `npm run backup` / `npm run restore` on SQLite: a round trip through damage compares every annotation
 * with its targets and tags; backup and restore run while another connection holds the database open.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { migratedSqlite } from "@/system/harness";
import { fixtureSql, snapshot, SNAPSHOT_QUERIES } from "@/system/fixture";

const dir = mkdtempSync(path.join(os.tmpdir(), "synopse-backup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function read(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return snapshot({
      annotations: db.prepare(SNAPSHOT_QUERIES.annotations).all() as Array<Record<string, unknown>>,
      targets: db.prepare(SNAPSHOT_QUERIES.targets).all() as Array<Record<string, unknown>>,
      tags: db.prepare(SNAPSHOT_QUERIES.tags).all() as Array<Record<string, unknown>>,
    });
  } finally {
    db.close();
  }
}

const run = (script: string, args: string[], file: string, env: Record<string, string> = {}) =>
  spawnSync("bash", [script, ...args], { env: { ...process.env, DATABASE_PROVIDER: "sqlite", DATABASE_URL: `file:${file}`, ...env }, encoding: "utf8" });

const mode = (p: string) => statSync(p).mode & 0o777;

describe("SQLite backup and restore", () => {
  it("restores every annotation, target and tag exactly", () => {
    const file = path.join(dir, "live.db");
    migratedSqlite(file);
    const db = new Database(file);
    db.transaction(() => fixtureSql(120).forEach((s) => db.exec(s)))();
    const before = read(file);
    expect(before).toHaveLength(120);
    expect(before.some((a) => (a.targets as unknown[]).length === 2 && (a.tags as unknown[]).length > 0)).toBe(true);

    const backup = path.join(dir, "b.sqlite");
    const b = run("scripts/backup.sh", [backup], file);
    expect(b.status, b.stderr).toBe(0);

    // Damage after the backup: lost notes, an edited one, a stray tag.
    db.exec(`DELETE FROM "Annotation" WHERE "id" LIKE 'fx-a1%'`);
    db.exec(`UPDATE "Annotation" SET "bodyText" = 'overwritten' WHERE "id" = 'fx-a2'`);
    db.exec(`INSERT INTO "AnnotationTag" ("annotationId","tag") VALUES ('fx-a3', 'stray')`);
    expect(read(file)).not.toEqual(before);

    const r = run("scripts/restore.sh", [backup], file);
    expect(r.status, r.stderr).toBe(0);
    expect(read(file)).toEqual(before);
    // The open connection sees the restored content too (no stale file handle).
    expect((db.prepare(`SELECT COUNT(*) AS n FROM "Annotation"`).get() as { n: number }).n).toBe(120);
    db.close();
  }, 60_000);

  it("refuses to restore something that is not a Synopse database, leaving the data alone", () => {
    const file = path.join(dir, "keep.db");
    migratedSqlite(file);
    const db = new Database(file);
    fixtureSql(5, "k").forEach((s) => db.exec(s));
    db.close();
    const before = read(file);
    const junk = path.join(dir, "junk.sqlite");
    new Database(junk).exec("CREATE TABLE x (y)");
    const r = run("scripts/restore.sh", [junk], file);
    expect(r.status).not.toBe(0);
    expect(r.stderr + r.stdout).toMatch(/not a Synopse database/);
    expect(read(file)).toEqual(before);
  }, 60_000);

  it("writes backups only its owner can read, into the backup folder, keeping the newest N when asked", () => {
    const file = path.join(dir, "perm.db");
    migratedSqlite(file);
    const folder = path.join(dir, "store", "backups");
    // Two older backups already there (names sort by time), and an unrelated file that must stay.
    const older = ["synopse-20200101-000000.sqlite", "synopse-20200102-000000.sqlite"];
    for (const name of [...older, "notes.txt"]) {
      spawnSync("mkdir", ["-p", folder]);
      writeFileSync(path.join(folder, name), "x");
    }
    const b = run("scripts/backup.sh", [], file, { SYNOPSE_BACKUP_DIR: folder, SYNOPSE_BACKUP_KEEP: "2" });
    expect(b.status, b.stderr).toBe(0);
    const made = readdirSync(folder).filter((n) => n.startsWith("synopse-") && !older.includes(n));
    expect(made).toHaveLength(1);
    expect(mode(path.join(folder, made[0]))).toBe(0o600);
    expect(mode(folder)).toBe(0o700);
    // The newest two remain: the new one and the later of the old ones; the unrelated file is untouched.
    expect(readdirSync(folder).sort()).toEqual([...made, older[1], "notes.txt"].sort());
    // An explicit file is owner-only too.
    const explicit = path.join(dir, "explicit.sqlite");
    expect(run("scripts/backup.sh", [explicit], file).status).toBe(0);
    expect(mode(explicit)).toBe(0o600);
  }, 60_000);
});
