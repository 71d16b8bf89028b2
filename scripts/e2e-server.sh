#!/usr/bin/env bash
# Started by Playwright's webServer: a fresh test database, migrated and seeded, then the built app.
cd "$(dirname "$0")/.."
export DATABASE_URL="file:./e2e.db"
# Every journey signs in from 127.0.0.1: the production limit (5 a minute) would lock the tests out.
export SYNOPSE_SIGNIN_RATE_MAX="${SYNOPSE_SIGNIN_RATE_MAX:-1000}"
# Two annotations a page in the W3C container, so the demo's few notes already fill several pages and the
# Protocol journey (e2e/w3c-protocol.spec.ts) sees next/prev links without creating a hundred notes.
export SYNOPSE_W3C_PAGE_SIZE="${SYNOPSE_W3C_PAGE_SIZE:-2}"
export SYNOPSE_NOTE_RATE_MAX="${SYNOPSE_NOTE_RATE_MAX:-1000}"
source scripts/lib.sh
rm -f e2e.db e2e.db-wal e2e.db-shm
migrate_and_seed
exec npx next start -p "${1:-3100}" -H 127.0.0.1
