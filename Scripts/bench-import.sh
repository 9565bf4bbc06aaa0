#!/usr/bin/env bash
# Voucher writes while a large patent import runs (issue 14): baseline redemption-open latency
# without an import, then while ROWS patents are imported over HTTPS, alternating ROUNDS times;
# medians and p99 with their ratios (results in BENCHMARKS.md). Release build unless BUILD=debug.
# Usage: Scripts/bench-import.sh  (ROWS=100000 SECONDS=20 ROUNDS=3 CLIENTS=4 PORT=18471)
# Bounded: ROUNDS × (SECONDS + the import's time); every round's load stops when its import ends.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD:-release}
swift build -c "$build" --product corridor
binary=$(swift build -c "$build" --show-bin-path)/corridor
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
SERVER_BINARY="$binary" DATA="$data" timeout 1800 python3 Scripts/bench-import/contention.py
