#!/usr/bin/env bash
# Runs README.md's walkthrough verbatim against a live server on 127.0.0.1:8443, in a fresh
# data folder, and checks what it printed. Used by .ci/run; safe to run by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

data=$(mktemp -d)
export CORRIDOR_DATABASE_DATA_DIR="$data"
log="$data/server.log"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$data"
}
trap cleanup EXIT

if curl -sk -o /dev/null https://127.0.0.1:8443/healthz; then
  echo "walkthrough: something already listens on 127.0.0.1:8443; stop it first" >&2
  exit 1
fi

swift build --product corridor >/dev/null
swift run corridor serve >"$log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
  curl -sk -o /dev/null https://127.0.0.1:8443/healthz && break
  sleep 1
done
curl -sk --http2 -o /dev/null -w 'walkthrough: server up, HTTP/%{http_version}\n' https://127.0.0.1:8443/healthz

block=$(awk '/<!-- walkthrough:start -->/{f=1;next} /<!-- walkthrough:end -->/{f=0} f' README.md | sed '/^```/d')
[ -n "$block" ] || { echo "walkthrough: no block found in README.md" >&2; exit 1; }
output=$(bash -euo pipefail -c "$block" 2>&1)
echo "$output"

failed=0
expect() {
  if ! grep -qE "$1" <<<"$output"; then echo "walkthrough: expected /$1/ in the output" >&2; failed=1; fi
}
expect '"role":"platform_admin"'
expect '^organisation [0-9]+$'
expect '"username":"hs.demo"'
expect '"city":"HS".*"kind":"enterprise"'
expect '"code":"credit_code_check"'
expect '"action":"organization.create"'
expect '"highlights":'
expect '"state":"(published|applications_closed|under_review|awarded)"'
expect '"signal":"text"'
expect '"queryTerms":\["'
expect '^corridor.local/audit$'
expect '^inclusion: leaf [0-9]+ of [0-9]+ verified'
expect '^consistency: [0-9]+ -> [0-9]+ verified'
if [ "$failed" -ne 0 ]; then
  echo "walkthrough: server log follows" >&2
  cat "$log" >&2
  exit 1
fi
echo "walkthrough: every step gave the expected answer"
