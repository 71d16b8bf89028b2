#!/usr/bin/env bash
# npm test: installs what tests need (packages, Debian's chromium), then unit, integration and end-to-end tests.
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_node_modules
ensure_chromium
prisma_generate
log "unit and integration tests (vitest)"
npx vitest run
log "building the app for the browser tests"
npx next build >/dev/null
log "end-to-end journeys (Playwright, Debian's chromium)"
npx playwright test
