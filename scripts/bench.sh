#!/usr/bin/env bash
# The benchmarks (bench/run.mjs) on the Node the dev tooling uses (>= 22.12; Node 24 from .tools/
# when the machine's is older): they start wrangler 4.16x, which refuses older Nodes.
#   bash scripts/bench.sh [--quick] [--no-edge] …   (every option of bench/run.mjs)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/node.sh
[ -d node_modules/wrangler ] || bash scripts/setup.sh
exec node bench/run.mjs "$@"
