// Prisma 6.19 with the JS engine and a driver adapter: runs fully offline (no native engine download).
// DATABASE_PROVIDER chooses SQLite (default, file from DATABASE_URL or ./dev.db) or PostgreSQL.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { createAdapterFactory, databaseProvider } from "./lib/db/adapter";

const provider = databaseProvider();

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: provider === "postgresql" ? path.join("prisma", "postgres", "schema.prisma") : path.join("prisma", "schema.prisma"),
  migrations: {
    path: provider === "postgresql" ? path.join("prisma", "postgres", "migrations") : path.join("prisma", "migrations"),
  },
  adapter: async () => createAdapterFactory({ forCli: true }),
});
