# Asks CPython if its JIT exists and is on, in fresh runs without and with PYTHON_JIT=1.
import json
import os
import subprocess
import sys

ASK = ("import sys, json; jit = sys._jit; "
       "print(json.dumps([jit.is_available(), jit.is_enabled()]))")
data = {"python": sys.version.split()[0], "has_sys_jit": hasattr(sys, "_jit")}
if not hasattr(sys, "_jit"):  # sys._jit is new in 3.14
    print(f"Python {data['python']}: no sys._jit (added in 3.14), nothing to ask")
else:
    for label, extra in (("no PYTHON_JIT", {}), ("PYTHON_JIT=0", {"PYTHON_JIT": "0"}),
                         ("PYTHON_JIT=1", {"PYTHON_JIT": "1"})):
        # explicit: no other PYTHON* variable leaks in
        env = {"PATH": os.environ.get("PATH", ""), **extra}
        out = subprocess.run([sys.executable, "-c", ASK], env=env, capture_output=True,
                             text=True, check=True)
        available, enabled = json.loads(out.stdout)
        print(f"$ {label + ' ' if extra else ''}python -c '...'\n"
              f"  sys._jit.is_available() = {available}, "
              f"sys._jit.is_enabled() = {enabled}")
        data[label] = {"available": available, "enabled": enabled}
    available = data["no PYTHON_JIT"]["available"]
    data["available"], data["default_on"] = available, data["no PYTHON_JIT"]["enabled"]
    data["switch_on"] = data["PYTHON_JIT=1"]["enabled"]
    assert not data["PYTHON_JIT=0"]["enabled"], "claim: PYTHON_JIT=0 turns the JIT off"
    assert data["switch_on"] == available, \
        "claim: PYTHON_JIT=1 turns it on where the build has it"
    assert available or not data["default_on"], \
        "claim: a build without the JIT never enables it"

if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump(data, f)
