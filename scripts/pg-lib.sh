# A private PostgreSQL 15 server for the shared-server setup, tests and benchmarks. Sourced, not run.
# Debian's package provides the binaries; Debian's own cluster is left alone: initdb into a directory of
# ours, own port, own socket dir, 127.0.0.1 only. As root, the server runs as user postgres (initdb refuses root).
PGBIN="${PGBIN:-/usr/lib/postgresql/15/bin}"

pg_as_postgres() {
  if [ "$(id -un)" = "postgres" ]; then "$@"; elif [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_require() {
  [ -x "$PGBIN/initdb" ] || { echo "PostgreSQL 15 not found in $PGBIN (apt-get install postgresql)" >&2; return 1; }
}

# pg_start DIR PORT [extra server options]: initdb DIR/data on first use, then start (waits until up).
pg_start() {
  local dir="$1" port="$2"; shift 2
  pg_require
  mkdir -p "$dir/data" "$dir/sock"
  chmod 755 "$dir"
  if [ "$(id -u)" = "0" ]; then chown -R postgres:postgres "$dir/data" "$dir/sock"; fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    pg_as_postgres "$PGBIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  pg_as_postgres "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -t 30 \
    -o "-p $port -k $dir/sock -c listen_addresses=127.0.0.1 $*" start >/dev/null
}

# pg_stop DIR [mode]: fast (default) or immediate.
pg_stop() {
  pg_as_postgres "$PGBIN/pg_ctl" -D "$1/data" -m "${2:-fast}" -w stop >/dev/null 2>&1 || true
}

pg_psql() { # pg_psql PORT DB psql-args…
  local port="$1" db="$2"; shift 2
  psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d "$db" "$@"
}

# pg_create_migrated PORT DB: the database (created if missing) with prisma/postgres/migrations applied by
# `prisma migrate deploy` (npm run db:migrate), which records each one in _prisma_migrations: running it again
# applies only what is new. A database from before that record existed (its migrations applied with psql)
# is refused with a pointer to the README's upgrade note.
pg_create_migrated() {
  local port="$1" db="$2"
  if ! pg_psql "$port" postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
    pg_psql "$port" postgres -c "CREATE DATABASE \"$db\"" >/dev/null
  elif [ -z "$(pg_psql "$port" "$db" -tAc "SELECT to_regclass('public._prisma_migrations')")" ] \
    && [ -n "$(pg_psql "$port" "$db" -tAc "SELECT to_regclass('public.\"user\"')")" ]; then
    echo "database $db on port $port has tables but no record of its migrations (set up with psql before):" >&2
    echo "see README, Deployment, 'Upgrading' (or delete the demo's data directory)" >&2
    return 1
  fi
  DATABASE_PROVIDER=postgresql DATABASE_URL="postgresql://postgres@127.0.0.1:$port/$db" npx prisma migrate deploy >/dev/null
}

# pg_generate_client: the PostgreSQL Prisma client in generated/prisma-pg (generated/prisma stays SQLite's).
pg_generate_client() {
  local tmp; tmp="$(mktemp -d)"
  npx tsx scripts/prisma-schemas.ts
  sed "s#^  output .*#  output     = \"$(pwd)/generated/prisma-pg\"#" prisma/postgres/schema.prisma > "$tmp/schema.prisma"
  DATABASE_PROVIDER=postgresql DATABASE_URL="postgresql://postgres@127.0.0.1/x" npx prisma generate --schema "$tmp/schema.prisma" >/dev/null
  rm -rf "$tmp"
}
