# PEP 810 (3.15): `lazy import` binds at once, runs at first use; vs eager, LazyLoader.
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROUNDS = 7
HEAVY = ("print('    heavy.py: top-level code runs')\n"
         "TABLE = [i * i for i in range(300_000)]  # costly top level\n")
USE = ("import json, sys, time\n{setup}\nknown = set(sys.modules)\n"
       "t0 = time.perf_counter()\n{imports}\n"
       "t1 = time.perf_counter()\n"
       "new = sorted(set(sys.modules) - known - {{'heavy'}})\n"
       "print('    after the import statement: heavy in sys.modules =', "
       "'heavy' in sys.modules)\n"
       "loaded = 'heavy' in sys.modules\nn = len(heavy.TABLE)  # the first use\n"
       "t2 = time.perf_counter()\n"
       "print('    after heavy.TABLE: heavy in sys.modules =', "
       "'heavy' in sys.modules)\n"
       "print('RESULT', json.dumps([(t1 - t0) * 1000, (t2 - t1) * 1000, "
       "loaded, new]))\n")
LAZY_LOADER = ("spec = importlib.util.find_spec('heavy')\n"
               "spec.loader = importlib.util.LazyLoader(spec.loader)\n"
               "heavy = importlib.util.module_from_spec(spec)\n"
               "sys.modules['heavy'] = heavy\nspec.loader.exec_module(heavy)")
# Each program: its command-line options, and the import; LazyLoader's recipe imports
# importlib.util before the timer.
PROGRAMS = {"eager: import heavy": ([], "import heavy"),
            "lazy import heavy": ([], "lazy import heavy"),
            "__lazy_modules__ = ['heavy']":
                ([], "__lazy_modules__ = ['heavy']\nimport heavy"),
            "-X lazy_imports=all, import heavy":
                (["-X", "lazy_imports=all"], "import heavy"),
            "importlib.util.LazyLoader": ([], LAZY_LOADER)}
ENV = {"PATH": os.environ.get("PATH", "")}  # explicit: no PYTHON* variable leaks in

# run by hand on an older Python: the keyword does not exist
if sys.version_info < (3, 15):
    try:
        compile("lazy import heavy\n", "<example>", "exec")
    except SyntaxError as error:
        print(f"Python {sys.version.split()[0]}: `lazy import heavy` is a SyntaxError "
              f"({error.msg}); PEP 810 is 3.15+")
    sys.exit(0)

samples = {label: ([], []) for label in PROGRAMS}
shown = {}
with tempfile.TemporaryDirectory() as tmp:
    Path(tmp, "heavy.py").write_text(HEAVY)
    for label, (_, imports) in PROGRAMS.items():
        setup = "import importlib.util" if "LazyLoader" in label else ""
        Path(tmp, f"app_{list(PROGRAMS).index(label)}.py").write_text(
            USE.format(setup=setup, imports=imports))
    for _ in range(ROUNDS):  # in turns, so that machine noise hits every variant alike
        for i, (label, (options, _)) in enumerate(PROGRAMS.items()):
            # -S: no site, so no .pth file of the interpreter's site-packages runs; the
            # script's folder is sys.path[0]
            out = subprocess.run([sys.executable, "-S", *options, f"app_{i}.py"],
                                 cwd=tmp, env=ENV, capture_output=True, text=True,
                                 check=True).stdout.splitlines()
            statement, first_use, loaded, new = json.loads(
                out[-1].removeprefix("RESULT "))
            samples[label][0].append(statement)
            samples[label][1].append(first_use)
            shown[label] = {"events": out[:-1], "loaded_at_statement": loaded,
                            "also_imported": new}

results = {label: {"statement": [statistics.median(s), min(s), max(s)],
                   "first_use": [statistics.median(u), min(u), max(u)]}
           for label, (s, u) in samples.items()}
print(f"python{sys.version_info[0]}.{sys.version_info[1]} -S app.py, "
      "where heavy.py builds a list at its top level:")
for label, found in shown.items():
    r = results[label]
    print(f"{label}\n" + "\n".join(found["events"]))
    if found["also_imported"]:
        print("    the import statement also imported: "
              f"{', '.join(found['also_imported'])}")
    print(f"    ms, median of {ROUNDS}: import statement {r['statement'][0]:6.2f}, "
          f"first use {r['first_use'][0]:6.2f}")

eager = results["eager: import heavy"]
for label in PROGRAMS:
    events, lazy = shown[label]["events"], label != "eager: import heavy"
    ran = events.index("    heavy.py: top-level code runs")
    assert lazy == (ran == 1), \
        f"claim: {label}: the module runs at the first use, not at the statement"
    loaded_at_once = label in ("eager: import heavy", "importlib.util.LazyLoader")
    assert shown[label]["loaded_at_statement"] == loaded_at_once, (
        "claim: a PEP 810 lazy import leaves sys.modules untouched; "
        "LazyLoader puts its module there at once")
    if lazy and label != "importlib.util.LazyLoader":
        assert results[label]["statement"][0] * 5 < eager["statement"][0], \
            f"claim: {label}: the statement is cheap"
        assert not shown[label]["also_imported"], \
            f"claim: {label}: the statement imports nothing"
    if lazy:
        first_use = results[label]["first_use"][0]
        baseline = max(results[label]["statement"][0], eager["first_use"][0])
        assert first_use > 5 * baseline, \
            f"claim: {label}: the cost moves from the statement to the first use"
loader = shown["importlib.util.LazyLoader"]
assert (results["importlib.util.LazyLoader"]["statement"][0] * 2
        < eager["statement"][0]), "claim: LazyLoader defers"
assert "threading" in loader["also_imported"], \
    "claim: LazyLoader's exec_module imports threading (for its lock)"
PLACES = {"in a function": "def f():\n    lazy import json\n",
          "in a class body": "class C:\n    lazy import json\n",
          "in a try block": ("try:\n    lazy import json\n"
                             "except ImportError:\n    pass\n"),
          "with a star": "lazy from json import *\n"}
refused = {}
for place, source in PLACES.items():
    try:
        compile(source, "<example>", "exec")
    except SyntaxError as error:
        refused[place] = error.msg
    verdict = "SyntaxError: " + refused[place] if place in refused else "compiles"
    print(f"`lazy import` {place}: {verdict}")
assert list(refused) == list(PLACES), \
    "claim: `lazy` is refused outside plain module-level imports"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"results": results, "rounds": ROUNDS,
                   "python": sys.version.split()[0], "refused": refused,
                   "loader_imported": loader["also_imported"],
                   "saved_ms": (eager["statement"][0]
                                - results["lazy import heavy"]["statement"][0])}, f)
