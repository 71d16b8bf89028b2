#!/usr/bin/env bash
# npm run db:generate — the Prisma client for DATABASE_PROVIDER: generated/prisma (sqlite, the default) or
# generated/prisma-pg (postgresql). With --if-stale only when it is missing or older than the schema.
# `npm run build` and the TypeScript commands (scripts/run-ts.sh) call it, so a fresh clone needs no extra
# step for either database. Messages go to stderr (the export command writes its file to stdout).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${DATABASE_PROVIDER:-sqlite}" = "postgresql" ]; then out=generated/prisma-pg; else out=generated/prisma; fi
if [ "${1:-}" = "--if-stale" ] && [ -f "$out/client.ts" ] && [ ! prisma/schema.prisma -nt "$out/client.ts" ]; then exit 0; fi
echo "[synopse] generating the Prisma client for ${DATABASE_PROVIDER:-sqlite} in $out" >&2
if [ "$out" = generated/prisma-pg ]; then
  source scripts/pg-lib.sh
  pg_generate_client >&2
else
  npx tsx scripts/prisma-schemas.ts >&2
  DATABASE_PROVIDER=sqlite npx prisma generate >&2
fi
