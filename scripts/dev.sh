#!/usr/bin/env bash
# The main job, on one command: the edge worker on workerd (wrangler dev) with the demo routes
# for inSigner and Inspakt, the demo origin it forwards to (loopback, prints what it receives),
# and the playground served from www/ as static assets.
#
#   bash scripts/dev.sh            then, in another terminal:   node demo/send-samples.mjs
#
# Worker: http://127.0.0.1:8787 (playground at /, webhooks at /hooks/insigner and
# /hooks/inspakt, health at /healthz, the operator page at /_hookguard/ with the demo admin
# token from .dev.vars). Origin: http://127.0.0.1:8788. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/node.sh   # Node >= 22.12 first on PATH (Node 24 from .tools/ if the machine's is older)
export PATH="$HOME/.cargo/bin:$PATH" WRANGLER_SEND_METRICS=false

# Install whatever is missing (fast when everything is there).
bash scripts/setup.sh

# The playground's static files (the npm package's browser build into www/pkg/).
if [ -f scripts/build-www.sh ]; then
  bash scripts/build-www.sh
fi
mkdir -p www

# Demo secrets for wrangler dev; .dev.vars is git-ignored and its values are never overwritten.
# A secret that a newer version needs and an older .dev.vars lacks is added from the example.
if [ ! -f .dev.vars ]; then
  cp .dev.vars.example .dev.vars
  echo "dev: created .dev.vars from .dev.vars.example (demo secrets)"
else
  while IFS= read -r line; do
    name=${line%%=*}
    if ! grep -q "^${name}=" .dev.vars; then
      printf '%s\n' "$line" >>.dev.vars
      echo "dev: added $name to .dev.vars from .dev.vars.example"
    fi
  done < <(grep -E '^[A-Z_][A-Z0-9_]*=' .dev.vars.example)
fi

# The delivery log's tables in the local D1 (.wrangler/state): each migration is applied once.
CI=true node_modules/.bin/wrangler d1 migrations apply LOG --local >/dev/null

origin_pid=""
worker_pid=""
# Whatever ends this script (Ctrl-C, a kill of this process alone, an error) stops both
# servers: wrangler ends its workerd on SIGTERM.
stop() {
  trap - EXIT INT TERM
  [ -n "$worker_pid" ] && kill -TERM "$worker_pid" 2>/dev/null
  [ -n "$origin_pid" ] && kill -TERM "$origin_pid" 2>/dev/null
  wait 2>/dev/null
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

node demo/origin.mjs --port 8788 &
origin_pid=$!

cat <<'MSG'
dev: starting the worker on workerd (the first build takes about a minute).
dev: when it says "Ready", send the samples from another terminal:
dev:     node demo/send-samples.mjs
MSG
# In the background so that a signal to this script is handled at once (bash defers traps
# while a foreground child runs); stdin stays the terminal for wrangler's hotkeys.
node_modules/.bin/wrangler dev --ip 127.0.0.1 --port 8787 "$@" <&0 &
worker_pid=$!
wait "$worker_pid"
