#!/usr/bin/env python3
"""Folds problem codes met while testing into Sources/HTTPAPI/Contract/openapi.yaml.

Run the tests (or the API fuzzer) with RECORD_PROBLEM_CODES=<file>: each (operationId, code)
the API answered with is appended to the file. This script adds each code to its operation's
`x-problem-codes` (sorted, never removing one) unless it is in `x-common-problem-codes`, then
rewrites the document (it carries no comments: descriptions go in `description` fields).
Afterwards run Scripts/openapi-generate.sh.

usage: Scripts/openapi-problem-codes.py <recorded file>...
"""
import sys
from pathlib import Path

import yaml

DOCUMENT = Path(__file__).resolve().parent.parent / "Sources/HTTPAPI/Contract/openapi.yaml"


class Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True


def main(files):
    document = yaml.safe_load(DOCUMENT.read_text(encoding="utf-8"))
    common = set(document.get("x-common-problem-codes", []))
    operations = {}
    for item in document["paths"].values():
        for operation in item.values():
            operations[operation["operationId"]] = operation
    added = 0
    for name in files:
        for line in Path(name).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            operation_id, code = line.split()
            if code in common or code == "undocumented_problem_code":
                continue
            operation = operations.get(operation_id)
            if operation is None:
                sys.exit(f"{name}: no operation {operation_id} in the document")
            codes = set(operation.get("x-problem-codes", []))
            if code not in codes:
                codes.add(code)
                added += 1
                operation["x-problem-codes"] = sorted(codes)
    DOCUMENT.write_text(
        yaml.dump(document, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8"
    )
    print(f"openapi: {added} problem codes added to operations")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
