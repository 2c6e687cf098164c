# Times one lookup, and a whole `import asyncio`, with N directories before the stdlib.
import importlib.machinery
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZES = (0, 20, 200)


def summary(samples):
    return [statistics.median(samples), min(samples), max(samples)]


data = {"lookup": {}, "startup": {}}
with tempfile.TemporaryDirectory() as tmp:
    dirs = [Path(tmp, f"d{i:03}") for i in range(max(SIZES))]
    for d in dirs:
        d.mkdir()
    Path(tmp, "late.py").write_text("")
    print("PathFinder.find_spec('late', path), late.py after N empty directories")
    print("(microseconds; the first call, then the median, min and max of 40 more):")
    for n in SIZES:
        path = [*map(str, dirs[:n]), tmp]
        samples = []
        for _ in range(41):
            start = time.perf_counter()
            assert importlib.machinery.PathFinder.find_spec("late", path)
            samples.append((time.perf_counter() - start) * 1e6)
        # the first call lists each directory, the rest reuse that
        first, rest = samples[0], summary(samples[1:])
        data["lookup"][n] = [*rest, first]
        print(f"  N={n:3}: first {first:8.1f}; then median {rest[0]:7.1f} "
              f"(min {rest[1]:.1f}, max {rest[2]:.1f})")

    print("\npython -c 'import asyncio', N empty dirs on PYTHONPATH "
          "(milliseconds, 7 runs):")
    runs = {n: [] for n in SIZES}
    for _ in range(7):
        for n in SIZES:
            env = {"PATH": os.environ.get("PATH", ""),
                   "PYTHONPATH": os.pathsep.join(map(str, dirs[:n]))}
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", "import asyncio"], env=env,
                           check=True)
            runs[n].append((time.perf_counter() - start) * 1000)
    for n in SIZES:
        data["startup"][n] = summary(runs[n])
        median, low, high = data["startup"][n]
        print(f"  N={n:3}: median {median:6.1f} (min {low:.1f}, max {high:.1f})")

lookup, startup = data["lookup"], data["startup"]
per_entry = (lookup[200][0] - lookup[0][0]) / 200
data.update(per_entry_us=per_entry, startup_extra_ms=startup[200][0] - startup[0][0])
print(f"\nEach directory before the module adds about {per_entry:.1f} microseconds "
      "to a lookup.")
assert lookup[200][0] > 5 * lookup[0][0], \
    "claim: a lookup's cost grows with the directories before the module"
assert startup[200][1] > startup[0][1], \
    "claim: a long path slows the imports that start an application"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump(data, f)
