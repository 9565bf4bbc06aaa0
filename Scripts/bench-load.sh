#!/usr/bin/env bash
# Load benchmark (issue 8): wrk over TLS on loopback against the release server on the seeded
# database — the /healthz baseline, a read mix (authenticated reads of organisations, listings,
# the profile) and a search mix (Chinese keywords with filters) — alternating in each round, so
# every figure has its same-run baseline. Rate limits are off (one load-generating address). The
# redemption mix is Scripts/bench-vouchers.sh. Usage: Scripts/bench-load.sh [rounds] [seconds]
# BEFORE_BINARY=path/to/corridor (issue 19): a second release binary (e.g. the code before a
# change) served on the same data; each round then runs the three mixes against it and against
# this checkout's binary in turn (the server restarted between them), and each is reported with
# its own /healthz baseline. BINARY=path serves a given binary instead of building this checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
seconds=${2:-10}
connections=${CONNECTIONS:-64}
port=${PORT:-18900}
command -v wrk >/dev/null || { echo "bench: needs wrk (apt-get install wrk)" >&2; exit 1; }
if [ -z "${BINARY:-}" ]; then
  swift build -c release --product corridor 2>&1 | grep -E "error|Build of product" || true
  binary=$(swift build -c release --show-bin-path)/corridor
else
  binary=$BINARY
fi
before=${BEFORE_BINARY:-}
if [ -n "$before" ] && [ ! -x "$before" ]; then echo "bench: BEFORE_BINARY $before is not executable" >&2; exit 1; fi
data=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$data"
}
trap cleanup EXIT
export CORRIDOR_SECURITY_REQUIRE_TOTPFOR_STAFF=false
export CORRIDOR_DATABASE_DATA_DIR="$data" CORRIDOR_LOG_LEVEL=warning CORRIDOR_HTTP_PORT="$port"
export CORRIDOR_LIMITS_REQUESTS_PER_MINUTE_PER_TOKEN=0 CORRIDOR_LIMITS_REQUESTS_PER_MINUTE_PER_ADDRESS=0
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); code $(git rev-parse --short HEAD)"
echo "command: Scripts/bench-load.sh $rounds $seconds (wrk -t2 -c$connections -d${seconds}s --latency, TLS, HTTP/1.1 keep-alive)"
[ -n "$before" ] && echo "before: $before (alternating rounds with $binary)"
start() {  # binary
  "$1" serve >>"$data/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 240); do curl -sk -o /dev/null "https://127.0.0.1:$port/healthz" && return; sleep 0.5; done
  echo "bench: the server did not start" >&2; exit 1
}
stop() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  server=""
}
# The data is made (migrated, seeded) by the older binary when there is one, so that it is never
# opened by a binary older than the one that migrated it.
start "${before:-$binary}"
export TOKEN=$("${before:-$binary}" admin create --username bench <<<"bench password 123" | tail -n 1)
db="$data/corridor.sqlite"
export ORGS=$(sqlite3 "$db" "SELECT max(id) FROM organizations")
export PATENTS=$(sqlite3 "$db" "SELECT min(id) || '-' || max(id) FROM listings WHERE kind = 'patent'")
export ACHIEVEMENTS=$(sqlite3 "$db" "SELECT min(id) || '-' || max(id) FROM listings WHERE kind = 'achievement'")
run() {  # name, lua script or empty, path
  local out
  if [ -n "$2" ]; then out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$2" "https://127.0.0.1:$port$3")
  else out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "https://127.0.0.1:$port$3"); fi
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  echo "$label $1 $rps $p50 $p99 ${non2xx:-0}"
  [ -z "${VERBOSE:-}" ] || echo "round $round $label $1: $rps req/s, p50 $p50, p99 $p99, non-2xx ${non2xx:-0}" >&2
}
mixes() {
  run healthz "" /healthz >>"$results"
  run read Scripts/bench-load/read.lua / >>"$results"
  run search Scripts/bench-load/search.lua / >>"$results"
}
results=$(mktemp)
label=after
if [ -n "$before" ]; then stop; fi
for round in $(seq 1 "$rounds"); do
  if [ -n "$before" ]; then
    # Which binary goes first alternates, so neither always meets a warmer page cache.
    for which in $([ $((round % 2)) -eq 1 ] && echo "before after" || echo "after before"); do
      label=$which
      start "$([ "$which" = before ] && echo "$before" || echo "$binary")"
      mixes
      stop
    done
  else
    mixes
  fi
done
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$results" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
by = {}
for label, name, rps, p50, p99, bad in rows:
    by.setdefault(label, {}).setdefault(name, []).append((float(rps), p50, p99, int(bad)))
labels = [label for label in ("before", "after") if label in by]
for label in labels:
    base = statistics.median(r[0] for r in by[label]["healthz"])
    if len(labels) > 1:
        print(f"{label}:")
    print("mix      req/s (median)  ratio to /healthz  p50 / p99 (median round)  non-2xx  rounds (req/s)")
    for name in ("healthz", "read", "search"):
        runs = by[label][name]
        ordered = sorted(runs)
        mid = ordered[len(ordered) // 2]
        median = statistics.median(r[0] for r in runs)
        each = ", ".join(f"{r[0]:,.0f}" for r in runs)
        print(f"{name:8} {median:>14,.0f}  {median / base:>17.3f}  {mid[1]:>9} / {mid[2]:<9}  {sum(r[3] for r in runs):>7}  {each}")
if len(labels) > 1:
    print("after / before (medians): " + ", ".join(
        f"{name} {statistics.median(r[0] for r in by['after'][name]) / statistics.median(r[0] for r in by['before'][name]):.2f}x"
        for name in ("healthz", "read", "search")))
PY
