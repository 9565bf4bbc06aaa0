#!/usr/bin/env bash
# Contract-statistics benchmark (issue 16): seeds N synthetic signed technology contracts
# between the seeded organisations and times GET /v1/statistics/contracts' report (whole
# period, a year, 90 and 30 days) against the cheapest read (SELECT 1) in the same run. Release build.
#
# Usage: Scripts/bench-contracts.sh [contracts]   (default: 100000)
# Environment: SEED (42), ROUNDS (3; × 20 timed reports per range), BENCH_TMP (data folder parent).
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-100000}
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr), $(. /etc/os-release && echo "$PRETTY_NAME"), $(swift --version 2>/dev/null | head -n 1)"
echo "code: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
swift build -c release --product corridor-bench 2>&1 | grep -E "error|Build complete|Build of product" || true
binary=$(swift build -c release --show-bin-path)/corridor-bench
[ -x "$binary" ] || { echo "bench: no $binary" >&2; exit 1; }
data=$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/corridor-contracts-bench.XXXXXX")
trap 'rm -rf "$data"' EXIT
echo "command: $binary contracts --rows $rows --data-dir $data --seed ${SEED:-42} --rounds ${ROUNDS:-3}"
"$binary" contracts --rows "$rows" --data-dir "$data" --repo "$(pwd)" --seed "${SEED:-42}" --rounds "${ROUNDS:-3}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
