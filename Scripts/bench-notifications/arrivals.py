#!/usr/bin/env python3
"""Arrival rate of what a loopback receiver filed (<n>.<suffix>, written when it arrived) after
a moment: prints one line of fields — count, span_s (first to last arrival), per_s (count ÷
span), busy_seconds (whole seconds with an arrival) and busy_median (the median count of those
seconds, leaving out the first and last second of the run, which are partial).

Usage: arrivals.py FOLDER SUFFIX SINCE_EPOCH_SECONDS"""
import os
import statistics
import sys


def main():
    folder, suffix, since = sys.argv[1], "." + sys.argv[2], float(sys.argv[3])
    times = sorted(
        t for t in (os.stat(os.path.join(folder, name)).st_mtime for name in os.listdir(folder) if name.endswith(suffix))
        if t >= since)
    if len(times) < 2:
        print(f"count={len(times)} span_s=0 per_s=0 busy_seconds=0 busy_median=0")
        return
    span = times[-1] - times[0]
    seconds = {}
    for t in times:
        seconds[int(t)] = seconds.get(int(t), 0) + 1
    whole = [count for second, count in sorted(seconds.items())][1:-1] or list(seconds.values())
    print(f"count={len(times)} span_s={span:.1f} per_s={len(times) / max(span, 0.001):.0f} "
          f"busy_seconds={len(seconds)} busy_median={statistics.median(whole):.0f}")


if __name__ == "__main__":
    main()
