#!/usr/bin/env bash
# One command for a fresh clone: set everything up, then serve on http://localhost:3000.
cd "$(dirname "$0")/.."
source scripts/lib.sh
bash scripts/setup.sh
log "serving on http://localhost:3000 (Ctrl-C to stop)"
malloc_env
exec npx next start -p "${PORT:-3000}"
