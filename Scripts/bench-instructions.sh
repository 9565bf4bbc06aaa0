#!/usr/bin/env bash
# Instruction counts of a fixed workload (issue 19): a guard against regressions that needs no
# timing. `corridor-bench instructions` runs one operation through the API's router in process on
# a small fixed database (the committed seeds): an audited voucher write (POST /v1/redemptions),
# an authenticated read (GET /v1/organizations/{id}), a search (GET /v1/search) and a match
# (GET /v1/needs/{id}/matches). Each runs under `valgrind --tool=callgrind`, which counts the
# instructions of the measured loop only (a dump at each `callgrindDumpPoint`), on every
# thread; the count per operation is compared with Scripts/bench-instructions/baseline-debug.json.
#
# The DEBUG build is counted: it is the one CI has already built (`swift build --build-tests`),
# so the guard costs CI no release build. Its counts are not release figures — they exaggerate
# Swift-level overhead that the optimiser removes — but they move with the work each operation
# does (queries, rows, encodings, allocations), which is what the guard is for. BUILD=release
# counts the release build instead (its own baseline: counts of different builds never compare).
#
# Fails (exit 1) when any operation's count is more than 20 % above the baseline. A count far
# below it prints a hint to update. After an intended change:
#   Scripts/bench-instructions.sh --update     # rewrites the baseline; commit it with the change
# Scripts/bench-instructions.sh --self-test checks only that the comparison fails where it should.
#
# Usage: Scripts/bench-instructions.sh [--update] [--self-test]
# Environment: BUILD=debug|release  OPS="write read search match"  BASELINE=path  RUNS=1 (runs of
#              each op; with more, the table shows the smallest and largest count of each)
# Bounded: about 1–2 minutes after the build (each op's run under valgrind is under `timeout`).
set -euo pipefail
cd "$(dirname "$0")/.."
here=Scripts/bench-instructions
update=0
case "${1:-}" in
  --update) update=1 ;;
  --self-test) exec python3 "$here/compare.py" --self-test ;;
  "") ;;
  *) echo "usage: Scripts/bench-instructions.sh [--update] [--self-test]" >&2; exit 2 ;;
esac
build=${BUILD:-debug}
ops=${OPS:-write read search match}
partial=()
[ "$ops" = "write read search match" ] || partial=(--partial)
baseline=${BASELINE:-$here/baseline-$build.json}
runs=${RUNS:-1}
# Repetitions per op (measured, after the warm-up): enough to average out one-off work, few
# enough to keep each run under valgrind to seconds. Changing them changes the counts a little:
# update the baseline with them.
declare -A repeat=([write]=10 [read]=50 [search]=10 [match]=3)
warmup=3

for tool in valgrind objcopy python3; do
  command -v "$tool" >/dev/null || { echo "bench-instructions: needs $tool (apt-get install valgrind binutils python3)" >&2; exit 1; }
done
python3 "$here/compare.py" --self-test >/dev/null || { python3 "$here/compare.py" --self-test; exit 1; }

started=$(date +%s)
# A no-op when CI's `swift build --build-tests` has built it already.
swift build -c "$build" --product corridor-bench 2>&1 | grep -E "error|warning: " | grep -v "unhandled; explicitly declare" || true
binary="$(swift build -c "$build" --show-bin-path)/corridor-bench"
[ -x "$binary" ] || { echo "bench-instructions: no $binary after the build" >&2; exit 1; }
swiftVersion=$(swift --version 2>&1 | head -n 1)
echo "swift: $swiftVersion; $(valgrind --version); build: $build ($(( $(date +%s) - started )) s); load average: $(cut -d' ' -f1-3 /proc/loadavg)"

data=$(mktemp -d /tmp/bench-instructions.XXXXXX)
trap 'rm -rf "$data"' EXIT
"$binary" instructions --prepare --data-dir "$data" --repo "$PWD"
# valgrind 3.19 (Debian 12) cannot read the DWARF 5 of Swift's debug build and gives up: it
# runs a copy without the debug sections (the symbol table it needs for the dump points stays).
objcopy --strip-debug "$binary" "$data/corridor-bench"

# Same hashing seed in every process (Swift otherwise seeds Hasher at random per process).
export SWIFT_DETERMINISTIC_HASHING=1
results="$data/results.tsv"
: >"$results"
for op in $ops; do
  n=${repeat[$op]:?unknown op $op}
  for run in $(seq 1 "$runs"); do
    out="$data/callgrind.$op.$run"
    opStarted=$(date +%s.%N)
    timeout 600 valgrind --tool=callgrind --callgrind-out-file="$out" \
      --dump-before='*callgrindDumpPoint*' --dump-instr=no --dump-line=no \
      "$data/corridor-bench" instructions --op "$op" --data-dir "$data" --repeat "$n" --warmup "$warmup" \
      >"$data/$op.$run.log" 2>&1 || { cat "$data/$op.$run.log" >&2; echo "bench-instructions: $op failed" >&2; exit 1; }
    # The second dump holds the measured loop: from the first boundary to the second.
    total=$(awk '/^(summary|totals):/ {print $2; exit}' "$out.2")
    [ -n "$total" ] || { echo "bench-instructions: no counts in $out.2" >&2; ls "$data" >&2; exit 1; }
    printf '%s\t%s\t%s\t%s\n' "$op" "$run" "$((total / n))" "$(awk -v a="$opStarted" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')" >>"$results"
  done
done

current="$data/current.json"
repeats=""
for op in $ops; do repeats+="$op=${repeat[$op]} "; done
python3 - "$results" "$current" "$build" "$swiftVersion" "$(valgrind --version)" "$warmup" "$repeats" <<'PY'
import json, sys, datetime, subprocess
results, out, build, swift, valgrind, warmup, repeats = sys.argv[1:8]
repeat = {op: int(n) for op, n in (pair.split("=") for pair in repeats.split())}
rows = {}
for line in open(results):
    op, run, count, seconds = line.split("\t")
    rows.setdefault(op, []).append((int(count), float(seconds)))
ops = {}
for op, samples in rows.items():
    counts = sorted(c for c, _ in samples)
    ops[op] = {"instructions": counts[len(counts) // 2], "repeat": repeat[op], "warmup": int(warmup)}
    spread = f"; {len(counts)} runs {counts[0]:,}–{counts[-1]:,} ({(counts[-1] - counts[0]) / counts[0] * 100:.2f} %)" if len(counts) > 1 else ""
    print(f"{op}: {ops[op]['instructions']:,} instructions an operation "
          f"({warmup} + {repeat[op]} runs, {max(s for _, s in samples):.1f} s under valgrind{spread})")
commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
json.dump({"build": build, "swift": swift, "valgrind": valgrind, "ops": ops,
           "recorded": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d"),
           "commit": commit}, open(out, "w"), indent=2)
PY

status=0
if [ "$update" = 1 ]; then
  python3 "$here/compare.py" "$baseline" "$current" --update "${partial[@]}" || status=$?
else
  python3 "$here/compare.py" "$baseline" "$current" "${partial[@]}" || status=$?
fi
echo "bench-instructions: $(( $(date +%s) - started )) s in all"
exit "$status"
