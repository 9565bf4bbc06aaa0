#!/usr/bin/env bash
# API fuzzing: schemathesis (PyPI) against the live server's /openapi.json with an administrator
# token — every route, generated good and bad inputs — checking that no answer is a 5xx, that
# every answer matches its documented status codes, content type and schema, and that the server
# still serves afterwards. Bounded by FUZZ_SECONDS (default 120; a longer local run: 1800).
# Logout and token revocation are left out: they would revoke the token the run uses.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-120}
port=${FUZZ_PORT:-18600}
data=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$data"
}
trap cleanup EXIT
command -v schemathesis >/dev/null || python3 -m pip install --quiet schemathesis
binary=$(swift build --show-bin-path)/corridor
[ -x "$binary" ] || swift build --product corridor >/dev/null
export CORRIDOR_DATABASE_DATA_DIR="$data" CORRIDOR_SEEDS_LISTINGS=false CORRIDOR_AUTH_BCRYPT_COST=4 CORRIDOR_LOG_LEVEL=error
# One fuzzing client: rate limits and sign-in lockout would only answer 429 to it.
export CORRIDOR_LIMITS_REQUESTS_PER_MINUTE_PER_TOKEN=0 CORRIDOR_LIMITS_REQUESTS_PER_MINUTE_PER_ADDRESS=0
export CORRIDOR_LIMITS_LOGIN_FAILURES=0 CORRIDOR_LIMITS_LOGIN_FAILURES_PER_ADDRESS=0
# Every (operation, problem code) answered is recorded; those the contract does not document
# are listed at the end (FUZZ_RECORD=<file> keeps the record for Scripts/openapi-problem-codes.py).
export RECORD_PROBLEM_CODES="${FUZZ_RECORD:-$data/problem-codes.txt}"
"$binary" serve --port "$port" >"$data/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do curl -sk -o /dev/null "https://127.0.0.1:$port/healthz" && break; sleep 0.5; done
token=$(printf 'fuzz admin password\n' | "$binary" admin create --username admin | tail -n 1)
status=0
schemathesis run "https://127.0.0.1:$port/openapi.json" --tls-verify false \
  -H "Authorization: Bearer $token" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --exclude-path /v1/auth/logout --exclude-operation-id delete_v1_tokens_id --exclude-operation-id delete_v1_me_tokens_id \
  --exclude-operation-id post_v1_me_totp_start --exclude-operation-id post_v1_me_totp_confirm \
  --phases examples,fuzzing --max-time "$seconds" --workers 2 --seed "${FUZZ_SEED:-2026}" || status=$?
if ! curl -sk -o /dev/null -w '%{http_code}' "https://127.0.0.1:$port/healthz" | grep -q 200; then
  echo "fuzz: the server stopped serving" >&2
  status=1
fi
if grep -qiE "fatal|panic|crash" "$data/server.log"; then
  echo "fuzz: the server log reports a crash:" >&2
  grep -iE "fatal|panic|crash" "$data/server.log" | head -20 >&2
  status=1
fi
if [ -s "$RECORD_PROBLEM_CODES" ]; then
  python3 - "$RECORD_PROBLEM_CODES" "$(dirname "$0")/../Sources/HTTPAPI/Contract/openapi.json" <<'PY'
import json, sys
document = json.load(open(sys.argv[2], encoding="utf-8"))
common = set(document.get("x-common-problem-codes", []))
documented = {op["operationId"]: set(op.get("x-problem-codes", [])) for item in document["paths"].values() for op in item.values()}
met = [line.split() for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
missing = sorted(f"{op} {code}" for op, code in met if code not in common and code not in documented.get(op, set()))
print(f"fuzz: {len(met)} (operation, problem code) pairs met, {len(missing)} not in the contract" + (": " + ", ".join(missing) if missing else ""))
PY
fi
echo "fuzz: schemathesis $(schemathesis --version | awk '{print $NF}'), ${seconds} s, exit $status"
exit "$status"
