# Shows what a .pth file costs each start: a path line, `import json`, `import asyncio`.
import json
import os
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROUNDS = 11
ENV = {"PATH": os.environ.get("PATH", "")}  # explicit: no PYTHON* variable leaks in
VARIANTS = {"no .pth file": None, "a .pth with a directory line": "{tmp}/extra\n",
            "a .pth with `import json`": "import json\n",
            "a .pth with `import asyncio`": "import asyncio\n"}

with tempfile.TemporaryDirectory() as tmp:
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", f"{tmp}/venv"],
                   env=ENV, check=True)
    python = f"{tmp}/venv/bin/python"
    purelib = sysconfig.get_path("purelib", vars={"base": f"{tmp}/venv",
                                                  "platbase": f"{tmp}/venv"})
    pth = Path(purelib, "demo.pth")
    Path(tmp, "extra").mkdir()

    def use(variant):
        text = VARIANTS[variant]
        if text is None:
            pth.unlink(missing_ok=True)
        else:
            pth.write_text(text.format(tmp=tmp))

    samples = {variant: [] for variant in VARIANTS}
    for _ in range(ROUNDS):  # in turns, so that machine noise hits every variant alike
        for variant, times in samples.items():
            use(variant)
            start = time.perf_counter()
            subprocess.run([python, "-c", "pass"], env=ENV, check=True)
            times.append((time.perf_counter() - start) * 1000)

    use("a .pth with `import asyncio`")
    check = "import sys; print('asyncio' in sys.modules)"
    options = {"python": [], "python -I": ["-I"], "python -S": ["-S"]}
    loaded = {flag: subprocess.run([python, *flags, "-c", check], env=ENV,
                                   capture_output=True, text=True,
                                   check=True).stdout.strip() == "True"
              for flag, flags in options.items()}

results = {v: [statistics.median(t), min(t), max(t)] for v, t in samples.items()}
print(f"python -c pass in a fresh venv, ms, median of {ROUNDS} "
      "(timer time.perf_counter):")
base = results["no .pth file"][0]
for variant, (median, low, high) in results.items():
    print(f"  {variant:30} median {median:6.1f}  (min {low:.1f}, max {high:.1f})  "
          f"{median - base:+6.1f}")
print("\nWith the `import asyncio` .pth, is asyncio loaded before the program starts?")
for flag, yes in loaded.items():
    print(f"  {flag:10} -c ...: {yes}")

assert results["a .pth with `import asyncio`"][1] > base, \
    "claim: a .pth import line slows every start"
assert loaded == {"python": True, "python -I": True, "python -S": False}, \
    "claim: -I still runs .pth files; -S not"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"results": results, "rounds": ROUNDS, "loaded": loaded,
                   "asyncio_extra": results["a .pth with `import asyncio`"][0] - base,
                   "json_extra": results["a .pth with `import json`"][0] - base}, f)
