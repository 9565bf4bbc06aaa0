#!/usr/bin/env bash
# Notifications benchmark (issue 17). Release build, loopback only, every step under `timeout`.
#
# 1. What notifications cost the write path: the voucher benchmark's audited writes (open →
#    confirm → accept, 64 HTTPS clients, Scripts/bench-vouchers/cycle.lua) against two copies of
#    one set-up database, rounds alternating: "on" — every write records its events, and the
#    server files them into inboxes, fans them out and sends them as e-mail (to a real SMTP
#    server on loopback, Scripts/smtp-sink.py) and as signed webhooks (to
#    Scripts/webhook-receiver.py; every enterprise and provider has an endpoint, every person an
#    address) while the load runs; "off" — `notifications.enabled = false`: no events, no jobs.
#    Each round starts its server, loads it, and stops it (SIGTERM: jobs finish their run).
# 2. Delivery throughput: one more "on" round with delivery held (due e-mail and webhooks wait
#    an hour) leaves a backlog; then the "on" server runs with no load, delivery every second,
#    until it is sent; messages and webhook posts arriving per second at the local
#    receivers (the median of whole busy seconds, and count ÷ span), beside each receiver's own
#    ceiling measured in the same run by a Python client that sends the same way (one SMTP
#    session per message; one HTTP connection per POST).
#
# Usage: Scripts/bench-notifications.sh [rounds=5] [seconds=15]
# Environment: CONNECTIONS=64 THREADS=2 PORT=18471 BACKLOG_SECONDS=10 DRAIN_SECONDS=120
#              BASELINE_MESSAGES=1000 KEEP_DATA=0
# Bounded: about rounds × 2 × (seconds + 5) + BACKLOG_SECONDS + DRAIN_SECONDS + 1 min after the build.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
seconds=${2:-15}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}
port=${PORT:-18471}
drainSeconds=${DRAIN_SECONDS:-120}
backlogSeconds=${BACKLOG_SECONDS:-10}
baselineMessages=${BASELINE_MESSAGES:-1000}
here=Scripts/bench-notifications

for tool in wrk python3 curl sqlite3; do
  command -v "$tool" >/dev/null || { echo "bench: needs $tool" >&2; exit 1; }
done
python3 -c 'import aiosmtpd' 2>/dev/null || { echo "bench: needs aiosmtpd (python3 -m pip install aiosmtpd)" >&2; exit 1; }
. Scripts/bench-common.sh

machineHeader
say "== build"
run swift build -c release --product corridor
binary="$(swift build -c release --show-bin-path)/corridor"
say "binary: $binary ($(date -u -r "$binary" '+%Y-%m-%dT%H:%M:%SZ'))"

data=$(mktemp -d /tmp/bench-notifications.XXXXXX)
on="$data/on"; off="$data/off"
mkdir -m 700 "$on" "$off"
server=""; sink=""; receiver=""
cleanup() {
  stopServer "$server"
  [ -n "$sink" ] && kill "$sink" 2>/dev/null; [ -n "$receiver" ] && kill "$receiver" 2>/dev/null
  if [ "${KEEP_DATA:-0}" = 1 ]; then echo "bench: kept $data" >&2; else rm -rf "$data"; fi
}
trap cleanup EXIT
say "data folder: $data on $(df --output=source,fstype "$data" | tail -n 1 | tr -s ' ')"

# The receivers: they stop when their standard input (a pipe from `sleep`) closes, or on kill.
startReceiver() { # script folder; sets $started and $listening (its port)
  local script=$1 folder=$2
  python3 "Scripts/$script" --dir "$folder" < <(sleep 100000) >"$folder.out" 2>&1 &
  started=$!
  for _ in $(seq 1 100); do
    listening=$(sed -n 's/^ready //p' "$folder.out" 2>/dev/null)
    [ -n "$listening" ] && return 0
    sleep 0.1
  done
  echo "bench: $script did not start: $(cat "$folder.out")" >&2; exit 1
}
startReceiver smtp-sink.py "$data/mail"; sink=$started; smtpPort=$listening
startReceiver webhook-receiver.py "$data/hooks"; receiver=$started; hookPort=$listening
say "SMTP sink (aiosmtpd) on 127.0.0.1:$smtpPort; webhook receiver on 127.0.0.1:$hookPort"

export CORRIDOR_SEEDS_LISTINGS=false CORRIDOR_VOUCHERS_NOTICE_DAYS=0 CORRIDOR_AUTH_BCRYPT_COST=4 CORRIDOR_LOG_LEVEL=warning
export CORRIDOR_LIMITS_REQUESTS_PER_MINUTE_PER_TOKEN=0 CORRIDOR_LIMITS_REQUESTS_PER_MINUTE_PER_ADDRESS=0
export CORRIDOR_SECURITY_REQUIRE_TOTPFOR_STAFF=false
export CORRIDOR_MAIL_HOST=127.0.0.1 CORRIDOR_MAIL_PORT=$smtpPort CORRIDOR_MAIL_SECURITY=none CORRIDOR_MAIL_FROM=notices@bench.example.cn
export CORRIDOR_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true CORRIDOR_WEBHOOKS_DELIVERY_SECONDS=2
startMode() { # mode (on|off); sets $server
  local folder=$on enabled=true
  [ "$1" = off ] && { folder=$off; enabled=false; }
  CORRIDOR_NOTIFICATIONS_ENABLED=$enabled startServer "$binary" "$folder" "$port"; server=$started
}

say "== setup (notifications on, every person with an address, every organisation with a webhook endpoint)"
token=$(CORRIDOR_DATABASE_DATA_DIR="$on" "$binary" admin create --username bench <<<"bench password 123" | tail -n 1)
startMode on
config="$data/bench-config.lua"
BENCH_EMAIL=1 BENCH_WEBHOOK_URL="http://127.0.0.1:$hookPort/hooks" \
  run timeout 300 python3 Scripts/bench-vouchers/setup.py "https://127.0.0.1:$port" "$token" "$config"
stopServer "$server"; server=""
cp -a "$on/." "$off/"
rm -f "$off/server.log"
say "setup: $(sqlite3 "$on/corridor.sqlite" "SELECT (SELECT count(*) FROM users WHERE email IS NOT NULL) || ' people with an address, ' || (SELECT count(*) FROM webhook_endpoints) || ' webhook endpoints, ' || (SELECT count(*) FROM outbox_events) || ' events so far'")"

# One round: start the mode's server, load it, stop it. Prints RESULT and CPU lines.
round() { # mode tag
  startMode "$1"
  local s0 s1 out
  s0=$(cpuTicks "$server")
  BENCH_VOUCHERS_CONFIG="$config" BENCH_VOUCHERS_RUN="$2" BENCH_VOUCHERS_MODE=cycle BENCH_VOUCHERS_KEYS=1 \
    timeout $((seconds + 30)) wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 10s \
    -s Scripts/bench-vouchers/cycle.lua "https://127.0.0.1:$port" >"$data/wrk.out" 2>&1
  s1=$(cpuTicks "$server")
  stopServer "$server"; server=""
  grep '^RESULT' "$data/wrk.out" || { echo "bench: wrk printed no result:" >&2; cat "$data/wrk.out" >&2; exit 1; }
  awk -v s=$((s1 - s0)) -v t="$(getconf CLK_TCK)" -v d="$seconds" 'BEGIN {printf "CPU server=%.2f\n", s / t / d}'
}

record() { # mode RESULT CPU
  local m=$1 r=$2 c=$3 secs writes
  secs=$(field seconds "$r")
  writes=$(( $(field open "$r") + $(field confirm "$r") + $(field accept "$r") ))
  add "${m}_writes" "$(awk -v w="$writes" -v s="$secs" 'BEGIN {printf "%.0f", w / s}')"
  add "${m}_errors" "$(( $(field err_open "$r") + $(field err_confirm "$r") + $(field err_accept "$r") + $(field err_other "$r") + $(field socket_errors "$r") ))"
  add "${m}_p50" "$(field p50_ms "$r")"; add "${m}_p99" "$(field p99_ms "$r")"
  add "${m}_cpuus" "$(awk -v cores="$(field server "$c")" -v w="$writes" -v s="$secs" 'BEGIN {printf "%.0f", cores * s * 1e6 / w}')"
}

say "== rounds: $rounds × (on ${seconds} s, off ${seconds} s; order alternating), $connections connections"
say "load average before the rounds: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$rounds"); do
  order="on off"; [ $((r % 2)) = 0 ] && order="off on"
  for mode in $order; do
    events0=$(sqlite3 "$data/$mode/corridor.sqlite" 'SELECT count(*) FROM outbox_events')
    out=$(round "$mode" "$mode$r")
    events1=$(sqlite3 "$data/$mode/corridor.sqlite" 'SELECT count(*) FROM outbox_events')
    result=$(grep RESULT <<<"$out")
    record "$mode" "$result" "$(grep CPU <<<"$out")"
    say "round $r $mode: $(cut -d' ' -f2- <<<"$result" | cut -c1-160); $(grep CPU <<<"$out"); events recorded: $((events1 - events0))"
  done
  ratio=$(awk -v a="$(tr ' ' '\n' <<<"${series[on_writes]}" | grep -v '^$' | tail -n 1)" -v b="$(tr ' ' '\n' <<<"${series[off_writes]}" | grep -v '^$' | tail -n 1)" 'BEGIN {printf "%.3f", a / b}')
  add ratio "$ratio"
  say "round $r on ÷ off: $ratio   load average: $(cut -d' ' -f1-3 /proc/loadavg)"
done

say "== delivery: a backlog first (one more on round of ${backlogSeconds} s with delivery held: due e-mail and webhooks wait an hour), then the on server with no load sends it, delivery every second (at most ${drainSeconds} s)"
backlog() { sqlite3 "$on/corridor.sqlite" "SELECT (SELECT count(*) FROM notification_mail WHERE status = 'pending') || ' ' || (SELECT count(*) FROM webhook_deliveries WHERE status = 'pending') || ' ' || (SELECT count(*) FROM outbox_events)"; }
waitDrained() { # at most N seconds: until nothing is pending three seconds in a row
  local quiet=0 mailPending hooksPending
  for _ in $(seq 1 "$1"); do
    sleep 1
    read -r mailPending hooksPending _ <<<"$(backlog)"
    if [ "$mailPending" = 0 ] && [ "$hooksPending" = 0 ]; then quiet=$((quiet + 1)); else quiet=0; fi
    [ "$quiet" -ge 3 ] && return 0
  done
  say "(not drained within $1 s: $(backlog | awk '{print $1 " e-mails and " $2 " webhook deliveries still pending"}'))"
}
startMode on; waitDrained "$drainSeconds"; stopServer "$server"; server=""   # what the rounds left, sent first
CORRIDOR_MAIL_DELIVERY_SECONDS=3600 CORRIDOR_WEBHOOKS_DELIVERY_SECONDS=3600 startMode on
BENCH_VOUCHERS_CONFIG="$config" BENCH_VOUCHERS_RUN=backlog BENCH_VOUCHERS_MODE=cycle BENCH_VOUCHERS_KEYS=1 \
  timeout $((backlogSeconds + 30)) wrk -t"$threads" -c"$connections" -d"${backlogSeconds}s" --timeout 10s \
  -s Scripts/bench-vouchers/cycle.lua "https://127.0.0.1:$port" >"$data/wrk.out" 2>&1
sleep 6   # the last fan-out (every 2–5 s)
stopServer "$server"; server=""
say "backlog: $(backlog | awk '{print $1 " e-mails and " $2 " webhook deliveries pending, " $3 " events in all"}')"
mailBefore=$(find "$data/mail" -name '*.eml' | wc -l); hooksBefore=$(find "$data/hooks" -name '*.json' | wc -l)
drainStart=$(date +%s.%N)
CORRIDOR_MAIL_DELIVERY_SECONDS=1 CORRIDOR_WEBHOOKS_DELIVERY_SECONDS=1 startMode on
waitDrained "$drainSeconds"
stopServer "$server"; server=""
say "after: $(backlog | awk '{print $1 " e-mails and " $2 " webhook deliveries still pending"}'); $(sqlite3 "$on/corridor.sqlite" "SELECT count(*) FROM notification_mail WHERE status = 'sent'") e-mails sent, $(sqlite3 "$on/corridor.sqlite" "SELECT count(*) FROM webhook_deliveries WHERE status = 'delivered'") webhooks delivered in all; failed: $(sqlite3 "$on/corridor.sqlite" "SELECT (SELECT count(*) FROM notification_mail WHERE status = 'failed') || ' e-mails, ' || (SELECT count(*) FROM webhook_deliveries WHERE status = 'failed') || ' webhooks'")"
mailRate=$(python3 "$here/arrivals.py" "$data/mail" eml "$drainStart")
hookRate=$(python3 "$here/arrivals.py" "$data/hooks" json "$drainStart")
say "e-mail arrivals during the drain: $mailRate"
say "webhook arrivals during the drain: $hookRate"
say "received during the drain: $(( $(find "$data/mail" -name '*.eml' | wc -l) - mailBefore )) messages and $(( $(find "$data/hooks" -name '*.json' | wc -l) - hooksBefore )) webhook posts"

say "== receivers' ceilings (Python client, same run): $baselineMessages each"
mailCeiling=$(timeout 300 python3 "$here/ceiling.py" smtp 127.0.0.1 "$smtpPort" "$baselineMessages")
hookCeiling=$(timeout 300 python3 "$here/ceiling.py" http 127.0.0.1 "$hookPort" "$baselineMessages")
say "SMTP sink: $mailCeiling"
say "webhook receiver: $hookCeiling"

say ""
say "== summary (medians of $rounds rounds; $connections connections, HTTPS/1.1 keep-alive, loopback)"
say "audited voucher writes, notifications on:  $(med on_writes) req/s [rounds: $(list on_writes)]; p50 $(med on_p50) ms, p99 $(med on_p99) ms; server CPU per write $(med on_cpuus) µs; errors $(list on_errors)"
say "audited voucher writes, notifications off: $(med off_writes) req/s [rounds: $(list off_writes)]; p50 $(med off_p50) ms, p99 $(med off_p99) ms; server CPU per write $(med off_cpuus) µs; errors $(list off_errors)"
say "RATIO on ÷ off, round by round: $(list ratio); median $(med ratio) (goal ≥ 0.90)"
say "delivery to loopback receivers: e-mail $(field busy_median "$mailRate")/s (ceiling $(field per_s "$mailCeiling")/s), webhooks $(field busy_median "$hookRate")/s (ceiling $(field per_s "$hookCeiling")/s)"
say "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
