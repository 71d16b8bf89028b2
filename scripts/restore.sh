#!/usr/bin/env bash
# npm run restore -- <file> — puts a backup made by `npm run backup` back, replacing the current content.
#   SQLite:      SQLite's backup API into the database file (checked for integrity before and after)
#   PostgreSQL:  pg_restore --clean in one transaction (all or nothing)
# Uses DATABASE_PROVIDER and DATABASE_URL as the app does. Running app instances may stay up: event ids go on
# from where they were before the restore (never reused), so open live streams keep receiving new changes;
# reload the pages to see the restored state itself.
cd "$(dirname "$0")/.."
source scripts/lib.sh
file="${1:-}"
[ -n "$file" ] && [ -f "$file" ] || { echo "usage: npm run restore -- <backup file>" >&2; exit 2; }
if [ "$DATABASE_PROVIDER" = "postgresql" ]; then
  # Event ids are never handed out twice: an open live stream that already passed id N would skip every new
  # event numbered N or below. So the restore leaves the event sequence out (it belongs to no table, see the
  # migration live_events_by_reference) and only moves it forward, past the largest id restored.
  list="$(mktemp)"
  trap 'rm -f "$list"' EXIT
  pg_restore --list "$file" | grep -Ev ' SEQUENCE (SET |OWNED BY )?public "?Event_id_seq"? ' > "$list"
  psql -X -q -v ON_ERROR_STOP=1 -d "$DATABASE_URL" -c 'SET client_min_messages = warning' -c 'CREATE SEQUENCE IF NOT EXISTS "Event_id_seq"'
  pg_restore --clean --if-exists --no-owner --single-transaction --exit-on-error --use-list="$list" --dbname="$DATABASE_URL" "$file"
  psql -X -q -v ON_ERROR_STOP=1 -d "$DATABASE_URL" -c \
    'SELECT setval($$"Event_id_seq"$$, GREATEST((SELECT last_value FROM "Event_id_seq"), (SELECT COALESCE(MAX("id"), 1) FROM "Event")))' >/dev/null
  log "PostgreSQL restored from $file"
else
  npx tsx scripts/sqlite-backup.ts restore "$file" "${DATABASE_URL#file:}"
  log "SQLite restored from $file"
fi
