// Chooses the Prisma driver adapter from the environment. Shared by the app and the Prisma CLI.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

export type DatabaseProvider = "sqlite" | "postgresql";

export function databaseProvider(): DatabaseProvider {
  const p = process.env.DATABASE_PROVIDER ?? "sqlite";
  if (p !== "sqlite" && p !== "postgresql") {
    throw new Error(`DATABASE_PROVIDER must be "sqlite" or "postgresql", not "${p}"`);
  }
  return p;
}

/** SQLite file path, relative to the working directory (run everything from the project root). */
export function sqliteUrl(): string {
  return process.env.DATABASE_URL ?? "file:./dev.db";
}

export function createAdapterFactory(_opts: { forCli?: boolean } = {}) {
  if (databaseProvider() === "postgresql") {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is required for PostgreSQL");
    return new PrismaPg({ connectionString });
  }
  // A busy timeout: concurrent requests wait for the writer instead of failing with SQLITE_BUSY. The journal
  // stays in SQLite's default rollback mode with synchronous=FULL: every acknowledged save is on disk (tested by
  // the SIGKILL system test).
  return new PrismaBetterSQLite3({ url: sqliteUrl(), timeout: 5000 });
}
