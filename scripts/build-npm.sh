#!/usr/bin/env bash
# Builds the npm package into pkg/ (and the packed tarball into build/npm/):
#   one wasm-pack build (--target web, feature "js", SIMD on), then the JS entries per
#   environment (web, workerd, node ESM + CommonJS) around the same .wasm file.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/node.sh   # Node >= 22.12 first on PATH (Node 24 from .tools/ if the machine's is older)
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"   # binaryen 132's wasm-opt first

out=build/wasm-web
rm -rf "$out" pkg
# +simd128: sha2's message schedule vectorises (every current browser, Node and workerd have it).
RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+simd128" \
  wasm-pack --quiet build --target web --release --no-pack --no-typescript \
    --out-dir "$out" --out-name hookguard -- --features js

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
mkdir -p pkg/dist/wasm pkg/dist/web pkg/dist/workerd pkg/dist/node
cp "$out/hookguard.js" "$out/hookguard_bg.wasm" pkg/dist/wasm/
for env in web workerd node; do
  cp js/api.mjs "pkg/dist/$env/index.mjs"
  cp "js/init/$env.mjs" "pkg/dist/$env/init.mjs"
done
# Node: one CommonJS bundle (require), re-exported by the ESM entry (import): one instance.
esbuild pkg/dist/node/index.mjs --bundle --platform=node --format=cjs --target=node20 \
  --log-level=warning --log-override:empty-import-meta=silent \
  --outfile=pkg/dist/node/index.cjs
rm pkg/dist/node/init.mjs
cp js/node-esm.mjs pkg/dist/node/index.mjs
cp js/index.d.ts pkg/index.d.ts
node scripts/lib/gen-types.mjs pkg >/dev/null   # pkg/providers.d.ts, from the descriptors
cp js/README.md pkg/README.md
cp LICENSE pkg/
node -e '
  const fs = require("fs");
  const p = JSON.parse(fs.readFileSync("js/package.json", "utf8"));
  p.version = process.argv[1];
  fs.writeFileSync("pkg/package.json", JSON.stringify(p, null, 2) + "\n");
' "$version"

mkdir -p build/npm
rm -f build/npm/hookguard-*.tgz
(cd pkg && npm pack --silent --pack-destination ../build/npm >/dev/null)
wasm=pkg/dist/wasm/hookguard_bg.wasm
printf 'built pkg/ (hookguard %s): %s; .wasm %s bytes, %s gzip\n' "$version" \
  "$(ls build/npm/hookguard-*.tgz)" "$(wc -c <"$wasm")" "$(gzip -9 -c "$wasm" | wc -c)"
