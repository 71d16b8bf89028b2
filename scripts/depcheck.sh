#!/usr/bin/env bash
# npm run depcheck: one dependency-cruiser run over the code, two checks on its result.
#  1. The rules of .dependency-cruiser.cjs (files: no import cycles, lib/ framework-free and free of the seed
#     corpus's cleaners, no server code in components/).
#  2. No cycle between lib/'s modules (the folders and files directly under lib/). dependency-cruiser's rules judge
#     files, and its folder-scoped rules each directory on its own (an import into lib/links/suggest/ is not one
#     into lib/links there); its --collapse regrouping to lib/<module> only feeds reporters. So the collapsed
#     graph (test files left out: a test may use its neighbours) goes to scripts/folder-cycles.mjs.
set -o pipefail
cd "$(dirname "$0")/.."
json="$(mktemp)"
trap 'rm -f "$json"' EXIT
npx depcruise lib app components scripts bench system content/cleaners --config .dependency-cruiser.cjs -T json -f "$json" || exit 1
status=0
npx depcruise-fmt -T err --exit-code "$json" || status=1
npx depcruise-fmt -T json --include-only '^lib/' --exclude '\.test\.tsx?$|/testing/' --collapse '^lib/[^/]+' "$json" \
  | node scripts/folder-cycles.mjs || status=1
exit $status
