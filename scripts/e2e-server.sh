#!/usr/bin/env bash
# Started by Playwright's webServer: a fresh test database, migrated and seeded, then the built app.
cd "$(dirname "$0")/.."
export DATABASE_URL="file:./e2e.db"
source scripts/lib.sh
rm -f e2e.db e2e.db-wal e2e.db-shm
migrate_and_seed
exec npx next start -p "${1:-3100}" -H 127.0.0.1
