#!/usr/bin/env bash
# npm test: installs what tests need (packages, Debian's chromium; PostgreSQL in CI), then unit, integration
# and end-to-end tests. Ends with one line "N passed, N failed" over everything that ran.
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_node_modules
ensure_chromium
ensure_dictionaries
prisma_generate
mkdir -p "$SYNOPSE_REPORTS"
rm -f "$SYNOPSE_REPORTS"/*.json
status=0

log "lint (ESLint, zero warnings), formatting (Prettier) and dependency rules (dependency-cruiser: files, and cycles between lib/ modules)"
npx eslint . --max-warnings 0 || status=1
npx prettier --check . || status=1
npm run --silent depcheck || status=1

log "unit and integration tests (vitest, SQLite)"
npx vitest run --reporter=default --reporter=json --outputFile="$SYNOPSE_REPORTS/vitest.json" || status=1

with_postgres=0
if [ "${CI:-}" = "true" ] || [ "${TEST_POSTGRES:-}" = "1" ]; then with_postgres=1; ensure_postgres; ensure_nginx; fi

if [ $with_postgres = 1 ]; then
  log "integration tests against PostgreSQL"
  bash scripts/pg-test.sh || status=1
fi

log "building the app for the browser tests"
npx next build >/dev/null || { echo "next build failed"; npx next build | tail -40; exit 1; }
log "end-to-end journeys (Playwright, Debian's chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$SYNOPSE_REPORTS/playwright.json" npx playwright test --reporter=list,json || status=1

if [ $with_postgres = 1 ]; then
  log "shared server: two instances on PostgreSQL, faults, backups"
  bash scripts/test-shared.sh --no-build || status=1
fi

node scripts/test-summary.mjs "$SYNOPSE_REPORTS"/vitest.json "$SYNOPSE_REPORTS"/vitest-pg.json "$SYNOPSE_REPORTS"/playwright.json \
  "$SYNOPSE_REPORTS"/vitest-system.json "$SYNOPSE_REPORTS"/playwright-shared.json "$SYNOPSE_REPORTS"/playwright-deploy.json
exit $status
