/**
 * Integration-test database: a fresh SQLite file with the migrations applied (fast: no CLI), or — with
 * TEST_DATABASE=postgresql — the PostgreSQL server in DATABASE_URL, migrated by scripts/pg-test.sh.
 * Tests create their own users/seminars with unique ids, so PostgreSQL runs need no cleanup.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { createHash } from "node:crypto";
import { BLOCK_SEPARATOR } from "@/lib/content/text";
import type { SynopseDocument } from "@/lib/content/types";

const g = globalThis as unknown as { __synopsePrisma?: { $disconnect(): Promise<void> }; __synopseAuth?: unknown };

export interface TestDatabase {
  provider: "sqlite" | "postgresql";
  close(): Promise<void>;
}

/** Call in beforeAll, before anything touches db(). */
export async function setupTestDatabase(): Promise<TestDatabase> {
  process.env.BETTER_AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123456789";
  process.env.BETTER_AUTH_URL ??= "http://localhost:3000";
  g.__synopsePrisma = undefined;
  g.__synopseAuth = undefined;
  if (process.env.TEST_DATABASE === "postgresql") {
    if (!process.env.DATABASE_URL?.startsWith("postgres")) throw new Error("TEST_DATABASE=postgresql needs a postgresql:// DATABASE_URL");
    process.env.DATABASE_PROVIDER = "postgresql";
    return { provider: "postgresql", close: async () => void (await g.__synopsePrisma?.$disconnect()) };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "synopse-test-"));
  const file = path.join(dir, "test.db");
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  const migrations = path.resolve("prisma/migrations");
  for (const name of readdirSync(migrations)
    .filter((n) => /^\d/.test(n))
    .sort()) {
    sqlite.exec(readFileSync(path.join(migrations, name, "migration.sql"), "utf8"));
  }
  sqlite.close();
  process.env.DATABASE_PROVIDER = "sqlite";
  process.env.DATABASE_URL = `file:${file}`;
  return {
    provider: "sqlite",
    close: async () => {
      await g.__synopsePrisma?.$disconnect();
      g.__synopsePrisma = undefined;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A user row without a password (tests that need sign-in use better-auth's sign-up instead). */
export async function createTestUser(name: string): Promise<{ id: string; name: string; email: string }> {
  const { db } = await import("@/lib/db/client");
  const id = randomUUID();
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${id.slice(0, 8)}@test.invalid`;
  await db().user.create({ data: { id, name, email } });
  return { id, name, email };
}

/** A small document with known text, for targets. */
export function testDocument(slug: string, blocks: string[], lang: "de" | "en" | "ru" = "en"): SynopseDocument {
  const text = blocks.join(BLOCK_SEPARATOR);
  return {
    meta: { slug, title: slug, author: null, lang, date: null, kind: "essay", source: "test", rawFile: `${slug}.txt` },
    version: createHash("sha256").update(text).digest("hex").slice(0, 16),
    blocks: blocks.map((t, i) => ({ id: `p${i + 1}`, type: "paragraph", text: t, marks: [], lines: [[i + 1, i + 1]] })),
    parts: [],
  };
}

/**
 * Signs up a fresh member through better-auth's real flow, signs in (sign-up never does: lib/auth/flows) and
 * returns the session cookie header for route tests. Each call comes from its own address so the rate limits
 * never interfere.
 */
export async function signUpCookie(name: string): Promise<string> {
  const { signIn, signUp } = await import("@/lib/auth/flows");
  const address = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.1`;
  const headers = new Headers({ host: "localhost:3000", "x-forwarded-for": address });
  const email = `${name.toLowerCase()}-${randomUUID().slice(0, 8)}@test.invalid`;
  const up = await signUp(headers, { name, email, password: "a demo password" });
  if (!up.ok) throw new Error(`test sign-up failed for ${name}`);
  const r = await signIn(headers, { email, password: "a demo password" });
  if (!r.ok) throw new Error(`test sign-in failed for ${name}`);
  return r.setCookies.map((c) => c.split(";")[0]).join("; ");
}
