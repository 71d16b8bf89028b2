#!/usr/bin/env bash
# npm run backup [-- <file>] — a consistent backup of the running database, without stopping the app.
#   SQLite (default):  SQLite's online backup API → backups/synopse-<time>.sqlite
#   PostgreSQL:        pg_dump, custom format    → backups/synopse-<time>.dump
# Uses DATABASE_PROVIDER and DATABASE_URL as the app does. Restore with `npm run restore -- <file>`.
cd "$(dirname "$0")/.."
source scripts/lib.sh
stamp="$(date -u +%Y%m%d-%H%M%S)"
if [ "$DATABASE_PROVIDER" = "postgresql" ]; then
  out="${1:-backups/synopse-$stamp.dump}"
  mkdir -p "$(dirname "$out")"
  pg_dump --format=custom --no-owner --file="$out" "$DATABASE_URL"
  log "PostgreSQL backup: $out ($(du -h "$out" | cut -f1))"
else
  out="${1:-backups/synopse-$stamp.sqlite}"
  mkdir -p "$(dirname "$out")"
  npx tsx scripts/sqlite-backup.ts backup "${DATABASE_URL#file:}" "$out"
  log "SQLite backup: $out ($(du -h "$out" | cut -f1))"
fi
