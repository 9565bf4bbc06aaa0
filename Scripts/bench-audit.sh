#!/usr/bin/env bash
# Audit-log benchmark (issue 6): fills the audit log and its Merkle tree to 1k, 1M and 10M
# leaves (synthetic rows and tree nodes, built with a frontier between stages) and at each size
# times the tree's append inside a write transaction, a whole audited write through the write
# path (fsync included), inclusion and consistency proofs for 1,000 random leaves, and a forced
# signed checkpoint; first it times Ed25519 and SM2 signing and verifying of a checkpoint.
# Release build. About 12 GB of disk and half an hour at 10M on 2 cores.
#
# Usage: Scripts/bench-audit.sh [leaves]   (default: 10000000)
# Environment: SEED (42), BENCH_TMP (where the data folder goes), KEEP_DATA=1 (keep it).
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-10000000}
seed=${SEED:-42}
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr), $(. /etc/os-release && echo "$PRETTY_NAME"), $(swift --version 2>/dev/null | head -n 1)"
echo "code: $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $(git status --short -- Sources 2>/dev/null | wc -l) changed or new paths under Sources/ not committed"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "build: swift build -c release --product corridor-bench"
swift build -c release --product corridor-bench 2>&1 | grep -E "error|Build complete|Build of product" || true
binary=$(swift build -c release --show-bin-path)/corridor-bench
[ -x "$binary" ] || { echo "bench: no $binary" >&2; exit 1; }
data=$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/corridor-audit-bench.XXXXXX")
if [ "${KEEP_DATA:-0}" = 1 ]; then echo "data kept in $data"; else trap 'rm -rf "$data"' EXIT; fi
echo "command: $binary audit --rows $rows --data-dir $data --seed $seed"
"$binary" audit --rows "$rows" --data-dir "$data" --seed "$seed"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
