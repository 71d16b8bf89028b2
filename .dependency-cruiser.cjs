/**
 * Dependency rules, checked by `npm run depcheck` (scripts/depcheck.sh) in `npm test`: domain code in lib/ is
 * framework-free and never reaches into the app's routes or components, and no file imports one that imports it
 * back. The same run also refuses cycles between lib/'s modules (folders), which these file rules cannot see
 * (scripts/folder-cycles.mjs).
 */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "A module that imports one that imports it back: split the shared part out, or publish an event.",
      from: {},
      to: { circular: true },
    },
    {
      name: "lib-is-framework-free",
      severity: "error",
      comment: "lib/ holds the domain: it must not import routes (app/) or React components (components/). Its integration tests may call a route handler.",
      from: { path: "^lib/", pathNot: "\\.test\\.tsx?$" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "lib-knows-no-seed-text",
      severity: "error",
      comment:
        "content/cleaners holds the cleaners written for single seed texts (their phrases, names and export artifacts): only the corpus build and the seed tests use them. lib/ works on any text, so it never imports them; a lib test that checks the checked-in corpus may use the seed test helper.",
      from: { path: "^lib/", pathNot: "\\.test\\.tsx?$" },
      to: { path: "^content/cleaners/" },
    },
    {
      name: "no-server-code-in-components",
      severity: "error",
      comment: "Components run in the browser too: database and server-only modules stay out of them.",
      from: { path: "^components/" },
      to: { path: "^lib/(db|auth/server)" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|\\.next|\\.next-pg|generated|test-results|bench/floor/\\.next)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
  },
};
