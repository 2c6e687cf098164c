# Measures deferring asyncio: an import inside a function, LazyLoader, and none (eager).
import json
import os
import statistics
import subprocess
import sys
import tempfile
import timeit
from pathlib import Path

ROUNDS = 9
LAZY = '''import importlib.util, sys, time
start = time.perf_counter()
spec = importlib.util.find_spec("asyncio")  # the search still happens now
spec.loader = importlib.util.LazyLoader(spec.loader)
asyncio = importlib.util.module_from_spec(spec)
sys.modules["asyncio"] = asyncio
spec.loader.exec_module(asyncio)  # runs nothing yet
made = time.perf_counter()
before = len(sys.modules)
asyncio.sleep  # the first attribute access runs the module
print(made - start, time.perf_counter() - made, before, len(sys.modules))
'''
EAGER, DEFERRED = ("eager: import asyncio at the top",
                   "deferred: import asyncio inside main()")
PROGRAMS = {EAGER: "import asyncio\ndef main():\n    return asyncio.sleep\n",
            DEFERRED: "def main():\n    import asyncio\n    return asyncio.sleep\n"}
ENV = {"PATH": os.environ.get("PATH", "")}  # explicit: no PYTHON* variable leaks in
TIMED = ("import sys, time; t = time.perf_counter(); import app\n"
         "print(time.perf_counter() - t, 'asyncio' in sys.modules)")

with tempfile.TemporaryDirectory() as tmp:
    samples = {label: [] for label in [*PROGRAMS, "LazyLoader: module object made",
                                       "LazyLoader: first access"]}
    loaded = {}
    for _ in range(ROUNDS):  # in turns, so that machine noise hits every variant alike
        for label, source in PROGRAMS.items():
            Path(tmp, "app.py").write_text(source)
            out = subprocess.run([sys.executable, "-c", TIMED], cwd=tmp, env=ENV,
                                 capture_output=True, text=True, check=True)
            elapsed, present = out.stdout.split()
            samples[label].append(float(elapsed) * 1000)
            loaded[label] = present == "True"
        made, access, before, after = subprocess.run(
            [sys.executable, "-c", LAZY], env=ENV, capture_output=True, text=True,
            check=True).stdout.split()
        samples["LazyLoader: module object made"].append(float(made) * 1000)
        samples["LazyLoader: first access"].append(float(access) * 1000)
        loaded.update(before=int(before), after=int(after))

results = {label: [statistics.median(s), min(s), max(s)]
           for label, s in samples.items()}
print(f"Milliseconds inside a fresh interpreter, median of {ROUNDS} "
      "(timer time.perf_counter):")
for label, (median, low, high) in results.items():
    print(f"  {label:38} median {median:7.2f} (min {low:.2f}, max {high:.2f})")
print(f"LazyLoader: {loaded['before']} modules before the first access, "
      f"{loaded['after']} after it")


def with_import():
    # json is loaded (this program imported it): the statement only finds it in
    # sys.modules
    import json
    return json


per_call = min(timeit.repeat(with_import, number=100_000, repeat=5)) / 100_000 * 1e9
print("A deferred `import json` inside a function, once json is loaded: "
      f"{per_call:.0f} ns per call")

eager, deferred = results[EAGER][0], results[DEFERRED][0]
assert loaded[EAGER] and not loaded[DEFERRED], \
    "claim: with the import deferred, asyncio is not loaded"
assert deferred * 3 < eager, \
    "claim: importing the deferred app is several times cheaper"
assert results["LazyLoader: module object made"][0] * 3 < eager, \
    "claim: LazyLoader defers the module's execution"
assert loaded["after"] > loaded["before"] + 20, \
    "claim: the first attribute access runs asyncio and its imports"
assert with_import() is json and per_call < 50_000, \
    "claim: a cached import is a lookup, far below a real import"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"results": results, "rounds": ROUNDS, "loaded": loaded,
                   "per_call_ns": per_call}, f)
