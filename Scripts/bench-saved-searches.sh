#!/usr/bin/env bash
# Saved searches (issue 17): N saved searches against 1,000 new listings, in a release build.
# Usage: Scripts/bench-saved-searches.sh [N (10000)]
# Environment: SEED (42), ROUNDS (3; × 5 timed passes), PAPERS (../shared/eval/csl/papers.jsonl),
# BENCH_TMP (data folder parent).
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-10000}
papers=${PAPERS:-../shared/eval/csl/papers.jsonl}
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr), $(. /etc/os-release && echo "$PRETTY_NAME"), $(swift --version 2>/dev/null | head -n 1)"
echo "code: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
swift build -c release --product corridor-bench 2>&1 | grep -E "error|Build complete|Build of product" || true
binary=$(swift build -c release --show-bin-path)/corridor-bench
[ -x "$binary" ] || { echo "bench: no $binary" >&2; exit 1; }
data=$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/corridor-saved-bench.XXXXXX")
trap 'rm -rf "$data"' EXIT
echo "command: $binary saved-searches --rows $rows --data-dir $data --papers $papers --seed ${SEED:-42} --rounds ${ROUNDS:-3}"
"$binary" saved-searches --rows "$rows" --data-dir "$data" --papers "$papers" --repo "$(pwd)" --seed "${SEED:-42}" --rounds "${ROUNDS:-3}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
