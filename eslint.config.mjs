// ESLint: Next's own rules (core web vitals, TypeScript) and the React hooks rules, run by `npm test`
// with zero warnings allowed. A disable comment must say why on the same line.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    ".next-pg/**",
    "generated/**",
    "node_modules/**",
    "bench/floor/.next/**",
    "test-results/**",
    "playwright-report/**",
    "next-env.d.ts",
  ]),
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // A leading underscore names what is deliberately unused (a rest sibling left out of a copy, an
      // argument a callback's signature requires).
      "@typescript-eslint/no-unused-vars": [
        "warn",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Tests read responses as loose JSON (a protocol's bodies, fuzzed input) and assert on their shape.
    files: ["**/*.test.ts", "**/*.test.tsx", "e2e/**/*.ts", "system/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
]);
