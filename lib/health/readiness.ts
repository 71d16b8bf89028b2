/**
 * Readiness: can this instance serve signed-in requests right now? Liveness (/api/health) only says the
 * process answers; a proxy or orchestrator should send traffic only where this says ready:
 * - secret: BETTER_AUTH_SECRET is set (without it every signed-in request fails);
 * - database: a query answers within the time limit;
 * - migrations: every migration this build ships is recorded as applied in Prisma's `_prisma_migrations`
 *   (written by `prisma migrate deploy`), and none failed half-way.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { databaseProvider } from "@/lib/db/adapter";
import { readRows } from "@/lib/db/read";

export type CheckResult = "ok" | "missing" | "unreachable" | "unknown" | "failed" | "pending";

export interface Readiness {
  ready: boolean;
  checks: { secret: CheckResult; database: CheckResult; migrations: CheckResult };
  /** Migrations this build ships that the database has not recorded as applied. */
  pending: string[];
}

const TIME_LIMIT_MS = 3000;

/** The migration folders this build ships (read from the working directory, the project root). */
export function shippedMigrations(): string[] {
  const dir = databaseProvider() === "postgresql" ? path.join("prisma", "postgres", "migrations") : path.join("prisma", "migrations");
  return readdirSync(path.join(/*turbopackIgnore: true*/ process.cwd(), dir))
    .filter((name) => /^\d/.test(name))
    .sort();
}

function withinLimit<T>(work: Promise<T>): Promise<T> {
  return Promise.race([work, new Promise<T>((_, reject) => setTimeout(() => reject(new Error("timeout")), TIME_LIMIT_MS).unref())]);
}

export async function readiness(): Promise<Readiness> {
  const secret: CheckResult = process.env.BETTER_AUTH_SECRET ? "ok" : "missing";
  let database: CheckResult = "ok";
  let migrations: CheckResult = "unknown";
  let pending: string[] = [];
  try {
    await withinLimit(readRows("SELECT 1 AS one", []));
  } catch {
    database = "unreachable";
  }
  if (database === "ok") {
    try {
      const rows = await withinLimit(
        readRows<{ name: string; finished: unknown; rolledBack: unknown }>(
          `SELECT "migration_name" AS "name", "finished_at" AS "finished", "rolled_back_at" AS "rolledBack" FROM "_prisma_migrations"`,
          [],
        ),
      );
      const applied = new Set(rows.filter((r) => r.finished !== null && r.rolledBack === null).map((r) => r.name));
      const failed = rows.some((r) => r.finished === null && r.rolledBack === null);
      pending = shippedMigrations().filter((name) => !applied.has(name));
      migrations = failed ? "failed" : pending.length ? "pending" : "ok";
    } catch {
      // No _prisma_migrations table: a database set up by hand, whose state nobody recorded.
      migrations = "unknown";
    }
  }
  return { ready: secret === "ok" && database === "ok" && migrations === "ok", checks: { secret, database, migrations }, pending };
}
