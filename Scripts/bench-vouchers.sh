#!/usr/bin/env bash
# Voucher benchmark (issue 5): audited voucher write requests per second over HTTPS with 64
# concurrent clients (wrk, keep-alive, TLS on loopback), full 通兑 redemption cycles per second
# (open → confirm → accept, each its own audited, fully synchronous transaction), beside the raw
# SQLite rate of single-row durable commits (WAL, synchronous = FULL) on the same disk, measured
# by this script in the same run, rounds alternating. Release build.
#
# Also measured in the same rounds: the same load against a copy of the database on tmpfs
# (/dev/shm, where fsync costs nothing: the ceiling any group commit could reach), and the
# client's own ceiling (the same wrk Lua request/response work against GET /healthz). Then a
# short pass under strace counts fsync/fdatasync calls per write request, one under perf shows
# where the server's CPU goes (neither used for rates), and `corridor ledger check` runs on both
# databases after the load.
#
# Before and after in the same run (issue 19): BEFORE_BINARY=path (a release `corridor` of the
# starting point) runs a second server on its own copy of the set-up database (set up once, by
# the before binary, then copied: both start from the same data, the binary under test migrates
# its copies when it starts, and each side grows its own copy), and every round measures both,
# disk and tmpfs, alternating which goes first; the summary gives both sides and after ÷ before
# round by round. BINARY=path measures that binary without building.
#
# Usage: Scripts/bench-vouchers.sh [rounds=5] [seconds=15]
# Environment: CONNECTIONS=64 THREADS=2 PORT=18461 RAW_SECONDS=10 HEALTHZ_SECONDS=5 TMPFS=1
#              KEYS=1 (Idempotency-Key on every POST) STRACE=1 PERF=1 KEEP_DATA=0
#              BINARY= (skip the build) BEFORE_BINARY= (compare with that binary)
# Bounded: about rounds × (RAW_SECONDS + 2 × seconds + HEALTHZ_SECONDS) + 1 min after the build
# (5 × 45 s + 1 min ≈ 5 min with the defaults; with BEFORE_BINARY, 2 × seconds more per round);
# every load step runs under `timeout`.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
seconds=${2:-15}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}
port=${PORT:-18461}
shmPort=$((port + 1))
rawSeconds=${RAW_SECONDS:-10}
healthzSeconds=${HEALTHZ_SECONDS:-5}
useTmpfs=${TMPFS:-1}
keys=${KEYS:-1}
useStrace=${STRACE:-1}
usePerf=${PERF:-1}
here=Scripts/bench-vouchers

for tool in wrk python3 curl sqlite3; do
  command -v "$tool" >/dev/null || { echo "bench: needs $tool (apt-get install $tool)" >&2; exit 1; }
done

. Scripts/bench-common.sh
machineHeader
say "sqlite (python3 and system): $(python3 -c 'import sqlite3; print(sqlite3.sqlite_version)') / $(sqlite3 --version | cut -d' ' -f1)"
say "uncommitted source changes built in: $(git status --short -- Sources 2>/dev/null | awk '{printf "%s%s", sep, $2; sep=", "}' || true)"

say "== build"
if [ -n "${BINARY:-}" ]; then
  binary=$(realpath "$BINARY")
  say "BINARY given: not building"
else
  run swift build -c release --product corridor
  binary="$(swift build -c release --show-bin-path)/corridor"
fi
say "binary: $binary ($(date -u -r "$binary" '+%Y-%m-%dT%H:%M:%SZ'))"
before=""
if [ -n "${BEFORE_BINARY:-}" ]; then
  before=$(realpath "$BEFORE_BINARY")
  say "before binary: $before ($(date -u -r "$before" '+%Y-%m-%dT%H:%M:%SZ')); rounds alternate the two"
fi
say "libsqlite3 of the server: $(ldd "$binary" | awk '/libsqlite3/ {print $3}') (python3: $(python3 -c 'import _sqlite3; print(_sqlite3.__file__)' | xargs ldd | awk '/libsqlite3/ {print $3}'))"

data=$(mktemp -d /tmp/bench-vouchers.XXXXXX)
shm=""
server=""
shmServer=""
bdata=""
bshm=""
bServer=""
bShmServer=""
cleanup() {
  stopServer "$server"; stopServer "$shmServer"; stopServer "$bServer"; stopServer "$bShmServer"
  if [ "${KEEP_DATA:-0}" = 1 ]; then echo "bench: kept $data ${shm} ${bdata} ${bshm}" >&2
  else rm -rf "$data" ${shm:+"$shm"} ${bdata:+"$bdata"} ${bshm:+"$bshm"}; fi
}
trap cleanup EXIT
say "data folder: $data on $(df --output=source,fstype "$data" | tail -n 1 | tr -s ' ')"

export CORRIDOR_SEEDS_LISTINGS=false CORRIDOR_VOUCHERS_NOTICE_DAYS=0 CORRIDOR_AUTH_BCRYPT_COST=4 CORRIDOR_LOG_LEVEL=warning
export CORRIDOR_LIMITS_REQUESTS_PER_MINUTE_PER_TOKEN=0 CORRIDOR_LIMITS_REQUESTS_PER_MINUTE_PER_ADDRESS=0  # one load-generating address
export CORRIDOR_SECURITY_REQUIRE_TOTPFOR_STAFF=false  # the bench signs administrators in with passwords only
started=""

say "== setup"
# With a before binary, it sets up (so its copy has its own schema); the binary under test
# migrates its copies when it starts on them.
setupBinary=${before:-$binary}
say "+ CORRIDOR_DATABASE_DATA_DIR=$data $setupBinary admin create --username bench"
token=$(CORRIDOR_DATABASE_DATA_DIR="$data" "$setupBinary" admin create --username bench <<<"bench password 123" | tail -n 1)
say "+ CORRIDOR_DATABASE_DATA_DIR=$data CORRIDOR_HTTP_PORT=$port $setupBinary serve  (env: CORRIDOR_SEEDS_LISTINGS=false CORRIDOR_VOUCHERS_NOTICE_DAYS=0 CORRIDOR_AUTH_BCRYPT_COST=4 CORRIDOR_LOG_LEVEL=warning)"
startServer "$setupBinary" "$data" "$port"; server=$started
config="$data/bench-config.lua"
run timeout 120 python3 "$here/setup.py" "https://127.0.0.1:$port" "$token" "$config"
bPort=$((port + 2))
bShmPort=$((port + 3))
if [ "$useTmpfs" = 1 ] || [ -n "$before" ]; then
  stopServer "$server"; server=""
  copyData() { # to-folder
    cp -a "$data/." "$1/"
    rm -f "$1/server.log"
  }
  if [ "$useTmpfs" = 1 ]; then
    shm=$(mktemp -d /dev/shm/bench-vouchers.XXXXXX); copyData "$shm"
    say "tmpfs copy of the set-up database: $shm (port $shmPort)"
  fi
  if [ -n "$before" ]; then
    bdata=$(mktemp -d /tmp/bench-vouchers-before.XXXXXX); copyData "$bdata"
    say "copy of the set-up database for the before binary: $bdata (port $bPort)"
    if [ "$useTmpfs" = 1 ]; then
      bshm=$(mktemp -d /dev/shm/bench-vouchers-before.XXXXXX); copyData "$bshm"
      say "tmpfs copy for the before binary: $bshm (port $bShmPort)"
    fi
  fi
  startServer "$binary" "$data" "$port"; server=$started
  if [ -n "$shm" ]; then startServer "$binary" "$shm" "$shmPort"; shmServer=$started; fi
  if [ -n "$bdata" ]; then startServer "$before" "$bdata" "$bPort"; bServer=$started; fi
  if [ -n "$bshm" ]; then startServer "$before" "$bshm" "$bShmPort"; bShmServer=$started; fi
fi

busyTicks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }  # all processes, all cores
ticks=$(getconf CLK_TCK)

# One wrk run. Prints the RESULT line, then "CPU server=<cores> client=<cores> machine=<cores>".
load() { # port mode run-tag seconds [extra wrk flags]
  local port=$1 mode=$2 tag=$3 secs=$4 pid=$server
  [ "$port" = "$shmPort" ] && pid=$shmServer
  [ "$port" = "$bPort" ] && pid=$bServer
  [ "$port" = "$bShmPort" ] && pid=$bShmServer
  local s0 m0 s1 m1 out clientCPU
  s0=$(cpuTicks "$pid"); m0=$(busyTicks)
  local TIMEFORMAT='%U %S'
  { time BENCH_VOUCHERS_CONFIG="$config" BENCH_VOUCHERS_RUN="$tag" BENCH_VOUCHERS_MODE="$mode" BENCH_VOUCHERS_KEYS="$keys" \
      timeout $((secs + 30)) wrk -t"$threads" -c"$connections" -d"${secs}s" --timeout 10s -s "$here/cycle.lua" \
      "https://127.0.0.1:$port" >"$data/wrk.out" 2>&1; } 2>"$data/wrk.time"
  s1=$(cpuTicks "$pid"); m1=$(busyTicks)
  grep -E '^(RESULT|SAMPLE_ERROR)' "$data/wrk.out" || { echo "bench: wrk printed no result:" >&2; cat "$data/wrk.out" >&2; exit 1; }
  clientCPU=$(awk '{print $1 + $2}' "$data/wrk.time")
  awk -v s=$((s1 - s0)) -v m=$((m1 - m0)) -v c="$clientCPU" -v t="$ticks" -v d="$secs" \
    'BEGIN {printf "CPU server=%.2f client=%.2f machine=%.2f\n", s / t / d, c / d, m / t / d}'
}


record() { # prefix RESULT-line CPU-line
  local p=$1 r=$2 c=$3 secs writes
  secs=$(field seconds "$r")
  writes=$(( $(field open "$r") + $(field confirm "$r") + $(field accept "$r") ))
  add "${p}writes" "$(awk -v w="$writes" -v s="$secs" 'BEGIN {printf "%.0f", w / s}')"
  for step in open confirm accept; do
    add "${p}$step" "$(awk -v w="$(field "$step" "$r")" -v s="$secs" 'BEGIN {printf "%.0f", w / s}')"
  done
  add "${p}errors" "$(( $(field err_open "$r") + $(field err_confirm "$r") + $(field err_accept "$r") + $(field err_other "$r") + $(field socket_errors "$r") ))"
  add "${p}flagged" "$(field flagged "$r")"
  add "${p}p50" "$(field p50_ms "$r")"; add "${p}p99" "$(field p99_ms "$r")"
  add "${p}server" "$(field server "$c")"; add "${p}client" "$(field client "$c")"; add "${p}machine" "$(field machine "$c")"
  add "${p}cpuus" "$(awk -v cores="$(field server "$c")" -v w="$writes" -v s="$secs" 'BEGIN {printf "%.0f", cores * s * 1e6 / w}')"
}

say "== rounds: $rounds × (raw SQLite ${rawSeconds} s; vouchers on disk ${seconds} s$([ "$useTmpfs" = 1 ] && echo "; vouchers on tmpfs ${seconds} s"); client ceiling on /healthz ${healthzSeconds} s)"
say "+ python3 $here/raw-sqlite.py $data $rawSeconds"
say "+ BENCH_VOUCHERS_CONFIG=… BENCH_VOUCHERS_RUN=<round> BENCH_VOUCHERS_KEYS=$keys wrk -t$threads -c$connections -d${seconds}s --timeout 10s -s $here/cycle.lua https://127.0.0.1:$port"
say "load average before the rounds: $(cut -d' ' -f1-3 /proc/loadavg)"
# One measured pass: label port prefix run-tag database-folder(or empty)
pass() {
  local label=$1 p=$2 prefix=$3 tag=$4 folder=$5 out count
  out=$(load "$p" cycle "$tag" "$seconds")
  say "round $round $label $(grep RESULT <<<"$out" | cut -d' ' -f2-)"
  if [ -n "$folder" ]; then
    count=$(sqlite3 "$folder/corridor.sqlite" 'SELECT count(*) FROM voucher_redemptions' 2>&1 || true)
    add "${prefix}redemptions" "$count"
    say "                $(grep CPU <<<"$out"); redemptions in the database now: $count"
  else
    say "                $(grep CPU <<<"$out")"
  fi
  grep SAMPLE_ERROR <<<"$out" || true
  record "$prefix" "$(grep RESULT <<<"$out")" "$(grep CPU <<<"$out")"
}
for round in $(seq 1 "$rounds"); do
  raw=$(timeout $((rawSeconds + 30)) python3 "$here/raw-sqlite.py" "$data" "$rawSeconds")
  add raw "$(field commits_per_s "$raw")"
  say "round $round raw:    $raw"
  # With a before binary, odd rounds measure the binary under test first, even rounds the before one.
  order="after before"
  [ -n "$before" ] && [ $((round % 2)) = 0 ] && order="before after"
  [ -n "$before" ] || order="after"
  for side in $order; do
    if [ "$side" = after ]; then
      pass "disk:  " "$port" "" "r$round" "$data"
      [ "$useTmpfs" = 1 ] && pass "tmpfs: " "$shmPort" "shm_" "s$round" ""
    else
      pass "before disk:  " "$bPort" "b_" "br$round" "$bdata"
      [ "$useTmpfs" = 1 ] && pass "before tmpfs: " "$bShmPort" "bshm_" "bs$round" ""
    fi
  done
  out=$(load "$port" healthz "h$round" "$healthzSeconds")
  r=$(grep RESULT <<<"$out")
  add healthz "$(awk -v n="$(field healthz "$r")" -v s="$(field seconds "$r")" 'BEGIN {printf "%.0f", n / s}')"
  say "round $round client ceiling (healthz through cycle.lua): $(tail -n 1 <<<"${series[healthz]}" | awk '{print $NF}') req/s; $(grep CPU <<<"$out")"
  say "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  add loadavg "$(cut -d' ' -f1 /proc/loadavg)"
done

fsyncLine="not measured"
if [ "$useStrace" = 1 ] && command -v strace >/dev/null; then
  strace -f -c -w -e trace=fsync,fdatasync -o "$data/strace.txt" -p "$server" 2>/dev/null &
  tracer=$!
  sleep 1
  out=$(load "$port" cycle "t1" 5)
  kill -INT "$tracer" 2>/dev/null || true; wait "$tracer" 2>/dev/null || true
  r=$(grep RESULT <<<"$out")
  writes=$(( $(field open "$r") + $(field confirm "$r") + $(field accept "$r") ))
  syncs=$(awk '$NF == "fsync" || $NF == "fdatasync" {n += $4} END {print n + 0}' "$data/strace.txt")
  syncSeconds=$(awk '$NF == "fsync" || $NF == "fdatasync" {t += $2} END {print t + 0}' "$data/strace.txt")
  fsyncLine=$(awk -v f="$syncs" -v w="$writes" -v t="$syncSeconds" 'BEGIN {printf "%d fsync/fdatasync for %d write requests: %.2f per write, %.0f µs wall each on average (5 s under strace -w, which slows the server: rate not counted)", f, w, (w ? f / w : 0), (f ? t * 1e6 / f : 0)}')
fi

profile() { # label pid port folder
  local label=$1 pid=$2 p=$3 folder=$4
  say "== profile of the $label server on disk (perf record -F 199 --call-graph dwarf, 5 s of the same load; rate not counted)"
  perf record -F 199 --call-graph dwarf,16384 -o "$folder/perf.data" -p "$pid" -- sleep 6 >/dev/null 2>&1 &
  profiler=$!
  sleep 0.5
  say "under perf: $(load "$p" cycle "p$label" 5 | grep RESULT | cut -d' ' -f2-5)"
  wait "$profiler" || true
  set +o pipefail   # grep -m1 and head close the pipes early
  perf report -i "$folder/perf.data" --stdio --children --sort symbol -g none 2>/dev/null | grep -E '^ +[0-9]' \
    | { swift demangle --simplified 2>/dev/null || cat; } >"$folder/perf.txt"
  say "-- share of the server's CPU samples, each line including what it calls"
  for what in "Database.inTransaction(" "RedemptionService.open(" "RedemptionService.step(" "VoucherService.voucher(" \
    "FraudRules.flags(" "AuditEntry.append(" "IdempotencyStore.remember" "IdempotencyStore.replay" "RedemptionService.save(" \
    "sqlite3_prepare_v3" "StatementAuthorizer.authorize" "sqlite3_step" "Database.commit()" "fdatasync" \
    "JSONEncoder.encode<" "JSONDecoder.decode<" "NIOSSLHandler.channelReadComplete" "NIOSSLHandler.flush" "SelectableEventLoop.run"; do
    grep -m1 -F "$what" "$folder/perf.txt" | awk '{$2=""; $3=""; print}' | cut -c1-110 | sed 's/^/   /' || true
  done
  set -o pipefail
}
if [ "$usePerf" = 1 ] && command -v perf >/dev/null; then
  profile "under-test" "$server" "$port" "$data"
  [ -n "$before" ] && profile "before" "$bServer" "$bPort" "$bdata"
fi

stopServer "$server"; server=""
stopServer "$shmServer"; shmServer=""
stopServer "$bServer"; bServer=""
stopServer "$bShmServer"; bShmServer=""
say "== after the load"
redemptions=$(sqlite3 "$data/corridor.sqlite" "SELECT count(*) || ' redemptions (' || sum(status = 'captured') || ' captured, ' || sum(review <> 'none') || ' flagged), ' || (SELECT count(*) FROM ledger_transfers) || ' transfers, ' || (SELECT count(*) FROM audit_log) || ' audit entries' FROM voucher_redemptions" 2>&1 || true)
say "database on disk: $redemptions; $(du -sh "$data" | cut -f1)"
say "+ $binary ledger check --data-dir $data"
ledgerStatus=0; ledger=$("$binary" ledger check --data-dir "$data" 2>&1) || ledgerStatus=$?
echo "$ledger"
say "exit status $ledgerStatus"
for other in "$shm" "$bdata" "$bshm"; do
  [ -n "$other" ] || continue
  say "+ $binary ledger check --data-dir $other"
  otherStatus=0; "$binary" ledger check --data-dir "$other" 2>&1 | tail -n 3 || otherStatus=$?
  say "exit status $otherStatus"
  [ "$otherStatus" = 0 ] || ledgerStatus=$otherStatus
done

raw=$(med raw); writes=$(med writes)
say ""
say "== summary (medians of $rounds rounds; $connections connections, $threads wrk threads, HTTPS/1.1 keep-alive, loopback; Idempotency-Key on every POST: $keys)"
say "raw SQLite single-row commits (WAL, FULL, same disk): $raw commits/s   [rounds: $(list raw)]"
say "audited voucher writes over HTTPS:                    $writes req/s   [rounds: $(list writes)]"
say "  open $(med open), confirm $(med confirm), accept $(med accept) req/s; full cycles $(med accept)/s"
say "  latency p50 $(med p50) ms, p99 $(med p99) ms (all three steps together); errors per round: $(list errors); flagged: $(list flagged)"
say "  server CPU $(med server) cores, wrk $(med client) cores, whole machine $(med machine) cores busy; server CPU per write $(med cpuus) µs"
awk -v w="$writes" -v r="$raw" 'BEGIN {printf "RATIO audited voucher writes / raw durable commits: %.2f (goal ≥ 0.50)\n", w / r}'
if [ "$useTmpfs" = 1 ]; then
  say "same load on tmpfs (fsync free; ceiling for group commit): $(med shm_writes) req/s [rounds: $(list shm_writes)], cycles $(med shm_accept)/s, p50 $(med shm_p50) ms, p99 $(med shm_p99) ms, server CPU $(med shm_server) cores, $(med shm_cpuus) µs per write"
  ratios=$(paste -d' ' <(tr ' ' '\n' <<<"${series[shm_writes]}" | grep -v '^$') <(tr ' ' '\n' <<<"${series[writes]}" | grep -v '^$') \
    | awk '{printf "%.2f\n", $1 / $2}')
  say "  tmpfs / disk, round by round: $(echo $ratios | sed 's/ /, /g'); median $(median <<<"$ratios")"
fi
say "redemptions in the database after each round (disk): $(list redemptions); writes/s by round: $(list writes)"
byRound() { # numerator-series denominator-series
  paste -d' ' <(tr ' ' '\n' <<<"${series[$1]}" | grep -v '^$') <(tr ' ' '\n' <<<"${series[$2]}" | grep -v '^$') \
    | awk '{printf "%.2f\n", $1 / $2}'
}
if [ -n "$before" ]; then
  say ""
  say "== before binary ($before), same rounds, its own copy of the set-up database"
  say "audited voucher writes over HTTPS:                    $(med b_writes) req/s   [rounds: $(list b_writes)]"
  say "  open $(med b_open), confirm $(med b_confirm), accept $(med b_accept) req/s; p50 $(med b_p50) ms, p99 $(med b_p99) ms; errors per round: $(list b_errors); flagged: $(list b_flagged)"
  say "  server CPU $(med b_server) cores, whole machine $(med b_machine) cores busy; server CPU per write $(med b_cpuus) µs [rounds: $(list b_cpuus)]"
  awk -v w="$(med b_writes)" -v r="$raw" 'BEGIN {printf "BEFORE RATIO audited voucher writes / raw durable commits: %.2f\n", w / r}'
  [ "$useTmpfs" = 1 ] && say "  on tmpfs: $(med bshm_writes) req/s [rounds: $(list bshm_writes)], $(med bshm_cpuus) µs per write"
  say "  redemptions after each round: $(list b_redemptions)"
  r1=$(byRound writes b_writes); r2=$(byRound b_cpuus cpuus)
  say "after ÷ before, writes/s round by round: $(echo $r1 | sed 's/ /, /g'); median $(median <<<"$r1")"
  say "before ÷ after, CPU per write round by round: $(echo $r2 | sed 's/ /, /g'); median $(median <<<"$r2")"
fi
say "server CPU per write, rounds (under test): $(list cpuus); load average (1 min) after each round: $(list loadavg)"
say "client ceiling (same Lua work, GET /healthz): $(med healthz) req/s [rounds: $(list healthz)]"
say "fsyncs per write request: $fsyncLine"
say "ledger check after the load: $([ "$ledgerStatus" = 0 ] && echo clean || echo "NOT CLEAN (exit $ledgerStatus)")"
say "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
