# One sum four ways, growing sizes: Python loop, sum(), NumPy vectorised, NumPy indexed.
# /// script
# requires-python = ">=3.11"
# dependencies = ["numpy==2.4.6; python_version < '3.15'",
#                 "numpy==2.5.5; python_version >= '3.15'"]
# [tool.uv]
# exclude-newer = "2026-11-20T00:00:00Z"
# ///
import json
import os
import statistics
import time

import numpy as np

SIZES = [1, 3, 10, 30, 100, 300, 1_000, 3_000, 10_000, 30_000, 100_000, 300_000,
         1_000_000]
REPEATS, SAMPLE_SECONDS = 7, 0.004


def python_loop(xs, arr):
    total = 0
    for x in xs:
        total += x
    return total


# a NumPy array used like a list: one C call and one new scalar object per element
def numpy_indexed(xs, arr):
    total = 0
    for i in range(len(arr)):
        total += arr[i]
    return total


WAYS = {"Python loop": python_loop, "builtin sum()": lambda xs, arr: sum(xs),
        "NumPy arr.sum()": lambda xs, arr: arr.sum(),
        "NumPy arr[i] in a loop": numpy_indexed}
series = {name: [] for name in WAYS}
for n in SIZES:
    xs, arr = list(range(n)), np.arange(n, dtype=np.int64)
    calls = {}
    for name, way in WAYS.items():
        assert int(way(xs, arr)) == n * (n - 1) // 2, \
            "claim: all four compute the same sum"
        start = time.perf_counter()
        way(xs, arr)
        elapsed = max(time.perf_counter() - start, 1e-9)
        calls[name] = max(1, int(SAMPLE_SECONDS / elapsed))
    samples = {name: [] for name in WAYS}
    # the four take turns, so machine noise hits all of them alike
    for _ in range(REPEATS):
        for name, way in WAYS.items():
            start = time.perf_counter()
            for _ in range(calls[name]):
                way(xs, arr)
            samples[name].append((time.perf_counter() - start) / calls[name])
    for name, times in samples.items():
        series[name].append({"n": n, "median": statistics.median(times),
                             "min": min(times), "max": max(times)})

header = " ".join(f"{name:>22}" for name in WAYS)
print(f"{'n':>9} " + header + "   (median time per call)")
for i, n in enumerate(SIZES):
    cells = " ".join(f"{series[name][i]['median'] * 1e6:>19.3f} µs" for name in WAYS)
    print(f"{n:>9} " + cells)


def wins_from(fast, slow):
    """Smallest size from which `fast` beats `slow` at every larger size measured."""
    best = None
    for a, b in zip(reversed(series[fast]), reversed(series[slow]), strict=True):
        if a["median"] >= b["median"]:
            break
        best = a["n"]
    return best


vs_sum = wins_from("NumPy arr.sum()", "builtin sum()")
vs_loop = wins_from("NumPy arr.sum()", "Python loop")
med = {name: [p["median"] for p in points] for name, points in series.items()}
big_speedup = med["builtin sum()"][-1] / med["NumPy arr.sum()"][-1]
small_penalty = med["NumPy arr.sum()"][0] / med["builtin sum()"][0]
indexed_penalty = med["NumPy arr[i] in a loop"][-1] / med["Python loop"][-1]
print(f"\nNumPy's arr.sum() beats sum() from n = {vs_sum} "
      f"and the Python loop from n = {vs_loop} on")
print(f"at n = {SIZES[-1]:,}: arr.sum() is {big_speedup:.0f}x faster than sum(); "
      f"at n = 1 it is {small_penalty:.1f}x slower")
print(f"indexing the array from a Python loop is {indexed_penalty:.1f}x slower "
      "than looping over the list")
assert small_penalty > 1 and vs_sum is not None and vs_sum > 1, \
    "claim: NumPy loses on tiny inputs, then wins"
assert big_speedup > 5, \
    "claim: on a million elements the vectorised sum is far faster than the builtin"
assert indexed_penalty > 1.2, \
    "claim: element-by-element access to a NumPy array is slower than a list"
assert max(med, key=lambda name: med[name][-1]) == "NumPy arr[i] in a loop", \
    "claim: the slowest way at 1e6"

if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"cpus": os.cpu_count(),
                   "timer": time.get_clock_info("perf_counter").resolution,
                   "series": series, "vs_sum": vs_sum, "vs_loop": vs_loop,
                   "big_speedup": f"{big_speedup:.0f}",
                   "small_penalty": f"{small_penalty:.1f}",
                   "indexed_penalty": f"{indexed_penalty:.1f}",
                   "largest": f"{SIZES[-1]:,}", "repeats": REPEATS,
                   "numpy": np.__version__}, f)
