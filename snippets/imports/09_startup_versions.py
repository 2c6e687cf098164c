# Times interpreter startup on each CPython given (argv; else this one and python3.8-3.13 on PATH) in fresh venvs.
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

CASES = {"-c pass": ["-c", "pass"], "-S -c pass": ["-S", "-c", "pass"], "-I -c pass": ["-I", "-c", "pass"],
         "import json": ["-c", "import json"], "import asyncio": ["-c", "import asyncio"]}
ROUNDS = 5
ENV = {"PATH": os.environ.get("PATH", "")}  # explicit: no PYTHON* variable leaks in
ASK = "import sys; print('%d.%d' % sys.version_info[:2]); print(getattr(sys, '_base_executable', sys.executable))"


def base_of(python):
    """Version and real executable of an interpreter (through venvs and pyenv shims), or None if it cannot run."""
    try:
        out = subprocess.run([python, "-S", "-c", ASK], env=ENV, capture_output=True, text=True, timeout=30)
    except OSError:
        return None
    return tuple(out.stdout.split()) if out.returncode == 0 else None


given = sys.argv[1:] or [sys.executable, *(shutil.which(f"python3.{minor}") for minor in range(8, 14))]
found = dict(sorted({b[0]: b[1] for b in map(base_of, filter(None, given)) if b}.items(),
                    key=lambda item: tuple(map(int, item[0].split(".")))))
with tempfile.TemporaryDirectory() as tmp:
    venvs = {}
    for version, base in found.items():  # a venv of each: the base's site-packages and .pth files stay out
        subprocess.run([base, "-m", "venv", "--without-pip", f"{tmp}/{version}"], env=ENV, check=True)
        venvs[version] = f"{tmp}/{version}/bin/python"
    samples = {(v, case): [] for v in venvs for case in CASES}
    for _ in range(ROUNDS):  # in turns, so that machine noise hits every version and case alike
        for (version, case), times in samples.items():
            start = time.perf_counter()
            subprocess.run([venvs[version], *CASES[case]], env=ENV, cwd=tmp, check=True)
            times.append((time.perf_counter() - start) * 1000)

results = {v: {c: [statistics.median(samples[v, c]), min(samples[v, c]), max(samples[v, c])] for c in CASES}
           for v in venvs}
print(f"ms per start, median of {ROUNDS} (time.perf_counter around subprocess.run):")
print(f"  {'':6}" + "".join(f"{case:>{len(case) + 3}}" for case in CASES))
for version, row in results.items():
    print(f"  {version:6}" + "".join(f"{row[c][0]:{len(c) + 3}.1f}" for c in CASES))
for row in results.values():
    assert row["-S -c pass"][1] < row["-c pass"][0], "claim: without site, startup is faster"
    assert row["import asyncio"][0] > row["-c pass"][0], "claim: importing asyncio adds to startup"
print("\nEach venv was made from:\n" + "\n".join(f"  {v}: {b}" for v, b in found.items()))
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"results": results, "rounds": ROUNDS, "bases": found}, f)
