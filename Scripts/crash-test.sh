#!/usr/bin/env bash
# Crash safety: the server under a bounded mixed load (voucher redemptions, need postings,
# challenge steps) from concurrent clients, killed with SIGKILL KILLS times (default 20) at random
# moments and restarted each time; every acknowledged write must survive, the ledger and audit
# checks must be clean, and the server must serve again quickly. Release build by default
# (BUILD=debug for the shorter CI form). See Scripts/crash/crash.py.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD:-release}
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
if [ "$build" = release ]; then
  # A failed release build stops the test here: the build's own status decides, not grep's.
  if ! swift build -c release --product corridor >"$data/build.log" 2>&1; then
    grep -E "error" "$data/build.log" >&2 || tail -n 40 "$data/build.log" >&2
    echo "crash: the release build failed" >&2
    exit 1
  fi
  grep -E "Build of product|Build complete" "$data/build.log" || true  # progress only
  binary=$(swift build -c release --show-bin-path)/corridor
else
  binary=$(swift build --show-bin-path)/corridor
  [ -x "$binary" ] || swift build --product corridor >/dev/null
fi
[ -x "$binary" ] || { echo "crash: no server binary at $binary" >&2; exit 1; }
echo "crash: $binary ($build), $(nproc) cores, kills ${KILLS:-20}, clients ${CLIENTS:-6}, seed ${SEED:-2026}"
status=0
SERVER_BINARY="$binary" DATA="$data" PORT="${CRASH_PORT:-18700}" SERVER_LOG="$data/server.log" \
  timeout 900 python3 Scripts/crash/crash.py || status=$?
if [ "$status" -ne 0 ]; then
  echo "crash: FAILED; server log tail:" >&2
  tail -n 40 "$data/server.log" >&2 || true
fi
exit "$status"
