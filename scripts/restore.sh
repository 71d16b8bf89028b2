#!/usr/bin/env bash
# npm run restore -- <file> — puts a backup made by `npm run backup` back, replacing the current content.
#   SQLite:      SQLite's backup API into the database file (checked for integrity before and after)
#   PostgreSQL:  pg_restore --clean in one transaction (all or nothing)
# Uses DATABASE_PROVIDER and DATABASE_URL as the app does. Running app instances may stay up; their open
# live streams resume from the restored event history (reload the pages).
cd "$(dirname "$0")/.."
source scripts/lib.sh
file="${1:-}"
[ -n "$file" ] && [ -f "$file" ] || { echo "usage: npm run restore -- <backup file>" >&2; exit 2; }
if [ "$DATABASE_PROVIDER" = "postgresql" ]; then
  pg_restore --clean --if-exists --no-owner --single-transaction --exit-on-error --dbname="$DATABASE_URL" "$file"
  log "PostgreSQL restored from $file"
else
  npx tsx scripts/sqlite-backup.ts restore "$file" "${DATABASE_URL#file:}"
  log "SQLite restored from $file"
fi
