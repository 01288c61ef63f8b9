#!/usr/bin/env bash
# Tests the npm package as users get it: build, pack, install the tarball into a scratch
# project, then run the suites there:
#   Node 24: every node:test suite (ESM + CommonJS, types, Chromium,
#     a Vite build, workerd, the README examples)
#   Node 20 and 22 (the published package's engines include them): the api and vector suites
#   Node 20, 22, 24, Bun and Deno: runtimes.mjs, one runtime-neutral file (every vector with every
#     header and body shape, import and require, the README's Node example run as written)
# Every runtime is pinned in scripts/lib/node.sh and installed into .tools/ when missing. Any
# failure in any runtime fails the script; nothing is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/node.sh   # Node >= 22.12 first on PATH (Node 24 from .tools/ if the machine's is older)
root=$PWD
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"

[ "${HOOKGUARD_SKIP_BUILD:-}" = 1 ] || bash scripts/build-npm.sh
tarball=$(ls "$root"/build/npm/hookguard-*.tgz)

scratch="$root/build/npm-test"
rm -rf "$scratch" && mkdir -p "$scratch"
cat >"$scratch/package.json" <<'JSON'
{ "name": "hookguard-npm-test", "private": true, "type": "module" }
JSON
# The frameworks the adapter tests run against, at the exact versions the root package.json pins
# (next's SWC binary is its @next/swc-* optional dependency from npm).
pinned() { node -p "require('./package.json').devDependencies['$1']"; }
frameworks=()
for dep in express fastify hono @hono/node-server next react react-dom; do frameworks+=("$dep@$(pinned "$dep")"); done
(cd "$scratch" && npm install --no-audit --no-fund --loglevel=error "$tarball" "${frameworks[@]}" >/dev/null)
cp tests/npm/*.mjs "$scratch/"
cp -r tests/npm/js-worker tests/npm/vite-app tests/npm/next-app "$scratch/"

export HOOKGUARD_VECTORS="${HOOKGUARD_VECTORS:-$root/../shared/vectors}"
export HOOKGUARD_OWN_VECTORS="$root/tests/vectors"
export HOOKGUARD_TSC="$root/node_modules/typescript/bin/tsc"
export HOOKGUARD_ROOT="$root"
[ -f "$HOOKGUARD_VECTORS/insigner.json" ] || { echo "test vectors not found in $HOOKGUARD_VECTORS" >&2; exit 1; }

# Resolve every runtime first, so a missing one fails before anything runs.
declare -A bin
for rt in node-20 node-22 node-24 bun deno; do
  bin[$rt]=$(hookguard_runtime "$rt")
done
# Deno: the scratch project's node_modules as npm laid it out (no fetching: jsr and deno.land
# are not reachable from here), no update check, its cache inside build/.
export DENO_DIR="$scratch/.deno" DENO_NO_UPDATE_CHECK=1 DENO_NO_PROMPT=1 DO_NOT_TRACK=1

cd "$scratch"
failed=()
step() {  # step NAME COMMAND...: runs one runtime's part, keeps going, remembers failures
  local name=$1; shift
  printf '\n\033[1m-- %s\033[0m\n' "$name"
  "$@" || failed+=("$name")
}
step "node-24: node:test suites" \
  "${bin[node-24]}" --test --test-reporter=spec --test-reporter-destination=stdout "$@" ./*.test.mjs
for rt in node-20 node-22; do
  step "$rt: api and vector suites" \
    "${bin[$rt]}" --test --test-reporter=spec --test-reporter-destination=stdout api.test.mjs vectors.test.mjs asymmetric.test.mjs
done
for rt in node-20 node-22 node-24 bun; do
  step "$rt: runtimes.mjs" "${bin[$rt]}" runtimes.mjs
done
step "deno: runtimes.mjs" "${bin[deno]}" run --allow-all --node-modules-dir=manual --no-remote runtimes.mjs

echo
if [ "${#failed[@]}" -gt 0 ]; then
  echo "test-npm: failed in: ${failed[*]}"
  exit 1
fi
echo "test-npm: every runtime passed (Node $("${bin[node-20]}" --version), $("${bin[node-22]}" --version), $("${bin[node-24]}" --version); Bun $("${bin[bun]}" --version); Deno $("${bin[deno]}" --version | sed -n 's/^deno \([0-9.]*\).*/\1/p'); Chromium; workerd)"
