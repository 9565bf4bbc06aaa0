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
# The tokens the walkthrough was given are printed after it (never shown by the README itself)
# so that the database and a backup can be searched for them below.
output=$(bash -euo pipefail -c "$block"$'\n''printf "issued-secret: %s\n" "$TOKEN" "$USER_TOKEN"' 2>&1)
echo "$output" | grep -v '^issued-secret: '

# The audit check again, as a verifier who does not take the server's word: the key pinned from
# the signing key on disk (not from the server), a checkpoint saved, one more audited write, and
# the next checkpoint proved to extend the saved one.
python3 - "$data/audit-ed25519.pem" >"$data/audit-key.txt" <<'PY'
import base64, hashlib, subprocess, sys
der = subprocess.run(["openssl", "pkey", "-in", sys.argv[1], "-pubout", "-outform", "DER"], capture_output=True, check=True).stdout
raw, name = b"\x01" + der[-32:], "corridor.local/audit"
key_id = hashlib.sha256(name.encode() + b"\n" + raw).digest()[:4].hex()
print(f"verifier key: {name}+{key_id}+{base64.b64encode(raw).decode()}")
PY
pinned=(python3 Scripts/audit-check.py https://127.0.0.1:8443 --insecure --key "$data/audit-key.txt")
saved=$("${pinned[@]}" --save-checkpoint "$data/checkpoint.txt" 2>&1) || true  # judged by the expectations below
check_token=$(swift run corridor admin create --username walkthrough.check </dev/null 2>/dev/null | tail -n 1)
curl -sk -X POST https://127.0.0.1:8443/v1/audit/checkpoints -H "Authorization: Bearer $check_token" >/dev/null
extended=$("${pinned[@]}" --checkpoint "$data/checkpoint.txt" 2>&1) || true
echo "$saved"
echo "$extended"
output+=$'\n'"$saved"$'\n'"$extended"

failed=0
# No secret at rest: neither the tokens it issued nor the password it set appear anywhere in the
# database (its WAL included) or in a backup of it; only their hashes do.
swift run corridor backup --to "$data/backup.sqlite" >/dev/null 2>&1 || { echo "walkthrough: the backup failed" >&2; failed=1; }
secrets=$(grep '^issued-secret: ' <<<"$output" | sed 's/^issued-secret: //')
secrets+=$'\n''demo password 2026'
while IFS= read -r secret; do
  [ -n "$secret" ] || continue
  for file in "$data/corridor.sqlite" "$data/backup.sqlite"; do
    if sqlite3 "$file" .dump | grep -qF "$secret"; then
      echo "walkthrough: a secret (${secret:0:8}…) is stored in $(basename "$file")" >&2; failed=1
    fi
  done
done <<<"$secrets"
[ "$(grep -c '^issued-secret: cor_' <<<"$output")" -eq 2 ] || { echo "walkthrough: the issued tokens were not seen" >&2; failed=1; }
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
expect '^saved: the checkpoint of [0-9]+ entries'
expect '^consistency with the saved checkpoint: [0-9]+ -> [0-9]+ verified \([0-9]+ hashes\)'
if grep -q "WARNING" <<<"$extended"; then echo "walkthrough: the pinned check still warned: $extended" >&2; failed=1; fi
if [ "$failed" -ne 0 ]; then
  echo "walkthrough: server log follows" >&2
  cat "$log" >&2
  exit 1
fi
echo "walkthrough: every step gave the expected answer"
