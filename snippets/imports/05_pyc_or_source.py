# Times an import with a fresh .pyc, a stale one and none, then the cost of each step.
import importlib.util
import json
import marshal
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPEATS = 11
FUNCTION = ("def f{i}(x, y=2):\n    if x > {i}:\n"
            "        return [x * y + {i} for _ in range(3)]\n"
            "    return {{'n': {i}, 'x': x, 'name': 'f{i}'}}\n")
SOURCE = "".join(FUNCTION.format(i=i) for i in range(400))


def ms(samples):
    return {"median": statistics.median(samples), "min": min(samples),
            "max": max(samples)}


def import_fresh():
    sys.modules.pop("generated", None)
    start = time.perf_counter()
    import generated
    elapsed = (time.perf_counter() - start) * 1000
    assert generated.f3(1) == {"n": 3, "x": 1, "name": "f3"}
    return elapsed


sys.dont_write_bytecode = False
with tempfile.TemporaryDirectory() as tmp:
    source = Path(tmp, "generated.py")
    source.write_text(SOURCE)
    pyc = Path(importlib.util.cache_from_source(str(source)))
    sys.path.insert(0, tmp)
    import_fresh()  # writes the .pyc
    samples = {"fresh .pyc": [], "stale .pyc": [], "no .pyc": []}
    stamp = int(source.stat().st_mtime)
    for i in range(REPEATS):  # in turns, so that machine noise hits all three alike
        samples["fresh .pyc"].append(import_fresh())
        # a new mtime: the .pyc no longer matches
        os.utime(source, (stamp + i + 1, stamp + i + 1))
        samples["stale .pyc"].append(import_fresh())  # recompiles and rewrites it
        pyc.unlink()
        sys.dont_write_bytecode = True  # no .pyc to read, none written
        samples["no .pyc"].append(import_fresh())
        sys.dont_write_bytecode = False
        import_fresh()  # leaves a fresh .pyc for the next turn
    payload = pyc.read_bytes()[16:]
code = marshal.loads(payload)

steps = {"compile(source)": [], "marshal.loads(.pyc)": [], "exec(code object)": []}
for _ in range(REPEATS):
    for label, action in [("compile(source)",
                           lambda: compile(SOURCE, "generated.py", "exec")),
                          ("marshal.loads(.pyc)", lambda: marshal.loads(payload)),
                          ("exec(code object)", lambda: exec(code, {}))]:
        start = time.perf_counter()
        action()
        steps[label].append((time.perf_counter() - start) * 1000)

results = {label: ms(s) for label, s in {**samples, **steps}.items()}
print(f"generated.py: {SOURCE.count(chr(10))} lines, {len(SOURCE)} bytes; "
      f".pyc {len(payload) + 16} bytes")
print(f"Timer time.perf_counter, {REPEATS} runs each, in milliseconds:")
for label, r in results.items():
    print(f"  {label:20} median {r['median']:7.2f}  "
          f"(min {r['min']:.2f}, max {r['max']:.2f})")
fresh, stale, none = (results[k]["median"] for k in samples)
assert stale > 3 * fresh and none > 3 * fresh, \
    "claim: without a usable .pyc the import is several times slower"
assert (results["compile(source)"]["median"]
        > 3 * results["marshal.loads(.pyc)"]["median"]), "claim: compile dominates"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"results": results, "repeats": REPEATS, "lines": SOURCE.count("\n"),
                   "stale_ratio": stale / fresh, "none_ratio": none / fresh}, f)
