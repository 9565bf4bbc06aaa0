#!/usr/bin/env bash
# Matching benchmark (issue 4): loads the CSL papers as achievements plus generated patents (as
# bench-search.sh does) to 100k and 1M listings, creates 100 needs owned by the seeded
# enterprises through NeedService.create, then times MatchService.forNeed (kind patent and
# organisation, limit 10) against SearchService.search measured in the same run, with the load
# (index build) time, database size, peak RSS and where one match spends its time. Release build.
#
# Usage: Scripts/bench-match.sh [sizes...]   (default: 100000 1000000)
# Environment: PAPERS (default ../shared/eval/csl/papers.jsonl, read at run time, never copied),
#   NEEDS (100), ROUNDS (3), SEED (42), FILE_ROWS (rows per import file; default a tenth of the
#   patents, at most 100,000), BUDGET (300 s per measured section; BUDGET_1M, 200 s, from 1M rows
#   on), EXTRA (more corridor-bench options, e.g. --no-components), BENCH_TMP (where the temporary
#   data folders go; default the system temporary folder), KEEP_DATA=1 (keep the data folders and
#   print where they are; `corridor-bench match --reuse --data-dir DIR` measures them again).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
papers=${PAPERS:-../shared/eval/csl/papers.jsonl}
needs=${NEEDS:-100}
rounds=${ROUNDS:-3}
seed=${SEED:-42}
budget=${BUDGET:-300}
budget_1m=${BUDGET_1M:-200}
extra=${EXTRA:-}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000)

[ -r "$papers" ] || { echo "bench: cannot read the CSL papers at $papers (set PAPERS)" >&2; exit 1; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr), $(. /etc/os-release && echo "$PRETTY_NAME"), $(swift --version 2>/dev/null | head -n 1)"
echo "code: $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $(git status --short -- Sources 2>/dev/null | wc -l) changed or new paths under Sources/ not committed"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "build: swift build -c release --product corridor-bench"
swift build -c release --product corridor-bench 2>&1 | grep -E "error|Compiling|Build complete|Build of product" || true
binary=$(swift build -c release --show-bin-path)/corridor-bench
[ -x "$binary" ] || { echo "bench: no $binary" >&2; exit 1; }
echo "binary: $binary ($(date -r "$binary" '+%Y-%m-%d %H:%M'))"

tmp_root=${BENCH_TMP:-${TMPDIR:-/tmp}}
data=""
cleanup() { if [ -n "$data" ] && [ "${KEEP_DATA:-0}" != 1 ]; then rm -rf "$data"; fi; }
trap cleanup EXIT

for rows in "${sizes[@]}"; do
  echo
  if [ "$rows" -ge 1000000 ]; then
    free_kb=$(df -Pk "$tmp_root" | awk 'NR == 2 {print $4}')
    if [ "$free_kb" -lt $((20 * 1024 * 1024)) ]; then
      echo "== $rows rows: SKIPPED, only $((free_kb / 1024 / 1024)) GB free in $tmp_root (needs 20 GB) =="
      continue
    fi
  fi
  data=$(mktemp -d "$tmp_root/corridor-bench.XXXXXX")
  file_rows=${FILE_ROWS:-$(( rows / 10 < 1000 ? 1000 : (rows / 10 > 100000 ? 100000 : rows / 10) ))}
  section_budget=$budget
  if [ "$rows" -ge 1000000 ]; then section_budget=$budget_1m; fi
  # shellcheck disable=SC2206
  command=("$binary" match --rows "$rows" --data-dir "$data" --papers "$papers" --repo "$repo"
    --needs "$needs" --rounds "$rounds" --seed "$seed" --file-rows "$file_rows" --budget "$section_budget" $extra)
  echo "== $rows rows =="
  echo "command: ${command[*]}"
  echo "free disk in $tmp_root: $(df -Ph "$tmp_root" | awk 'NR == 2 {print $4}'), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  start=$(date +%s)
  "${command[@]}"
  echo "wall time: $(( $(date +%s) - start )) s; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ "${KEEP_DATA:-0}" = 1 ]; then echo "kept: $data"; else rm -rf "$data"; fi
  data=""
done
