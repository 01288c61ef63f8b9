#!/usr/bin/env bash
# Builds the edge worker and runs its suite on workerd (Miniflare) against real loopback origins.
# Exits non-zero on any failure; the last line is "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/node.sh   # Node >= 22.12 first on PATH (Node 24 from .tools/ if the machine's is older)
export PATH="$HOME/.cargo/bin:$PATH" WRANGLER_SEND_METRICS=false

if ! command -v worker-build >/dev/null 2>&1 || ! command -v wasm-bindgen >/dev/null 2>&1 \
  || [ ! -x node_modules/.bin/wrangler ]; then
  bash scripts/setup.sh
fi

# The [build] command in wrangler.toml (worker-build) runs here, and wrangler checks the config
# and bindings without deploying anything.
mkdir -p .wrangler
echo "test-worker: building with wrangler.toml's [build] command (wrangler deploy --dry-run)"
npx wrangler deploy --dry-run --outdir .wrangler/dry-run >.wrangler/dry-run.log 2>&1 || {
  cat .wrangler/dry-run.log
  echo "0 passed, 1 failed (build)"
  exit 1
}

# tests/worker/catalogue.test.mjs signs its deliveries with the package's sign(): build it if absent
# (scripts/test.sh builds it in the npm-package suite first).
[ -f pkg/dist/node/index.mjs ] || bash scripts/build-npm.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
timeout 900 node --test --test-reporter=spec --test-reporter-destination=stdout --test-concurrency=1 --test-timeout=90000 tests/worker/*.test.mjs | tee "$log"
status=${PIPESTATUS[0]}
set -e
source scripts/lib/summary.sh
report_summary "$log" "$status"
