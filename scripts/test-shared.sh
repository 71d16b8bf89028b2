#!/usr/bin/env bash
# The shared-server tests: real `next start` instances on loopback, a private PostgreSQL 15 (Debian's
# package), SIGKILL and database outages. Builds what is missing: the PostgreSQL build (.next-pg, with the
# client in generated/prisma-pg) and, for the SQLite half of the crash test, the usual build (.next).
#   system/*.test.ts (vitest):   two instances, live fan-out, Last-Event-ID catch-up, concurrent writers on both
#                                instances (no note skipped by a live stream), restore under open streams, database outage,
#                                SIGKILL during a burst of writes (SQLite and PostgreSQL), backup round trips
#   system/e2e/*.spec.ts (Playwright): a note saved through instance A appears in a browser on instance B
# Writes $SYNOPSE_REPORTS/vitest-system.json and playwright-shared.json. About 5–8 minutes.
# Usage: bash scripts/test-shared.sh [--no-build]
cd "$(dirname "$0")/.."
source scripts/lib.sh
source scripts/pg-lib.sh
pg_require
mkdir -p "$SYNOPSE_REPORTS"
status=0

log "PostgreSQL Prisma client (generated/prisma-pg)"
pg_generate_client
if [ "${1:-}" != "--no-build" ] || [ ! -f .next-pg/BUILD_ID ]; then
  log "building the app for PostgreSQL (.next-pg)"
  DATABASE_PROVIDER=postgresql npx next build >/dev/null || { DATABASE_PROVIDER=postgresql npx next build | tail -40; exit 1; }
fi
if [ ! -f .next/BUILD_ID ]; then
  log "building the app for SQLite (.next)"
  DATABASE_PROVIDER=sqlite npx next build >/dev/null || exit 1
fi

log "system tests (vitest: real servers, PostgreSQL, faults)"
npx vitest run --config system/vitest.config.ts --reporter=default --reporter=json --outputFile="$SYNOPSE_REPORTS/vitest-system.json" || status=1

log "browser across two instances (Playwright)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$SYNOPSE_REPORTS/playwright-shared.json" npx playwright test -c system/playwright.config.ts --reporter=list,json || status=1
exit $status
