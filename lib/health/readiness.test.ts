import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeReader } from "@/lib/db/read";
import { readiness, shippedMigrations } from "./readiness";

// A database migrated the way the README says (`npm run db:migrate`, i.e. prisma migrate deploy), so
// Prisma's own record of applied migrations is what readiness reads.
let dir: string;
let file: string;
const saved = { url: process.env.DATABASE_URL, provider: process.env.DATABASE_PROVIDER, secret: process.env.BETTER_AUTH_SECRET };

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "synopse-ready-"));
  file = path.join(dir, "ready.db");
  const env = { ...process.env, DATABASE_PROVIDER: "sqlite", DATABASE_URL: `file:${file}` };
  const r = spawnSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], { env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr || r.stdout);
  process.env.DATABASE_PROVIDER = "sqlite";
  process.env.DATABASE_URL = `file:${file}`;
}, 60_000);

afterEach(() => {
  closeReader();
  process.env.DATABASE_URL = `file:${file}`;
  process.env.BETTER_AUTH_SECRET = "readiness-test-secret-0123456789abcdef";
});

afterAll(() => {
  closeReader();
  rmSync(dir, { recursive: true, force: true });
  for (const [k, v] of Object.entries({ DATABASE_URL: saved.url, DATABASE_PROVIDER: saved.provider, BETTER_AUTH_SECRET: saved.secret })) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe("readiness", () => {
  it("is ready with the secret set, the database answering and every shipped migration applied", async () => {
    process.env.BETTER_AUTH_SECRET = "readiness-test-secret-0123456789abcdef";
    expect(shippedMigrations().length).toBeGreaterThan(0);
    expect(await readiness()).toEqual({ ready: true, checks: { secret: "ok", database: "ok", migrations: "ok" }, pending: [] });
  });

  it("is not ready without the auth secret", async () => {
    delete process.env.BETTER_AUTH_SECRET;
    const r = await readiness();
    expect(r.ready).toBe(false);
    expect(r.checks.secret).toBe("missing");
  });

  it("names a migration the database has not applied", async () => {
    const last = shippedMigrations().at(-1)!;
    const sqlite = new Database(file);
    sqlite.prepare(`DELETE FROM "_prisma_migrations" WHERE "migration_name" = ?`).run(last);
    sqlite.close();
    const r = await readiness();
    expect(r).toMatchObject({ ready: false, checks: { migrations: "pending" }, pending: [last] });
  });

  it("is not ready when the database cannot be reached", async () => {
    process.env.DATABASE_URL = `file:${path.join(dir, "no-such-database.db")}`;
    const r = await readiness();
    expect(r).toMatchObject({ ready: false, checks: { database: "unreachable" } });
  });

  it("is not ready on a database whose migrations nobody recorded", async () => {
    const bare = path.join(dir, "bare.db");
    new Database(bare).close();
    process.env.DATABASE_URL = `file:${bare}`;
    const r = await readiness();
    expect(r).toMatchObject({ ready: false, checks: { database: "ok", migrations: "unknown" } });
  });
});
