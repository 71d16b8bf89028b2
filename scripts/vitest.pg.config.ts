// vitest for scripts/pg-test.sh: the usual config, but the Prisma client comes from generated/prisma-pg
// (generated for PostgreSQL), leaving the SQLite client in generated/prisma to everyone else.
import path from "node:path";
import { defineConfig, mergeConfig } from "vitest/config";
import base from "../vitest.config";

const root = path.resolve(__dirname, "..");

export default mergeConfig(
  { ...base, resolve: {} },
  defineConfig({
    root,
    resolve: {
      alias: [
        { find: /^@\/generated\/prisma\/(.*)$/, replacement: path.join(root, "generated/prisma-pg/$1") },
        { find: "@", replacement: root },
      ],
    },
  }),
);
