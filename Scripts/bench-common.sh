# Shell helpers of the HTTP benchmarks (Scripts/bench-vouchers.sh, Scripts/bench-notifications.sh; sourced): the machine header, a release
# server started and stopped, CPU ticks, RESULT fields and medians of named series.

say() { echo "$@"; }
run() { echo "+ $*"; "$@"; }

machineHeader() {
  say "== machine"
  say "date: $(date -u '+%Y-%m-%dT%H:%M:%SZ')   commit: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
  say "cpu: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
  say "memory: $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); kernel: $(uname -sr); $(. /etc/os-release && echo "$PRETTY_NAME")"
  say "swift: $(swift --version 2>&1 | head -n 1)"
  say "load average before the build: $(cut -d' ' -f1-3 /proc/loadavg)"
}

startServer() { # binary folder port; sets $started to the pid once /healthz answers
  CORRIDOR_DATABASE_DATA_DIR="$2" CORRIDOR_HTTP_PORT="$3" "$1" serve >>"$2/server.log" 2>&1 &
  started=$!
  for _ in $(seq 1 240); do
    curl -sk -o /dev/null "https://127.0.0.1:$3/healthz" && return 0
    kill -0 "$started" 2>/dev/null || break
    sleep 0.25
  done
  echo "bench: the server in $2 did not start; its log:" >&2; cat "$2/server.log" >&2; exit 1
}

stopServer() { # pid: SIGTERM, then wait until it has exited (jobs finish their run, the database closes)
  [ -n "${1:-}" ] || return 0
  kill "$1" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$1" 2>/dev/null && kill -KILL "$1" 2>/dev/null
  wait "$1" 2>/dev/null || true
}

cpuTicks() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # utime + stime, in clock ticks
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"; }

median() { sort -g | awk '{a[NR]=$1} END {if (NR == 0) print "-"; else if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
declare -A series
add() { series[$1]+="$2 "; }   # name value
med() { tr ' ' '\n' <<<"${series[$1]:-}" | grep -v '^$' | median; }
list() { echo "${series[$1]:-}" | sed 's/ $//; s/ /, /g'; }
