// Prints one closing line for the whole test run, "N passed, N failed", from the vitest and Playwright JSON reports.
import { existsSync, readFileSync } from "node:fs";

let read = 0;
let passed = 0;
let failed = 0;
let skipped = 0;
let broken = 0; // suites or spec files that failed to load: no test of theirs ran, and that is a failure
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) continue;
  const r = JSON.parse(readFileSync(file, "utf8"));
  read++;
  if (typeof r.numPassedTests === "number") {
    // vitest
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    broken += (r.testResults ?? []).filter((f) => f.status === "failed" && (f.assertionResults ?? []).length === 0).length;
    skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  } else if (r.stats) {
    // Playwright
    passed += (r.stats.expected ?? 0) + (r.stats.flaky ?? 0);
    failed += r.stats.unexpected ?? 0;
    skipped += r.stats.skipped ?? 0;
    broken += (r.errors ?? []).length;
  }
}
if (read === 0) {
  // No report means something went wrong before any runner finished: say so rather than "0 passed".
  console.log("no test reports were written");
  process.exit(0);
}
console.log(`${passed} passed, ${failed + broken} failed${skipped ? `, ${skipped} skipped` : ""}${broken ? ` (${broken} could not run at all)` : ""}`);
