#!/usr/bin/env bash
# HTTP benchmark: wrk over TLS on loopback against GET /healthz (the baseline) and an
# authenticated GET /v1/organizations/{id}, alternating, in the same run; release build.
# Prints the median requests/s of each and their ratio. Usage: Scripts/bench-http.sh [rounds] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
seconds=${2:-10}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}
port=${PORT:-18443}

command -v wrk >/dev/null || { echo "bench: needs wrk (apt-get install wrk)" >&2; exit 1; }
swift build -c release --product corridor >/dev/null
binary=.build/release/corridor

data=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$data"
}
trap cleanup EXIT

export CORRIDOR_SECURITY_REQUIRE_TOTPFOR_STAFF=false
export CORRIDOR_DATABASE_DATA_DIR="$data" CORRIDOR_LOG_LEVEL=warning
# A load generator is one address: the rate limits are off for the benchmark.
export CORRIDOR_LIMITS_REQUESTS_PER_MINUTE_PER_TOKEN=0 CORRIDOR_LIMITS_REQUESTS_PER_MINUTE_PER_ADDRESS=0
token=$("$binary" admin create --username bench <<<"bench password 123" | tail -n 1)
"$binary" serve --port "$port" >"$data/server.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do curl -sk -o /dev/null "https://127.0.0.1:$port/healthz" && break; sleep 0.5; done
id=$(sqlite3 "$data/corridor.sqlite" "SELECT id FROM organizations WHERE kind = 'university' ORDER BY id LIMIT 1")
status=$(curl -sk -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "https://127.0.0.1:$port/v1/organizations/$id")
[ "$status" = 200 ] || { echo "bench: authenticated read answered $status" >&2; exit 1; }

lua="$data/auth.lua"
printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$token" >"$lua"

rate() { # prints requests/s of one wrk run
  wrk -t"$threads" -c"$connections" -d"${seconds}s" "$@" | awk '/^Requests\/sec/ {print $2}'
}
latency() {
  wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "$@" | awk '/^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {print p50, p99}'
}
median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

health=(); read=()
for round in $(seq 1 "$rounds"); do
  health+=("$(rate "https://127.0.0.1:$port/healthz")")
  read+=("$(rate -s "$lua" "https://127.0.0.1:$port/v1/organizations/$id")")
  echo "round $round: healthz ${health[-1]} req/s, authenticated read ${read[-1]} req/s" >&2
done
healthMedian=$(printf '%s\n' "${health[@]}" | median)
readMedian=$(printf '%s\n' "${read[@]}" | median)
readLatency=$(latency -s "$lua" "https://127.0.0.1:$port/v1/organizations/$id")
healthLatency=$(latency "https://127.0.0.1:$port/healthz")

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "command: Scripts/bench-http.sh $rounds $seconds (wrk -t$threads -c$connections -d${seconds}s, HTTPS/1.1, loopback, release)"
echo "GET /healthz                      median ${healthMedian} req/s  (p50/p99 ${healthLatency})"
echo "GET /v1/organizations/{id} (auth) median ${readMedian} req/s  (p50/p99 ${readLatency})"
awk -v r="$readMedian" -v h="$healthMedian" 'BEGIN {printf "ratio authenticated read / healthz: %.2f\n", r / h}'
