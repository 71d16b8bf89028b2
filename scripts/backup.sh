#!/usr/bin/env bash
# npm run backup [-- <file>] — a consistent backup of the running database, without stopping the app.
#   SQLite (default):  SQLite's online backup API → $SYNOPSE_BACKUP_DIR/synopse-<time>.sqlite
#   PostgreSQL:        pg_dump, custom format    → $SYNOPSE_BACKUP_DIR/synopse-<time>.dump
# A backup holds everything, password hashes and live sessions included: files are written owner-only
# (0600, umask 077) and the backup folder is 0700. SYNOPSE_BACKUP_DIR defaults to
# ${XDG_STATE_HOME:-$HOME/.local/state}/synopse/backups, outside the checkout. SYNOPSE_BACKUP_KEEP=N keeps
# only the N newest backups in that folder (older ones are deleted after a successful backup); unset keeps all.
# Uses DATABASE_PROVIDER and DATABASE_URL as the app does. Restore with `npm run restore -- <file>`.
cd "$(dirname "$0")/.."
source scripts/lib.sh
umask 077
stamp="$(date -u +%Y%m%d-%H%M%S)"
dir="${SYNOPSE_BACKUP_DIR:-${XDG_STATE_HOME:-$HOME/.local/state}/synopse/backups}"
if [ "$DATABASE_PROVIDER" = "postgresql" ]; then ext=dump; else ext=sqlite; fi
if [ -n "${1:-}" ]; then
  out="$1"
  mkdir -p "$(dirname "$out")"
else
  mkdir -p "$dir"
  chmod 700 "$dir"
  out="$dir/synopse-$stamp.$ext"
fi
if [ "$DATABASE_PROVIDER" = "postgresql" ]; then
  pg_dump --format=custom --no-owner --file="$out" "$DATABASE_URL"
else
  npx tsx scripts/sqlite-backup.ts backup "${DATABASE_URL#file:}" "$out"
fi
chmod 600 "$out"
log "$DATABASE_PROVIDER backup: $out ($(du -h "$out" | cut -f1))"
if [ -z "${1:-}" ] && [ -n "${SYNOPSE_BACKUP_KEEP:-}" ]; then
  [[ "$SYNOPSE_BACKUP_KEEP" =~ ^[1-9][0-9]*$ ]] || { echo "SYNOPSE_BACKUP_KEEP must be a positive number" >&2; exit 2; }
  # Names sort by time (synopse-YYYYmmdd-HHMMSS): everything but the newest N goes.
  ls -1 "$dir" | grep -E "^synopse-[0-9]{8}-[0-9]{6}\.$ext$" | sort -r | tail -n +"$((SYNOPSE_BACKUP_KEEP + 1))" | while read -r old; do
    rm -f -- "$dir/$old"
    log "removed old backup $dir/$old (SYNOPSE_BACKUP_KEEP=$SYNOPSE_BACKUP_KEEP)"
  done
fi
