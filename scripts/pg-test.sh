#!/usr/bin/env bash
# Runs the database integration tests against PostgreSQL 15: a private, throwaway server (initdb into a
# temp dir, own port and socket dir, 127.0.0.1 only), the migrations in prisma/postgres/migrations
# applied with psql, a PostgreSQL Prisma client generated into generated/prisma-pg (so the SQLite
# client in generated/prisma stays untouched), vitest, then the server is stopped and removed.
# Usage: bash scripts/pg-test.sh [test files…]   (default: the integration tests)
cd "$(dirname "$0")/.."
source scripts/lib.sh
ROOT="$(pwd)"
PGBIN="${PGBIN:-/usr/lib/postgresql/15/bin}"
PORT="${PGPORT_TEST:-$((30000 + RANDOM % 1000))}"  # below the ephemeral range (see system/harness.ts randomPort)
[ -x "$PGBIN/initdb" ] || { echo "PostgreSQL 15 not found in $PGBIN (apt-get install postgresql)" >&2; exit 1; }

TMP="$(mktemp -d /tmp/synopse-pg.XXXXXX)"
chmod 755 "$TMP"
as_postgres() {
  if [ "$(id -un)" = "postgres" ]; then "$@"; elif [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}
cleanup() {
  as_postgres "$PGBIN/pg_ctl" -D "$TMP/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap cleanup EXIT

mkdir -p "$TMP/data" "$TMP/sock"
chown -R postgres:postgres "$TMP/data" "$TMP/sock" 2>/dev/null || true
log "starting a private PostgreSQL on 127.0.0.1:$PORT"
as_postgres "$PGBIN/initdb" -D "$TMP/data" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
as_postgres "$PGBIN/pg_ctl" -D "$TMP/data" -l "$TMP/data/server.log" -w \
  -o "-p $PORT -k $TMP/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
psql_run() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres "$@"; }
psql_run -d postgres -c "CREATE DATABASE synopse_test" >/dev/null

log "applying prisma/postgres/migrations"
for m in $(ls -d prisma/postgres/migrations/*/ | sort); do
  psql_run -d synopse_test -f "$m/migration.sql" >/dev/null
done

log "generating a PostgreSQL Prisma client into generated/prisma-pg"
npx tsx scripts/prisma-schemas.ts
sed "s#^  output .*#  output     = \"$ROOT/generated/prisma-pg\"#" prisma/postgres/schema.prisma > "$TMP/schema.prisma"
DATABASE_PROVIDER=postgresql DATABASE_URL="postgresql://postgres@127.0.0.1:$PORT/synopse_test" \
  npx prisma generate --schema "$TMP/schema.prisma" >/dev/null

FILES=("$@")
[ ${#FILES[@]} -gt 0 ] || FILES=(lib/annotations/store.test.ts lib/seminars/seminars.test.ts lib/auth/auth.test.ts app/api/api.test.ts app/api/w3c/w3c.test.ts lib/search/search.test.ts lib/live/pg-bus.test.ts lib/teaching/upload.test.ts lib/notifications/live.test.ts app/api/notifications/events/route.test.ts lib/live/stream.test.ts lib/live/event-log.test.ts lib/notifications/thread-access.test.ts "app/api/seminars/[id]/events/route.test.ts")
log "vitest on PostgreSQL: ${FILES[*]}"
mkdir -p "$SYNOPSE_REPORTS"
set +e
TEST_DATABASE=postgresql DATABASE_PROVIDER=postgresql DATABASE_URL="postgresql://postgres@127.0.0.1:$PORT/synopse_test" \
  npx vitest run --config scripts/vitest.pg.config.ts --reporter=default --reporter=json --outputFile="$SYNOPSE_REPORTS/vitest-pg.json" "${FILES[@]}"
status=$?
set -e
exit $status
