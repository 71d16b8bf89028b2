#!/usr/bin/env bash
# The shared-server tests: real `next start` instances on loopback, a private PostgreSQL 15 (Debian's
# package), SIGKILL and database outages. Builds what is missing: the PostgreSQL build (.next-pg, with the
# client in generated/prisma-pg) and, for the SQLite half of the crash test, the usual build (.next).
#   system/*.test.ts (vitest):   two instances, live fan-out, Last-Event-ID catch-up, concurrent writers on both
#                                instances (no note skipped by a live stream), restore under open streams, database outage,
#                                SIGKILL during a burst of writes (SQLite and PostgreSQL), backup round trips
#   system/e2e/*.spec.ts (Playwright): a note saved through instance A appears in a browser on instance B
#   system/deploy/ (Playwright): the README's production steps with deploy/'s files, behind Debian's nginx
# Writes $SYNOPSE_REPORTS/vitest-system.json, playwright-shared.json and playwright-deploy.json. About 6–10 minutes.
# Usage: bash scripts/test-shared.sh [--no-build]
cd "$(dirname "$0")/.."
source scripts/lib.sh
source scripts/pg-lib.sh
pg_require
mkdir -p "$SYNOPSE_REPORTS"
status=0

ensure_nginx
log "PostgreSQL Prisma client (generated/prisma-pg)"
pg_generate_client
if [ "${1:-}" != "--no-build" ] || [ ! -f .next-pg/BUILD_ID ]; then
  # The README's build command (the deployment test below serves this build).
  log "building the app for PostgreSQL (.next-pg): DATABASE_PROVIDER=postgresql npm run build"
  DATABASE_PROVIDER=postgresql npm run --silent build >/dev/null || { DATABASE_PROVIDER=postgresql npm run --silent build | tail -40; exit 1; }
fi
if [ ! -f .next/BUILD_ID ]; then
  log "building the app for SQLite (.next)"
  DATABASE_PROVIDER=sqlite npx next build >/dev/null || exit 1
fi

log "system tests (vitest: real servers, PostgreSQL, faults)"
npx vitest run --config system/vitest.config.ts --reporter=default --reporter=json --outputFile="$SYNOPSE_REPORTS/vitest-system.json" || status=1

log "browser across two instances (Playwright)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$SYNOPSE_REPORTS/playwright-shared.json" npx playwright test -c system/playwright.config.ts --reporter=list,json || status=1

log "deployment: the README's production steps, two instances behind nginx (Playwright)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$SYNOPSE_REPORTS/playwright-deploy.json" npx playwright test -c system/deploy/playwright.config.ts --reporter=list,json || status=1
exit $status
