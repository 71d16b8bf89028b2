// System tests: real servers (next start of the built app), a private PostgreSQL, loopback HTTP.
// Run by scripts/test-shared.sh (needs both builds); one file at a time, the machine has two cores.
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(__dirname, "..");

export default defineConfig({
  root,
  resolve: { alias: { "@": root } },
  test: {
    include: ["system/**/*.test.ts"],
    testTimeout: 180_000,
    hookTimeout: 240_000,
    pool: "forks",
    fileParallelism: false,
  },
});
