#!/usr/bin/env bash
# Runs one of the TypeScript commands (npm run db:seed, export, import, user:create) against the database
# of DATABASE_PROVIDER: the Prisma client is provider-specific, and tsconfig.pg.json points the import
# "@/generated/prisma/client" at the PostgreSQL one. Arguments after the script pass through.
set -euo pipefail
script="$1"
shift
bash "$(dirname "$0")/prisma-client.sh" --if-stale
if [ "${DATABASE_PROVIDER:-sqlite}" = "postgresql" ]; then
  exec "$(dirname "$0")/../node_modules/.bin/tsx" --tsconfig "$(dirname "$0")/../tsconfig.pg.json" "$script" "$@"
fi
exec "$(dirname "$0")/../node_modules/.bin/tsx" "$script" "$@"
