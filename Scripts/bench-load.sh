#!/usr/bin/env bash
# Load benchmark (issue 8): wrk over TLS on loopback against the release server on the seeded
# database — the /healthz baseline, a read mix (authenticated reads of organisations, listings,
# the profile) and a search mix (Chinese keywords with filters) — alternating in each round, so
# every figure has its same-run baseline. Rate limits are off (one load-generating address). The
# redemption mix is Scripts/bench-vouchers.sh. Usage: Scripts/bench-load.sh [rounds] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
seconds=${2:-10}
connections=${CONNECTIONS:-64}
port=${PORT:-18900}
command -v wrk >/dev/null || { echo "bench: needs wrk (apt-get install wrk)" >&2; exit 1; }
swift build -c release --product corridor 2>&1 | grep -E "error|Build of product" || true
binary=$(swift build -c release --show-bin-path)/corridor
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
"$binary" serve >"$data/server.log" 2>&1 &
server=$!
for _ in $(seq 1 240); do curl -sk -o /dev/null "https://127.0.0.1:$port/healthz" && break; sleep 0.5; done
export TOKEN=$("$binary" admin create --username bench <<<"bench password 123" | tail -n 1)
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
  echo "$1 $rps $p50 $p99 ${non2xx:-0}"
}
results=$(mktemp)
for round in $(seq 1 "$rounds"); do
  run healthz "" /healthz >>"$results"
  run read Scripts/bench-load/read.lua / >>"$results"
  run search Scripts/bench-load/search.lua / >>"$results"
done
python3 - "$results" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
by = {}
for name, rps, p50, p99, bad in rows:
    by.setdefault(name, []).append((float(rps), p50, p99, int(bad)))
base = statistics.median(r[0] for r in by["healthz"])
print("mix      req/s (median)  ratio to /healthz  p50 / p99 (median round)  non-2xx")
for name in ("healthz", "read", "search"):
    runs = sorted(by[name])
    mid = runs[len(runs) // 2]
    print(f"{name:8} {statistics.median(r[0] for r in runs):>14,.0f}  {statistics.median(r[0] for r in runs) / base:>17.3f}  {mid[1]:>9} / {mid[2]:<9}  {sum(r[3] for r in runs)}")
PY
