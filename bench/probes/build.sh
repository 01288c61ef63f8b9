#!/usr/bin/env bash
# Builds a scratch copy of the crate with extra wasm exports (bench/probes/js-probes.rs appended
# to src/js.rs) for the "where the time goes" breakdown. Same flags as scripts/build-npm.sh
# (wasm-pack --target web --release, SIMD on, binaryen's wasm-opt). Output: build/bench-scratch/out.
# The repository's src/ is only read; nothing here ships.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/node.sh   # Node >= 22.12 first on PATH (Node 24 from .tools/ if the machine's is older)
root=$PWD
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"
s=$root/build/bench-scratch
rm -rf "$s/crate" "$s/out.new"
mkdir -p "$s/crate"
cp -r Cargo.toml Cargo.lock rust-toolchain.toml README.md src "$s/crate/"
[ -d demo ] && cp -r demo "$s/crate/"
# A standalone workspace; examples are not needed.
python3 - "$s/crate/Cargo.toml" <<'PY'
import re, sys
p = sys.argv[1]
t = open(p).read()
t = re.sub(r'\[\[example\]\][^\[]*', '', t)
open(p, 'w').write(t.replace('[package]', '[workspace]\n\n[package]', 1))
PY
cat bench/probes/js-probes.rs >> "$s/crate/src/js.rs"
{ git rev-parse --short HEAD; git diff --quiet -- src Cargo.toml || echo "(with uncommitted changes in src/)"; } > "$s/source-commit.new"
cd "$s/crate"
CARGO_TARGET_DIR="$s/target" RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+simd128" \
  wasm-pack --quiet build --target web --release --no-pack --no-typescript \
    --out-dir "$s/out.new" --out-name hookguard -- --features js
# Replace the previous probe build only once this one succeeded.
rm -rf "$s/out"
mv "$s/out.new" "$s/out"
mv "$s/source-commit.new" "$s/source-commit"
echo "probe build: $s/out ($(tr '\n' ' ' < "$s/source-commit"))"
