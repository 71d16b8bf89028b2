#!/usr/bin/env bash
# Installs everything, prepares the embedded SQLite database (migrated, demo seminar seeded) and builds the app.
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_node_modules
ensure_dictionaries
ensure_jemalloc
log "preparing the database ($DATABASE_PROVIDER)"
prisma_generate
migrate_and_seed
log "building the app"
npx next build >/dev/null
log "ready"
