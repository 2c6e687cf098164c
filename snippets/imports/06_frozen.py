# Shows the modules whose code is frozen into the interpreter, and times startup with and without them.
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import textwrap
import time
import traceback

PROBE = ("import json, sys\nfrozen = sorted(n for n, m in sys.modules.items()\n"
         "                if getattr(getattr(m, '__spec__', None), 'origin', None) == 'frozen')\n"
         "import os\nprint(json.dumps({'frozen': frozen, 'os': [os.__spec__.origin, os.__file__]}))\n")
ENV = {"PATH": os.environ.get("PATH", "")}  # explicit: no PYTHON* variable leaks in


def child(*options):
    argv = [sys.executable, *options, "-c", PROBE]
    return json.loads(subprocess.run(argv, env=ENV, capture_output=True, text=True, check=True).stdout)


spec = importlib.util.find_spec("os")
print(f"importlib.util.find_spec('os').origin = {spec.origin!r}, loader = {spec.loader.__name__}")
print(f"os.__file__ still names the source file, for inspect and debuggers:\n  {os.__file__}")
try:
    os.makedirs("")  # fails inside os.py's code
except OSError as error:
    frame = traceback.extract_tb(error.__traceback__)[-1]
print(f"but a traceback through it names the frame {frame.filename!r}, source line {frame.line!r}")
default, off = child(), child("-X", "frozen_modules=off")
print(f"\nFrozen modules already imported when a child interpreter runs -c ({len(default['frozen'])}):")
print(textwrap.fill(", ".join(default["frozen"]), 78, initial_indent="  ", subsequent_indent="  "))
print(f"With -X frozen_modules=off ({len(off['frozen'])}):\n  {', '.join(off['frozen'])}")
print(f"  and os comes from {off['os'][0]}")

samples = {"python -c pass": [], "python -X frozen_modules=off -c pass": []}
for _ in range(15):
    for label in samples:
        start = time.perf_counter()
        subprocess.run([sys.executable, *label.split()[1:]], env=ENV, check=True)
        samples[label].append((time.perf_counter() - start) * 1000)
timings = {k: [statistics.median(v), min(v), max(v)] for k, v in samples.items()}
print("\nStart-up in ms, 15 runs each in turns (time.perf_counter around subprocess.run):")
for label, (median, low, high) in timings.items():
    print(f"  {label:38} median {median:6.1f}  (min {low:.1f}, max {high:.1f})")

assert spec.origin == "frozen" and default["os"][0] == "frozen", "claim: on 3.11+ os is frozen"
assert off["os"][0].endswith("os.py") and len(off["frozen"]) < len(default["frozen"]), "claim: the option works"
assert frame.filename == "<frozen os>", "claim: a frozen module's code objects are named <frozen os>"
assert "_frozen_importlib" in off["frozen"], "claim: importlib's own bootstrap stays frozen"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"frozen": default["frozen"], "traceback": [frame.filename, frame.line],
                   "frozen_off": off["frozen"], "timings": timings,
                   "count": len(default["frozen"])}, f)
