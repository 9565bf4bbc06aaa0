#!/usr/bin/env bash
# Formats the Swift tree with .swift-format (120 columns); `--check` fails on any difference.
# Code generated from the API contract (Sources/HTTPAPI/Contract/Generated) is left as generated.
set -euo pipefail
cd "$(dirname "$0")/.."
files() { git ls-files --cached --others --exclude-standard -- '*.swift' | grep -v '/Generated/'; }
if [ "${1:-}" = "--check" ]; then
  files | xargs swift format lint --strict --parallel
  echo "format: the tree is formatted"
else
  files | xargs swift format format -i --parallel
fi
