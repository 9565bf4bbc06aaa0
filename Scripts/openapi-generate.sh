#!/usr/bin/env bash
# Regenerates what is derived from the API's one hand-edited description,
# Sources/HTTPAPI/Contract/openapi.yaml:
#   - Sources/HTTPAPI/Contract/Generated/ (swift-openapi-generator, types mode: the schemas)
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
rm -rf "$out/Generated" && mkdir -p "$out/Generated"
# The routes are Hummingbird's (see the module's README): only the components' schemas are
# generated, from a copy of the document without its paths (their generated Input/Output types
# would be 33,000 lines that nothing uses).
components="$(mktemp -d)"
python3 - "$contract/openapi.yaml" "$out/openapi.json" "$components/openapi.json" <<'PY'
import json, sys, yaml
document = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
with open(sys.argv[2], "w", encoding="utf-8") as out:
    json.dump(document, out, ensure_ascii=False, indent=1)
    out.write("\n")
schemas = dict(document, paths={})
schemas["components"] = {"schemas": document["components"]["schemas"]}
json.dump(schemas, open(sys.argv[3], "w", encoding="utf-8"), ensure_ascii=False)
PY
"$generator" generate --config "$contract/openapi-generator-config.yaml" \
  --output-directory "$out/Generated" "$components/openapi.json" >/dev/null
rm -rf "$components"
# Only the file that holds the schemas is kept; the others are empty namespaces.
find "$out/Generated" -name '*.swift' ! -name 'Types+Components+Schemas.swift' ! -name 'Types+Components.swift' -delete

if $check; then
  status=0
  diff -ru "$contract/Generated" "$out/Generated" >/dev/null || { echo "openapi: Generated/ is not what openapi.yaml generates: run Scripts/openapi-generate.sh"; status=1; }
  diff -u "$contract/openapi.json" "$out/openapi.json" >/dev/null || { echo "openapi: openapi.json is not openapi.yaml: run Scripts/openapi-generate.sh"; status=1; }
  [ $status = 0 ] && echo "openapi: the generated types and the served document match openapi.yaml"
  exit $status
fi
echo "openapi: generated $contract/Generated/ and $contract/openapi.json"
