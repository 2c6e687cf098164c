# Times what a .pyc saves (compiling vs unmarshalling typing.py) and not (running it).
import importlib.util
import json
import marshal
import os
import py_compile
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPEATS = 15


def timed(actions, repeats=REPEATS):
    """Median, min and max wall time in ms of each action, run in turns so that
    machine noise hits all alike."""
    samples = [[] for _ in actions]
    for _ in range(repeats):
        for action, times in zip(actions, samples, strict=True):
            start = time.perf_counter()
            action()
            times.append((time.perf_counter() - start) * 1000)
    return [(statistics.median(t), min(t), max(t)) for t in samples]


origin = importlib.util.find_spec("typing").origin
source = Path(origin).read_bytes()
with tempfile.TemporaryDirectory() as tmp:
    cfile = str(Path(tmp, "typing.pyc"))
    pyc = Path(py_compile.compile(origin, cfile=cfile, dfile=origin))
    # what the import system unmarshals, after the 16-byte header
    payload = pyc.read_bytes()[16:]

compiled = compile(source, origin, "exec", dont_inherit=True)
loaded = marshal.loads(payload)
assert compiled == loaded, \
    "claim: the code object from the .pyc equals the freshly compiled one"

compile_ms, load_ms = timed([lambda: compile(source, origin, "exec", dont_inherit=True),
                             lambda: marshal.loads(payload)])
ratio = compile_ms[0] / load_ms[0]
print(f"typing.py: {len(source.splitlines())} lines, {len(source)} bytes; "
      f"its .pyc: {len(payload) + 16} bytes")
print(f"compile(source)      median {compile_ms[0]:7.3f} ms  "
      f"(min {compile_ms[1]:.3f}, max {compile_ms[2]:.3f})")
print(f"marshal.loads(.pyc)  median {load_ms[0]:7.3f} ms  "
      f"(min {load_ms[1]:.3f}, max {load_ms[2]:.3f})")
print(f"compiling is {ratio:.0f}x slower ({REPEATS} runs each); "
      f"equal results: {compiled == loaded}")
assert ratio >= 3, ("claim: loading a .pyc is at least 3x faster than compiling "
                    f"(measured {ratio:.1f}x)")

# Running the code costs the same, however it was obtained: the same bytecode, the
# same VM.
WORK = ("def work(n):\n    total = 0\n    for i in range(n):\n"
        "        total += i * i\n    return total\n")
fresh, cached = {}, {}
exec(compile(WORK, "work.py", "exec"), fresh)
exec(marshal.loads(marshal.dumps(compile(WORK, "work.py", "exec"))), cached)
assert fresh["work"].__code__ == cached["work"].__code__
run_fresh, run_cached = timed([lambda: fresh["work"](20_000),
                               lambda: cached["work"](20_000)], 25)
for label, (median, low, high) in (("compiled", run_fresh),
                                   ("unmarshalled", run_cached)):
    print(f"work(), {label:12} median {median:7.3f} ms  "
          f"(min {low:.3f}, max {high:.3f})")
assert 0.5 < run_fresh[0] / run_cached[0] < 2, \
    f"claim: running costs the same either way: {run_fresh, run_cached}"

data = {"module": "typing", "python": sys.version.split()[0], "ratio": f"{ratio:.0f}",
        "compile": f"{compile_ms[0]:.1f}", "compile_min": f"{compile_ms[1]:.1f}",
        "compile_max": f"{compile_ms[2]:.1f}", "load": f"{load_ms[0]:.2f}",
        "load_min": f"{load_ms[1]:.2f}", "load_max": f"{load_ms[2]:.2f}",
        "run_fresh": f"{run_fresh[0]:.2f}", "run_cached": f"{run_cached[0]:.2f}",
        "repeats": REPEATS, "pyc_bytes": len(payload) + 16, "source_bytes": len(source)}
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump(data, f)
