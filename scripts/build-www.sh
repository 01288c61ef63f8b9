#!/usr/bin/env bash
# Builds the playground's static site in www/: the page itself is committed as plain files; this
# copies in the browser build of the npm package (www/pkg/, git-ignored). The npm package is
# rebuilt first only when pkg/ is missing or older than anything it is built from, so a second
# run takes well under a second.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/node.sh   # Node >= 22.12 first on PATH (Node 24 from .tools/ if the machine's is older)

stamp=pkg/dist/wasm/hookguard_bg.wasm
sources=(src js Cargo.toml Cargo.lock scripts/build-npm.sh)
if [[ ! -f "$stamp" || ! -f pkg/dist/web/index.mjs ]] \
  || [[ -n "$(find "${sources[@]}" -newer "$stamp" -type f -print -quit 2>/dev/null)" ]]; then
  echo "build-www: pkg/ is missing or stale; running scripts/build-npm.sh" >&2
  bash scripts/build-npm.sh
fi

# The browser needs only the web entry, the wasm and the catalogue (dist/web/index.mjs imports
# ../wasm/… and ../catalogue.mjs);
# copy into a fresh directory and swap it in, so a server reading www/ never sees half a copy.
# (The temporary copy lives in build/, which is git-ignored and not served.)
mkdir -p build
tmp=$(mktemp -d build/.www-pkg.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cp -R pkg/dist/web pkg/dist/wasm pkg/dist/catalogue.mjs "$tmp/"
rm -rf www/pkg
mv "$tmp" www/pkg
chmod 755 www/pkg
trap - EXIT
echo "build-www: www/ ready (www/pkg/web/index.mjs, $(wc -c <www/pkg/wasm/hookguard_bg.wasm) bytes of wasm)"
