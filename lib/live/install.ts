/**
 * Chooses the live transport once per server process (called from instrumentation.ts): the in-process
 * bus for SQLite (one process), LISTEN/NOTIFY for PostgreSQL (any number of app instances).
 * Scripts (seed, backup) never call this: they keep the in-process bus and exit when done.
 */
import { databaseProvider } from "@/lib/db/adapter";
import { setEventBus } from "./bus";
import { createPgBus, type PgEventBus } from "./pg-bus";

const g = globalThis as unknown as { __synopsePgBus?: PgEventBus };

export function installLiveBus(): "in-process" | "postgresql" {
  if (databaseProvider() !== "postgresql") return "in-process";
  if (!g.__synopsePgBus) {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is required for PostgreSQL");
    g.__synopsePgBus = createPgBus({ connectionString });
    setEventBus(g.__synopsePgBus);
  }
  return "postgresql";
}
