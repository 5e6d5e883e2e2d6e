#!/usr/bin/env python3
"""Times one `debwork search` command of several builds in turn, run after run (interleaved), so that a noisy
host's slow minutes fall on each build alike: the base build (BASE), this build (DEBWORK) and this build with one
Contents reader (DEBWORK_READERS=1). Prints each one's p50, p95 and fastest wall time in ms.

    bench/interleave.py RUNS SEARCH-ARGUMENTS...      (INDEX=bench/work/contents/index.sqlite, after bench/contents.sh)
    BASE=/tmp/dwbase bench/interleave.py 40 --path '*.desktop'
"""
import os
import statistics
import subprocess
import sys
import time

runs, arguments = int(sys.argv[1]), sys.argv[2:]
index = os.environ.get("INDEX", "bench/work/contents/index.sqlite")
debwork = os.environ.get("DEBWORK", ".build/release/debwork")
variants = {"debwork": (debwork, {}), "one reader": (debwork, {"DEBWORK_READERS": "1"})}
if os.environ.get("BASE"):
    variants = {"base": (os.environ["BASE"], {}), **variants}
times = {name: [] for name in variants}
for run in range(runs + 2):  # the first two rounds warm the page cache and are not counted
    for name, (binary, extra) in variants.items():
        start = time.perf_counter()
        subprocess.run([binary, "search", "--index", index, *arguments], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, env={**os.environ, **extra}, check=False)
        if run >= 2:
            times[name].append((time.perf_counter() - start) * 1000)
for name, values in times.items():
    values.sort()
    p95 = values[max(0, -(-len(values) * 95 // 100) - 1)]
    print(f"{' '.join(arguments):32} {name:10}  p50 {statistics.median(values):8.1f}  p95 {p95:8.1f}  min {values[0]:8.1f}")
