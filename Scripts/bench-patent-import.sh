#!/usr/bin/env bash
# Patent import rate in process (issues 3, 19): `corridor-bench search --load-only` loads a few
# CSL papers as achievements, then imports generated patents up to --rows listings through
# PatentImport.run (one CSV file, all-or-nothing, batches of 500 rows per audited transaction,
# synchronous = FULL), and prints the file's rows/s. With BEFORE_BINARY (another build of
# corridor-bench), rounds alternate the two binaries on fresh data folders, so both are measured
# in the same run on the same machine. Release build.
#
# Usage: Scripts/bench-patent-import.sh [rows=100000] [rounds=3]
# Environment: BEFORE_BINARY, PAPERS (../shared/eval/csl/papers.jsonl; only the first PAPERS_USED
#   = 200 are read, so the achievements take seconds and the rows are patents), BENCH_TMP.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-100000}
rounds=${2:-3}
papers=${PAPERS:-../shared/eval/csl/papers.jsonl}
used=${PAPERS_USED:-200}
[ -r "$papers" ] || { echo "bench: cannot read the CSL papers at $papers (set PAPERS)" >&2; exit 1; }
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr), $(swift --version 2>/dev/null | head -n 1)"
echo "code: $(git rev-parse --short HEAD)$(git diff --quiet -- Sources || echo ' (with uncommitted changes)'); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
swift build -c release --product corridor-bench 2>&1 | grep -E "error|Build complete|Build of product" || true
after=$(swift build -c release --show-bin-path)/corridor-bench
tmp=$(mktemp -d "${BENCH_TMP:-/tmp}/bench-patent-import.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
head -n "$used" "$papers" >"$tmp/papers.jsonl"   # read at run time, deleted with the folder

declare -A rates
measure() { # name binary
  local data="$tmp/data-$1"
  rm -rf "$data"; mkdir -m 700 "$data"
  local line
  "$2" search --rows "$rows" --data-dir "$data" --papers "$tmp/papers.jsonl" --file-rows "$rows" --load-only \
    >"$tmp/out.txt" 2>&1 || { echo "bench: $1 failed:" >&2; tail -n 5 "$tmp/out.txt" >&2; exit 1; }
  line=$(grep -m1 '^import file' "$tmp/out.txt") || { echo "bench: $1 printed no import line" >&2; exit 1; }
  local rate; rate=$(sed -n 's/.* = \([0-9,]*\) rows\/s.*/\1/p' <<<"$line" | tr -d ,)
  rates[$1]+="$rate "
  echo "$1: $line"
  rm -rf "$data"
}
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
for round in $(seq 1 "$rounds"); do
  echo "== round $round (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  if [ -n "${BEFORE_BINARY:-}" ] && [ $((round % 2)) = 1 ]; then measure before "$BEFORE_BINARY"; fi
  measure after "$after"
  if [ -n "${BEFORE_BINARY:-}" ] && [ $((round % 2)) = 0 ]; then measure before "$BEFORE_BINARY"; fi
done
echo "== summary ($rows listings, $rounds rounds; load average at the end $(cut -d' ' -f1-3 /proc/loadavg))"
echo "after:  median $(median <<<"${rates[after]}") rows/s [rounds: ${rates[after]}]"
if [ -n "${BEFORE_BINARY:-}" ]; then
  echo "before: median $(median <<<"${rates[before]}") rows/s [rounds: ${rates[before]}]"
  awk -v a="$(median <<<"${rates[after]}")" -v b="$(median <<<"${rates[before]}")" 'BEGIN {printf "RATIO after ÷ before: %.2f\n", a / b}'
fi
