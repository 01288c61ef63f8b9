#!/usr/bin/env bash
# Tests the playground (www/) in real headless Chromium (Debian's, through playwright-core):
# builds www/ (scripts/build-www.sh), builds the edge worker when it is missing or stale (the
# curl test runs the copied command against it), then runs tests/playground/*.test.mjs. Each
# suite serves www/ itself on 127.0.0.1 (random port) and cleans up its processes.
# Exits non-zero on any failure, and fails (never skips) when Chromium is missing.
# The last line is "N passed, N failed".
#   HOOKGUARD_WORKER_URL=http://127.0.0.1:8787  run the curl test against a running worker
#   CHROMIUM=/path/to/chromium                  another Chromium binary
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/node.sh   # Node >= 22.12 first on PATH (Node 24 from .tools/ if the machine's is older)
export PATH="$HOME/.cargo/bin:$PATH" WRANGLER_SEND_METRICS=false

chromium=${CHROMIUM:-/usr/bin/chromium}
if [[ ! -x "$chromium" ]]; then
  echo "test-playground: Chromium not found at $chromium (apt-get install chromium, or set CHROMIUM)" >&2
  echo "0 passed, 1 failed (no Chromium)"
  exit 1
fi
[[ -d node_modules/playwright-core ]] || npm ci --no-audit --no-fund

bash scripts/build-www.sh

# The curl test starts the built worker (build/index.js) as the worker's own tests do; build it
# with wrangler.toml's [build] command when it is missing or older than its sources.
if [[ -z "${HOOKGUARD_WORKER_URL:-}" ]]; then
  if [[ ! -f build/index.js ]] \
    || [[ -n "$(find src Cargo.toml Cargo.lock wrangler.toml -newer build/index.js -type f -print -quit)" ]]; then
    echo "test-playground: building the edge worker (wrangler deploy --dry-run)"
    log=$(mktemp)
    npx wrangler deploy --dry-run --outdir .wrangler/dry-run >"$log" 2>&1 || {
      cat "$log"
      rm -f "$log"
      echo "0 passed, 1 failed (worker build)"
      exit 1
    }
    rm -f "$log"
  fi
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
timeout 900 node --test --test-reporter=spec --test-reporter-destination=stdout --test-concurrency=1 --test-timeout=180000 tests/playground/*.test.mjs | tee "$log"
status=${PIPESTATUS[0]}
set -e
source scripts/lib/summary.sh
report_summary "$log" "$status"
