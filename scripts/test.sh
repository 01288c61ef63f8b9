#!/usr/bin/env bash
# Every test hookguard has, as CI runs it: installs what is missing, then lints, the Rust core
# (vectors, properties, a bounded fuzz run), the npm package (Node, types, Chromium, workerd),
# the edge worker on workerd, and the playground in Chromium. Exits non-zero on any failure.
#   HOOKGUARD_FUZZ_SECONDS=30   seconds per fuzz target (0 skips fuzzing, and says so)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/node.sh   # Node >= 22.12 first on PATH (Node 24 from .tools/ if the machine's is older)
root=$PWD
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export WRANGLER_SEND_METRICS=false
fuzz_seconds=${HOOKGUARD_FUZZ_SECONDS:-30}

bash scripts/setup.sh --test

logs=$(mktemp -d)
suites_passed=0
suites_failed=0
failed_names=()
run() {  # run NAME COMMAND...: runs a suite, keeps its log, never stops the others
  local name=$1; shift
  printf '\n\033[1m== %s\033[0m\n' "$name"
  local start=$SECONDS
  if "$@" 2>&1 | tee "$logs/$name.log"; then
    suites_passed=$((suites_passed + 1))
    printf '\033[32m== %s passed (%ss)\033[0m\n' "$name" $((SECONDS - start))
  else
    suites_failed=$((suites_failed + 1))
    failed_names+=("$name")
    printf '\033[31m== %s FAILED (%ss)\033[0m\n' "$name" $((SECONDS - start))
  fi
}

lint() {
  cargo fmt --all -- --check
  cargo clippy --all-targets -- -D warnings
  cargo clippy --all-targets --features js -- -D warnings
  cargo clippy --lib --target wasm32-unknown-unknown --features js -- -D warnings
  # The npm and worker builds leave out the default `samples` feature: lint them as built.
  cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --features js -- -D warnings
  cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --features tools -- -D warnings
  # The native core without the public-key verifiers, as hookguard/verify is built.
  cargo clippy --all-targets --no-default-features --features samples,custom -- -D warnings
  if grep -q '^worker = ' Cargo.toml; then
    cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --features worker -- -D warnings
    cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --features worker,asymmetric -- -D warnings
  fi
  (cd fuzz && cargo fmt -- --check)
  # The vectors are what their independent Python generators write (nobody edits them by hand).
  python3 tests/vectors/generate.py >/dev/null
  python3 tests/vectors/providers/generate.py >/dev/null
  git diff --exit-code --stat -- tests/vectors
}

fuzz() {
  if [ "$fuzz_seconds" = 0 ]; then echo "fuzzing skipped: HOOKGUARD_FUZZ_SECONDS=0"; return 0; fi
  # cargo-fuzz needs -Z flags; RUSTC_BOOTSTRAP lets the pinned stable toolchain accept them.
  for target in verify options descriptor handshake multipart asymmetric; do
    (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" -- -max_total_time="$fuzz_seconds" -rss_limit_mb=2048 2>&1 | grep -E '^(Done|#[0-9]+ +DONE|==[0-9]+==|SUMMARY|thread .* panicked)' || true;
     test "${PIPESTATUS[0]}" -eq 0)
  done
}

run lint lint
run rust-core cargo test --all-targets
run rust-doc cargo test --doc
run fuzz fuzz
run npm-package bash scripts/test-npm.sh
[ -f scripts/test-worker.sh ] && run edge-worker bash scripts/test-worker.sh
[ -f scripts/test-playground.sh ] && run playground bash scripts/test-playground.sh

# Count the individual tests the runners reported.
tests_passed=$(cat "$logs"/*.log | sed -nE 's/^test result: [a-zA-Z]+\. ([0-9]+) passed.*/\1/p; s/^ℹ pass ([0-9]+)$/\1/p; s/^# pass ([0-9]+)$/\1/p; s/^runtime [^:]+: ([0-9]+) passed, [0-9]+ failed$/\1/p' | awk '{s+=$1} END {print s+0}')
tests_failed=$(cat "$logs"/*.log | sed -nE 's/^test result: [a-zA-Z]+\. [0-9]+ passed; ([0-9]+) failed.*/\1/p; s/^ℹ fail ([0-9]+)$/\1/p; s/^# fail ([0-9]+)$/\1/p; s/^runtime [^:]+: [0-9]+ passed, ([0-9]+) failed$/\1/p' | awk '{s+=$1} END {print s+0}')
# A JavaScript test that reports itself skipped did not check anything: that fails the run.
tests_skipped=$(cat "$logs"/*.log | sed -nE 's/^ℹ skipped ([0-9]+)$/\1/p; s/^# skip ([0-9]+)$/\1/p' | awk '{s+=$1} END {print s+0}')
if [ "$tests_skipped" -gt 0 ]; then
  suites_failed=$((suites_failed + 1))
  failed_names+=("skipped-tests($tests_skipped)")
fi
echo
if [ "$suites_failed" -gt 0 ]; then echo "failed suites: ${failed_names[*]}"; fi
echo "suites: $suites_passed passed, $suites_failed failed"
echo "tests: ${tests_passed:-0} passed, $((${tests_failed:-0} + suites_failed)) failed"
[ "$suites_failed" -eq 0 ]
