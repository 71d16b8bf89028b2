import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(__dirname) } },
  esbuild: { jsx: "automatic" },
  test: {
    include: [
      "bench/**/*.test.ts",
      "content/cleaners/**/*.test.ts",
      "lib/**/*.test.ts",
      "lib/**/*.test.tsx",
      "components/**/*.test.tsx",
      "scripts/**/*.test.ts",
      "app/**/*.test.ts",
      "messages/**/*.test.ts",
    ],
    exclude: ["node_modules", ".next", "e2e"],
    testTimeout: 20000,
    pool: "forks",
    setupFiles: ["./vitest.setup.ts"],
  },
});
