#!/usr/bin/env bash
# The console's journeys in a real browser: Debian's chromium and chromium-driver, driven by
# selenium, against the real server on loopback (a fresh data folder, port 18443; the voucher
# journey restarts it with the clock a month ahead through libfaketime to settle the month).
# Screenshots of the key pages go to $SCREENSHOTS (default ./browser-screenshots), listed at the
# end. Used by .ci/run; safe to run by hand after `swift build`. ONLY=journey_x runs one journey.
set -euo pipefail
cd "$(dirname "$0")/.."

shots=${SCREENSHOTS:-$(pwd)/browser-screenshots}
rm -rf "$shots"; mkdir -p "$shots"
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
binary=$(swift build --show-bin-path)/corridor
[ -x "$binary" ] || swift build --product corridor >/dev/null

status=0
SERVER_BINARY="$binary" DATA="$data" PORT="${BROWSER_PORT:-18443}" SERVER_LOG="$data/server.log" \
  SCREENSHOTS="$shots" ONLY="${ONLY:-}" timeout 900 python3 Scripts/browser/journeys.py || status=$?
echo "browser: screenshots in $shots:"
ls -1 "$shots" | sed 's/^/  /'
if [ "$status" -ne 0 ]; then
  echo "browser: a journey failed; server log follows" >&2
  tail -n 80 "$data/server.log" >&2 || true
fi
exit "$status"
