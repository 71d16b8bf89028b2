# Shared shell helpers for setup, test and CI. Sourced, not run.
set -euo pipefail
export NEXT_TELEMETRY_DISABLED=1
export BETTER_AUTH_TELEMETRY=0
# node-gyp builds better-sqlite3 against Node's own headers (its prebuilt download is unreachable here).
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
export DATABASE_PROVIDER="${DATABASE_PROVIDER:-sqlite}"
export DATABASE_URL="${DATABASE_URL:-file:./dev.db}"
export BETTER_AUTH_SECRET="${BETTER_AUTH_SECRET:-synopse-local-development-secret-change-me-in-production}"

# Machine-readable test reports (JSON) for the closing summary line. Not test-results/: Playwright empties
# its output folder at the start of every run.
export SYNOPSE_REPORTS="${SYNOPSE_REPORTS:-$(pwd)/.test-reports}"

# The allocator settings of a deployed server (deploy/synopse.env, which explains them), for every server
# started from these scripts: the same memory behaviour as in production. jemalloc only where it is installed
# (ensure_jemalloc), else glibc with the MALLOC_* settings.
malloc_env() {
  local line preload
  while IFS= read -r line; do export "${line?}"; done < <(grep -E '^MALLOC_[A-Z_]+=[0-9]+$' deploy/synopse.env)
  preload="$(sed -n 's/^LD_PRELOAD=//p' deploy/synopse.env)"
  if [ -n "$preload" ] && [ -f "$preload" ]; then export LD_PRELOAD="$preload"; fi
}

ensure_jemalloc() {
  local preload
  preload="$(sed -n 's/^LD_PRELOAD=//p' deploy/synopse.env)"
  if [ -z "$preload" ] || [ -f "$preload" ] || ! command -v apt-get >/dev/null; then return; fi
  log "installing Debian's jemalloc (the server's memory allocator, deploy/synopse.env)"
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libjemalloc2 >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libjemalloc2 >/dev/null
  fi
}

log() { printf '\033[1m[synopse]\033[0m %s\n' "$*"; }

ensure_node_modules() {
  if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] || [ package.json -nt node_modules/.package-lock.json ]; then
    log "installing npm packages (about two minutes on a clean clone)"
    # npm install, not npm ci: the registry here lacks some other platforms' optional packages (see README).
    npm install --no-audit --no-fund
  fi
}

ensure_chromium() {
  if [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then return; fi
  log "installing Debian's chromium for the browser tests"
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
}

# FreeDict's bilingual dictionaries (dictd format) for link suggestions across languages, turned once into
# the compact lexicon the engine reads (.cache/lexicon.tsv.gz, git-ignored). Without them the engine still
# works (names, dates, same-language words) and says so in the suggestions panel.
DICTIONARY_PACKAGES="dict-freedict-deu-eng dict-freedict-eng-deu dict-freedict-deu-rus dict-freedict-eng-rus"
ensure_dictionaries() {
  if [ ! -f /usr/share/dictd/freedict-deu-eng.index ] || [ ! -f /usr/share/dictd/freedict-eng-deu.index ] \
    || [ ! -f /usr/share/dictd/freedict-deu-rus.index ] || [ ! -f /usr/share/dictd/freedict-eng-rus.index ]; then
    log "installing FreeDict's bilingual dictionaries for link suggestions"
    # shellcheck disable=SC2086
    if [ "$(id -u)" = "0" ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $DICTIONARY_PACKAGES >/dev/null
    else
      sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $DICTIONARY_PACKAGES >/dev/null
    fi
  fi
  local lexicon="${SYNOPSE_LEXICON:-.cache/lexicon.tsv.gz}"
  if [ ! -f "$lexicon" ] || [ scripts/build-lexicon.ts -nt "$lexicon" ] || [ lib/links/suggest/words.ts -nt "$lexicon" ]; then
    log "building the bilingual lexicon for link suggestions (about a minute, once)"
    npx tsx scripts/build-lexicon.ts --out "$lexicon"
  fi
}

ensure_postgres() {
  if [ -x /usr/lib/postgresql/15/bin/initdb ]; then return; fi
  log "installing Debian's postgresql for the PostgreSQL tests"
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
}

ensure_nginx() {
  if [ -x /usr/sbin/nginx ]; then return; fi
  log "installing Debian's nginx for the deployment test"
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
  fi
}

prisma_generate() {
  npx tsx scripts/prisma-schemas.ts
  npx prisma generate >/dev/null
}

migrate_and_seed() {
  npx prisma migrate deploy >/dev/null
  npx tsx scripts/seed.ts
}
