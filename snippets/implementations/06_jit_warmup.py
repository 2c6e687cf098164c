# Times 30 equal batches of a pure-Python loop in CPU time, to show a JIT warming up.
import json
import os
import statistics
import sys
import time


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def dist2(self, other):
        dx, dy = self.x - other.x, self.y - other.y
        return dx * dx + dy * dy


def batch(n):
    """Objects, method calls, string formatting and a dict: ordinary pure-Python
    work."""
    counts, origin = {}, Point(0, 0)
    for i in range(n):
        key = f"k{i % 64}"
        counts[key] = counts.get(key, 0) + Point(i % 100, i % 37).dist2(origin)
    return counts


# long enough (about 20 ms on CPython) that one interruption or GC pause is small
# next to a batch
N = 40_000
times = []
for _ in range(30):
    start = time.process_time()
    batch(N)
    times.append((time.process_time() - start) * 1000)
name = sys.implementation.name
print(f"{name}: 30 batches of {N} iterations, milliseconds per batch:")
for row in range(0, 30, 10):
    print("  " + " ".join(f"{t:6.2f}" for t in times[row:row + 10]))
steady = statistics.median(times[20:])
print(f"first batch {times[0]:.2f} ms; median of the last 10: {steady:.2f} ms")
if out := os.environ.get("EVIDENCE_DATA"):
    with open(out, "w") as f:
        json.dump({"implementation": name, "n": N, "ms": times,
                   "first": times[0], "steady": steady}, f)
