#!/usr/bin/env bash
# Regenerates what is derived from the API's one hand-edited description,
# Sources/HTTPAPI/Contract/openapi.yaml:
#   - Sources/HTTPAPI/Contract/Generated/Types.swift (swift-openapi-generator, types mode)
#   - Sources/HTTPAPI/Contract/openapi.json          (the same document, served at /openapi.json)
# `--check` regenerates into a temporary folder and fails on any difference (CI runs it).
set -euo pipefail
cd "$(dirname "$0")/.."
contract=Sources/HTTPAPI/Contract
check=false
[ "${1:-}" = "--check" ] && check=true

tool=Tools/openapi-generate
swift build -c release --package-path "$tool" --product swift-openapi-generator >/dev/null
generator="$(swift build -c release --package-path "$tool" --show-bin-path)/swift-openapi-generator"

out="$contract"
if $check; then out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT; fi
mkdir -p "$out/Generated"
"$generator" generate --config "$contract/openapi-generator-config.yaml" \
  --output-directory "$out/Generated" "$contract/openapi.yaml" >/dev/null
python3 - "$contract/openapi.yaml" "$out/openapi.json" <<'PY'
import json, sys, yaml
document = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
with open(sys.argv[2], "w", encoding="utf-8") as out:
    json.dump(document, out, ensure_ascii=False, indent=1)
    out.write("\n")
PY

if $check; then
  status=0
  diff -u "$contract/Generated/Types.swift" "$out/Generated/Types.swift" >/dev/null || { echo "openapi: Generated/Types.swift is not what openapi.yaml generates: run Scripts/openapi-generate.sh"; status=1; }
  diff -u "$contract/openapi.json" "$out/openapi.json" >/dev/null || { echo "openapi: openapi.json is not openapi.yaml: run Scripts/openapi-generate.sh"; status=1; }
  [ $status = 0 ] && echo "openapi: the generated types and the served document match openapi.yaml"
  exit $status
fi
echo "openapi: generated $contract/Generated/Types.swift and $contract/openapi.json"
