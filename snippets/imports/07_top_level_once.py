# Shows top-level code runs once per process: sys.modules caches it; reload reruns it.
import importlib
import json
import os
import sys
import tempfile
from pathlib import Path

COUNTER = ('RUNS = globals().get("RUNS", 0) + 1'
           '  # a reload keeps the old globals, so this counts\n'
           'print(f"    counter.py: top-level code runs (RUNS = {RUNS})")\n')


def use():
    import counter  # runs on every call, but only looks the module up in sys.modules
    return counter.RUNS


with tempfile.TemporaryDirectory() as tmp:
    Path(tmp, "counter.py").write_text(COUNTER)
    sys.path.insert(0, tmp)
    print("1. import counter")
    import counter
    first = counter
    print("2. import counter, again")
    import counter
    print("    nothing ran; sys.modules['counter'] is the same object: "
          f"{sys.modules['counter'] is first}")
    print("3. three calls of a function that does `import counter`")
    calls = [use() for _ in range(3)]
    print(f"    nothing ran; they returned RUNS = {calls}")
    print("4. importlib.reload(counter)")
    reloaded = importlib.reload(counter)
    print(f"    same module object: {reloaded is first}; RUNS = {reloaded.RUNS}")
    print("5. del sys.modules['counter']; import counter")
    del sys.modules["counter"]
    import counter
    print(f"    a new module object: {counter is not first}; "
          f"the old one is still alive, with RUNS = {first.RUNS}")

assert calls == [1, 1, 1], "claim: an import in a function does not re-run the module"
assert reloaded is first and first.RUNS == 2, \
    "claim: reload re-runs the code in the same module object"
assert counter is not first and counter.RUNS == 1, \
    "claim: removing it from sys.modules makes a fresh module"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"calls": calls, "old_runs": first.RUNS, "new_runs": counter.RUNS}, f)
