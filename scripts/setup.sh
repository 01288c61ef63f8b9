#!/usr/bin/env bash
# Installs what hookguard's build and tests need, only when it is missing or at the wrong version,
# so a second run takes seconds. Everything comes from the package registries (see TOOLCHAIN.md).
#   scripts/setup.sh          what building and running the worker needs (Node >= 22.12: the
#                             machine's, or Node 24 LTS from the npm registry into .tools/)
#   scripts/setup.sh --test   plus what the test suites need (Chromium, cargo-fuzz, and the
#                             runtimes the npm package is tested on: Node 20, 22, 24, Bun, Deno)
set -euo pipefail
cd "$(dirname "$0")/.."
# Node >= 22.12 first on PATH (installs Node 24 into .tools/node-24 when the machine's is older).
source scripts/lib/node.sh
for_tests=false
[ "${1:-}" = "--test" ] && for_tests=true

WASM_BINDGEN_VERSION=0.2.130
WASM_PACK_VERSION=0.15.1
WORKER_BUILD_VERSION=0.8.7

log() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
has_version() { command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -q "$2"; }

export PATH="$HOME/.cargo/bin:$PATH"

# The toolchain itself is pinned by rust-toolchain.toml; make sure its wasm target is present.
if ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
  log "adding rustup target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen's CLI must equal the crate version in Cargo.lock (wasm-pack and worker-build use it).
# Not --locked: the locked set pins a crate the mirror lacks.
if ! has_version wasm-bindgen "$WASM_BINDGEN_VERSION"; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi
if ! has_version wasm-pack "$WASM_PACK_VERSION"; then
  log "installing wasm-pack $WASM_PACK_VERSION"
  cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked --force
fi
if ! has_version worker-build "$WORKER_BUILD_VERSION"; then
  log "installing worker-build $WORKER_BUILD_VERSION"
  cargo install worker-build --version "$WORKER_BUILD_VERSION" --locked --force
fi

CARGO_FUZZ_VERSION=0.13.2
if $for_tests && ! has_version cargo-fuzz "$CARGO_FUZZ_VERSION"; then
  log "installing cargo-fuzz $CARGO_FUZZ_VERSION"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked --force
fi

# Python's `cryptography` for the Ed25519 and ECDSA P-256 vector generators (Discord, SendGrid,
# Standard Webhooks v1a: tests/vectors/providers/generate.py), which the tests regenerate and diff.
CRYPTOGRAPHY_VERSION=48.0.0
if $for_tests && ! python3 -c 'import cryptography' >/dev/null 2>&1; then
  log "installing Python cryptography $CRYPTOGRAPHY_VERSION"
  python3 -m pip install --quiet "cryptography==$CRYPTOGRAPHY_VERSION"
fi

# Chromium for the browser suites (the package and the playground). Never Debian's binaryen:
# its wasm-opt is too old and produces modules that fail to load.
if $for_tests && { ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; }; then
  log "installing chromium and chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
fi

# The runtimes the packed npm package is tested on (scripts/test-npm.sh), each pinned in
# scripts/lib/node.sh and installed from the npm registry into .tools/ only when missing.
if $for_tests; then
  for runtime in node-20 node-22 node-24 bun deno; do
    hookguard_runtime "$runtime" >/dev/null
  done
fi

# JavaScript tooling (wrangler with its miniflare, playwright-core, vite, esbuild, typescript,
# binaryen's wasm-opt, peers for the benchmarks), exactly as package-lock.json pins it.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci (Node $(node --version))"
  npm ci --no-audit --no-fund --loglevel=error
fi
log "ready (Node $(node --version), wrangler $(node -p 'require("./node_modules/wrangler/package.json").version'))"
