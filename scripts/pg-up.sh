#!/usr/bin/env bash
# npm run up:pg — Synopse as a shared server on one machine: a private PostgreSQL 15 (Debian's package;
# data in ./.pgdata, port 5433, 127.0.0.1 only), migrated and seeded, and TWO app instances on
# http://127.0.0.1:3001 and http://127.0.0.1:3002 sharing it (live notes cross instances via LISTEN/NOTIFY).
# Put a load balancer in front for one address (README, "Deployment (shared server)"). Ctrl-C stops all.
# The PostgreSQL build goes to .next-pg with its own Prisma client (generated/prisma-pg): the SQLite build
# (.next, generated/prisma) is left as it is, so `npm run up` keeps working beside it.
# Options (environment): PG_PORT=5433 PGDATA_DIR=./.pgdata APP_PORTS="3001 3002" SKIP_BUILD=1
cd "$(dirname "$0")/.."
source scripts/lib.sh
source scripts/pg-lib.sh
pg_require
PG_PORT="${PG_PORT:-5433}"
PGDATA_DIR="$(realpath -m "${PGDATA_DIR:-./.pgdata}")"
APP_PORTS="${APP_PORTS:-3001 3002}"
export DATABASE_PROVIDER=postgresql
export DATABASE_URL="postgresql://postgres@127.0.0.1:$PG_PORT/synopse"
ensure_node_modules
ensure_dictionaries

pids=()
stop_all() {
  trap - INT TERM EXIT
  log "stopping"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pg_stop "$PGDATA_DIR"
}
trap stop_all INT TERM EXIT

log "PostgreSQL on 127.0.0.1:$PG_PORT (data in $PGDATA_DIR)"
pg_start "$PGDATA_DIR" "$PG_PORT"
log "applying migrations (npm run db:migrate)"
pg_create_migrated "$PG_PORT" synopse
log "PostgreSQL Prisma client (generated/prisma-pg)"
npm run --silent db:generate
log "seeding the demo seminar"
npm run --silent db:seed
if [ "${SKIP_BUILD:-}" != "1" ] || [ ! -f .next-pg/BUILD_ID ]; then
  log "building the app for PostgreSQL (.next-pg)"
  npm run --silent build >/dev/null || { npm run --silent build | tail -40; exit 1; }
fi
malloc_env
for port in $APP_PORTS; do
  node_modules/.bin/next start -p "$port" -H 127.0.0.1 &
  pids+=($!)
done
for port in $APP_PORTS; do
  for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break; sleep 0.5; done
done
log "serving on $(for p in $APP_PORTS; do printf 'http://127.0.0.1:%s ' "$p"; done)— one database, live across instances (Ctrl-C to stop)"
wait -n "${pids[@]}"
