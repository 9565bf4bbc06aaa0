#!/usr/bin/env python3
"""Compares instruction counts against the committed baseline (issue 19).

Usage:
  compare.py BASELINE CURRENT            print the table; exit 1 if an op grew by more than 20 %
  compare.py BASELINE CURRENT --update   write CURRENT over BASELINE (after printing the table)
  … --partial                            only some ops were measured (OPS=…): the others are not
                                         a failure, and --update keeps their baseline
  compare.py --self-test                 check this comparison on fake baselines (it must fail
                                         where it should)

Both files are JSON: {"build": "debug", "swift": "...", "ops": {"write": {"instructions": 1234,
"repeat": 10, "warmup": 3}, ...}, ...}. "instructions" is per operation. Standard library only.
"""
import json
import sys

LIMIT = 1.20  # fail above: more than 20 % more instructions than the baseline
HINT = 0.80  # below: much cheaper; print a hint to update the baseline (never a failure)


def compare(baseline, current, partial=False):
    """Returns (ok, lines): the table and the verdicts."""
    lines = []
    ok = True
    if baseline.get("build") != current.get("build"):
        lines.append(f"FAIL: the baseline counts the {baseline.get('build')} build, this run the "
                     f"{current.get('build')} build: counts of different builds do not compare")
        return False, lines
    if baseline.get("swift") != current.get("swift"):
        lines.append(f"note: the baseline was recorded with {baseline.get('swift')!r}, this run uses "
                     f"{current.get('swift')!r}; counts may move for that alone")
    lines.append(f"{'op':<8} {'baseline':>15} {'now':>15} {'ratio':>7}")
    hints = []
    for op, now in current["ops"].items():
        base = baseline.get("ops", {}).get(op)
        if base is None:
            lines.append(f"{op:<8} {'—':>15} {now['instructions']:>15,} {'—':>7}  FAIL: not in the baseline")
            ok = False
            continue
        if (base.get("repeat"), base.get("warmup")) != (now.get("repeat"), now.get("warmup")):
            lines.append(f"note: {op} ran {now.get('warmup')} + {now.get('repeat')} times, the baseline "
                         f"{base.get('warmup')} + {base.get('repeat')}")
        ratio = now["instructions"] / max(1, base["instructions"])
        verdict = ""
        if ratio > LIMIT:
            verdict = f"  FAIL: more than {round((LIMIT - 1) * 100)} % above the baseline"
            ok = False
        elif ratio < HINT:
            verdict = "  (much cheaper)"
            hints.append(op)
        lines.append(f"{op:<8} {base['instructions']:>15,} {now['instructions']:>15,} {ratio:>7.3f}{verdict}")
    for op in baseline.get("ops", {}):
        if op not in current["ops"] and not partial:
            lines.append(f"{op:<8} FAIL: in the baseline but not measured")
            ok = False
    if hints:
        lines.append(f"hint: {', '.join(hints)} fell below {HINT:.2f} of the baseline: lock the gain in with "
                     f"`Scripts/bench-instructions.sh --update` and commit the baseline")
    if not ok:
        lines.append("If the growth is intended, run `Scripts/bench-instructions.sh --update` and commit "
                     "the baseline file with the change that caused it.")
    return ok, lines


def self_test():
    def run(build="debug", **ops):
        return {"build": build, "swift": "Swift 6.3.1",
                "ops": {op: {"instructions": n, "repeat": 10, "warmup": 3} for op, n in ops.items()}}

    base = run(write=1_000_000, read=100_000)
    cases = [
        ("same counts", run(write=1_000_000, read=100_000), True),
        ("20 % more passes", run(write=1_200_000, read=100_000), True),
        ("21 % more fails", run(write=1_210_000, read=100_000), False),
        ("one op doubled fails", run(write=1_000_000, read=200_000), False),
        ("half the instructions passes with a hint", run(write=500_000, read=100_000), True),
        ("an op missing from the baseline fails", run(write=1_000_000, read=100_000, match=5), False),
        ("an op no longer measured fails", run(write=1_000_000), False),
        ("an op not measured on purpose (--partial) passes", run(write=1_000_000), True),
        ("another build fails", run("release", write=1_000_000, read=100_000), False),
    ]
    failures = 0
    for name, current, expected in cases:
        ok, lines = compare(base, current, partial="partial" in name)
        hinted = any(line.startswith("hint:") for line in lines)
        good = ok == expected and (hinted if "hint" in name else True)
        print(f"self-test: {'ok  ' if good else 'FAIL'} {name}")
        failures += 0 if good else 1
    if failures:
        print(f"self-test: {failures} case(s) wrong")
        return 1
    print("self-test: the comparison passes and fails where it should")
    return 0


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    flags = set(argv[3:])
    if len(argv) < 3 or not flags <= {"--update", "--partial"}:
        print(__doc__, file=sys.stderr)
        return 2
    update, partial = "--update" in flags, "--partial" in flags
    with open(argv[2]) as f:
        current = json.load(f)
    try:
        with open(argv[1]) as f:
            baseline = json.load(f)
    except FileNotFoundError:
        if not update:
            print(f"FAIL: no baseline at {argv[1]}: run Scripts/bench-instructions.sh --update")
            return 1
        baseline = None
    ok = True
    if baseline is not None:
        ok, lines = compare(baseline, current, partial)
        print("\n".join(lines))
    if update:
        if partial and baseline is not None:
            current["ops"] = {**baseline.get("ops", {}), **current["ops"]}
        with open(argv[1], "w") as f:
            json.dump(current, f, indent=2, ensure_ascii=False)
            f.write("\n")
        print(f"baseline written: {argv[1]}")
        return 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
