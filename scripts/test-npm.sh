#!/usr/bin/env bash
# Tests the npm package as users get it: build, pack, install the tarball into a scratch
# project, then run the suites there (Node ESM + CommonJS, types, Chromium, workerd).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"

[ "${HOOKGUARD_SKIP_BUILD:-}" = 1 ] || bash scripts/build-npm.sh
tarball=$(ls "$root"/build/npm/hookguard-*.tgz)

scratch="$root/build/npm-test"
rm -rf "$scratch" && mkdir -p "$scratch"
cat >"$scratch/package.json" <<'JSON'
{ "name": "hookguard-npm-test", "private": true, "type": "module" }
JSON
(cd "$scratch" && npm install --no-audit --no-fund --loglevel=error "$tarball" >/dev/null)
cp test/npm/*.mjs "$scratch/"
cp -r test/npm/js-worker test/npm/vite-app "$scratch/"

export HOOKGUARD_VECTORS="${HOOKGUARD_VECTORS:-$root/../shared/vectors}"
export HOOKGUARD_OWN_VECTORS="$root/tests/vectors"
export HOOKGUARD_TSC="$root/node_modules/typescript/bin/tsc"
export HOOKGUARD_ROOT="$root"
[ -f "$HOOKGUARD_VECTORS/insigner.json" ] || { echo "test vectors not found in $HOOKGUARD_VECTORS" >&2; exit 1; }
cd "$scratch"
node --test --test-reporter=spec --test-reporter-destination=stdout "$@" ./*.test.mjs
