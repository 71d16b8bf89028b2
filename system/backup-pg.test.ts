/**
 * `npm run backup` / `npm run restore` on PostgreSQL (pg_dump -Fc / pg_restore --clean): a round trip
 * through damage compares every annotation with its targets and tags.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureSql, snapshot, SNAPSHOT_QUERIES } from "./fixture";
import { postgresAvailable, privatePostgres, ROOT, type PgServer } from "./harness";

describe.skipIf(!postgresAvailable())("PostgreSQL backup and restore", () => {
  let server: PgServer;
  const dir = mkdtempSync(path.join(os.tmpdir(), "synopse-pgbackup-"));
  beforeAll(() => {
    server = privatePostgres();
    server.createMigratedDatabase("synopse");
  });
  afterAll(() => {
    server?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  async function read(client: pg.Client) {
    const q = async (sql: string) => (await client.query(sql)).rows as Array<Record<string, unknown>>;
    return snapshot({ annotations: await q(SNAPSHOT_QUERIES.annotations), targets: await q(SNAPSHOT_QUERIES.targets), tags: await q(SNAPSHOT_QUERIES.tags) });
  }
  const run = (script: string, args: string[]) =>
    spawnSync("bash", [path.join(ROOT, script), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PROVIDER: "postgresql", DATABASE_URL: server.url("synopse") },
      encoding: "utf8",
    });

  it("restores every annotation, target and tag exactly", async () => {
    const client = new pg.Client({ connectionString: server.url("synopse") });
    await client.connect();
    try {
      await client.query("BEGIN");
      for (const s of fixtureSql(120)) await client.query(s);
      await client.query("COMMIT");
      const before = await read(client);
      expect(before).toHaveLength(120);

      const file = path.join(dir, "synopse.dump");
      const b = run("scripts/backup.sh", [file]);
      expect(b.status, b.stderr).toBe(0);
      // It holds password hashes and sessions: readable by its owner only.
      expect(statSync(file).mode & 0o777).toBe(0o600);

      await client.query(`DELETE FROM "Annotation" WHERE "id" LIKE 'fx-a1%'`);
      await client.query(`UPDATE "Annotation" SET "bodyText" = 'overwritten' WHERE "id" = 'fx-a2'`);
      await client.query(`INSERT INTO "AnnotationTag" ("annotationId","tag") VALUES ('fx-a3', 'stray')`);
      expect(await read(client)).not.toEqual(before);

      const r = run("scripts/restore.sh", [file]);
      expect(r.status, r.stderr).toBe(0);
      expect(await read(client)).toEqual(before);
    } finally {
      await client.end();
    }
  });
});
