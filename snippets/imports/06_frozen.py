# Shows the modules frozen into each interpreter given, and times startup without them.
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
         "                if getattr(getattr(m, '__spec__', None), 'origin', None) "
         "== 'frozen')\n"
         "import os\nprint(json.dumps({'frozen': frozen, "
         "'os': [os.__spec__.origin, os.__file__]}))\n")
ENV = {"PATH": os.environ.get("PATH", "")}  # explicit: no PYTHON* variable leaks in
# What each interpreter given has frozen in: _imp's own list from 3.11, else the
# candidates asked one by one.
LIST = ("import _imp, json, sys\nnames = getattr(_imp, '_frozen_module_names', None)\n"
        "names = names() if names else "
        "[n for n in json.loads(sys.argv[1]) if _imp.is_frozen(n)]\n"
        "print(json.dumps(['%d.%d' % sys.version_info[:2], sorted(set(names))]))")
CANDIDATES = sorted({*sys.stdlib_module_names, "importlib._bootstrap",
                     "importlib._bootstrap_external", "importlib.util",
                     "importlib.machinery", "os.path",
                     "__hello__", "__phello__", "__phello__.spam"})


def child(*options):
    argv = [sys.executable, *options, "-c", PROBE]
    return json.loads(subprocess.run(argv, env=ENV, capture_output=True, text=True,
                                     check=True).stdout)


spec = importlib.util.find_spec("os")
print(f"importlib.util.find_spec('os').origin = {spec.origin!r}, "
      f"loader = {spec.loader.__name__}")
print("os.__file__ still names the source file, for inspect and debuggers:\n"
      f"  {os.__file__}")
try:
    os.makedirs("")  # fails inside os.py's code
except OSError as error:
    frame = traceback.extract_tb(error.__traceback__)[-1]
print(f"but a traceback through it names the frame {frame.filename!r}, "
      f"source line {frame.line!r}")
default, off = child(), child("-X", "frozen_modules=off")
print("\nFrozen modules already imported when a child interpreter runs -c "
      f"({len(default['frozen'])}):")
print(textwrap.fill(", ".join(default["frozen"]), 78, initial_indent="  ",
                    subsequent_indent="  "))
print(f"With -X frozen_modules=off ({len(off['frozen'])}):\n"
      f"  {', '.join(off['frozen'])}")
print(f"  and os comes from {off['os'][0]}")

per_version = {}
# -I -S: nothing from the environment, no site, so no .pth file runs
for python in sys.argv[1:]:
    out = subprocess.run([python, "-I", "-S", "-c", LIST, json.dumps(CANDIDATES)],
                         env=ENV, capture_output=True, text=True, check=True).stdout
    version, names = json.loads(out)
    # __hello__ and co.: frozen for tests only
    per_version[version] = [n for n in names if not n.startswith("__")]
per_version = dict(sorted(per_version.items(),
                          key=lambda item: tuple(map(int, item[0].split(".")))))
if per_version:
    print("\nFrozen into each interpreter given "
          "(its test modules __hello__, __phello__ left out):")
    for version, names in per_version.items():
        print(f"  {version:5} {len(names):2}: {', '.join(names)}")

samples = {"python -c pass": [], "python -X frozen_modules=off -c pass": []}
for _ in range(15):
    for label in samples:
        start = time.perf_counter()
        subprocess.run([sys.executable, *label.split()[1:]], env=ENV, check=True)
        samples[label].append((time.perf_counter() - start) * 1000)
timings = {k: [statistics.median(v), min(v), max(v)] for k, v in samples.items()}
print("\nStart-up in ms, 15 runs each in turns "
      "(time.perf_counter around subprocess.run):")
for label, (median, low, high) in timings.items():
    print(f"  {label:38} median {median:6.1f}  (min {low:.1f}, max {high:.1f})")

assert spec.origin == "frozen" and default["os"][0] == "frozen", \
    "claim: on 3.11+ os is frozen"
assert off["os"][0].endswith("os.py") and len(off["frozen"]) < len(default["frozen"]), \
    "claim: the option works"
assert frame.filename == "<frozen os>", \
    "claim: a frozen module's code objects are named <frozen os>"
assert "_frozen_importlib" in off["frozen"], \
    "claim: importlib's own bootstrap stays frozen"
BOOT = {"_frozen_importlib", "_frozen_importlib_external", "zipimport"}
for version, names in per_version.items():
    number = tuple(map(int, version.split(".")))
    # zipimport: Python in 3.8
    boot, modern = BOOT if number >= (3, 8) else BOOT - {"zipimport"}, number >= (3, 11)
    assert boot <= set(names), \
        f"claim: {version}: the import machinery itself is frozen"
    assert ("os" in names) == modern and ("site" in names) == modern, \
        f"claim: {version}: os and site frozen from 3.11"
    assert modern or set(names) == boot, \
        f"claim: {version}: before 3.11 only the import machinery is frozen"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"frozen": default["frozen"],
                   "traceback": [frame.filename, frame.line],
                   "frozen_off": off["frozen"], "timings": timings,
                   "count": len(default["frozen"]), "per_version": per_version}, f)
