# Times startup in fresh venvs of each CPython in argv (else this one, python3.8-3.15).
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

CASES = {"-c pass": ["-c", "pass"], "-S -c pass": ["-S", "-c", "pass"],
         "-I -c pass": ["-I", "-c", "pass"], "import json": ["-c", "import json"],
         "import asyncio": ["-c", "import asyncio"]}
ROUNDS = 5
ENV = {"PATH": os.environ.get("PATH", "")}  # explicit: no PYTHON* variable leaks in
# Its version and real executable, and how it was built: what a timing depends on
# (CONFIG_ARGS, Debian's scheme, JIT).
ASK = ("import json, sys, sysconfig\njit = getattr(sys, '_jit', None)\n"
       "print(json.dumps(['%d.%d' % sys.version_info[:2], "
       "getattr(sys, '_base_executable', sys.executable), {\n"
       "    'version': sys.version.split()[0], "
       "'config_args': sysconfig.get_config_var('CONFIG_ARGS'),\n"
       "    'debian_build': 'deb_system' in sysconfig.get_scheme_names(),\n"
       "    'free_threaded_build': bool(sysconfig.get_config_var('Py_GIL_DISABLED')),\n"
       "    'jit_available': jit.is_available() if jit else False,\n"
       "    'jit_enabled': jit.is_enabled() if jit else False}]))")


def base_of(python):
    """Version, real executable (through venvs and pyenv shims) and build of an
    interpreter; None if it cannot run."""
    try:
        out = subprocess.run([python, "-S", "-c", ASK], env=ENV, capture_output=True,
                             text=True, timeout=30)
    except OSError:
        return None
    return json.loads(out.stdout) if out.returncode == 0 else None


given = sys.argv[1:] or [sys.executable,
                         *(shutil.which(f"python3.{minor}") for minor in range(8, 16))]
asked = sorted(filter(None, map(base_of, filter(None, given))),
               key=lambda b: tuple(map(int, b[0].split("."))))
found = {version: base for version, base, _ in asked}
builds = {version: build for version, _, build in asked}
with tempfile.TemporaryDirectory() as tmp:
    venvs = {}
    # a venv of each: the base's site-packages and .pth files stay out
    for version, base in found.items():
        subprocess.run([base, "-m", "venv", "--without-pip", f"{tmp}/{version}"],
                       env=ENV, check=True)
        venvs[version] = f"{tmp}/{version}/bin/python"
    samples = {(v, case): [] for v in venvs for case in CASES}
    # in turns, so that machine noise hits every version and case alike
    for _ in range(ROUNDS):
        for (version, case), times in samples.items():
            start = time.perf_counter()
            subprocess.run([venvs[version], *CASES[case]], env=ENV, cwd=tmp, check=True)
            times.append((time.perf_counter() - start) * 1000)

results = {v: {c: [statistics.median(samples[v, c]), min(samples[v, c]),
                   max(samples[v, c])] for c in CASES}
           for v in venvs}
print(f"ms per start, median of {ROUNDS} (time.perf_counter around subprocess.run):")
print(f"  {'':6}" + "".join(f"{case:>{len(case) + 3}}" for case in CASES))
for version, row in results.items():
    print(f"  {version:6}" + "".join(f"{row[c][0]:{len(c) + 3}.1f}" for c in CASES))
for row in results.values():
    assert row["-S -c pass"][1] < row["-c pass"][0], \
        "claim: without site, startup is faster"
    assert row["import asyncio"][0] > row["-c pass"][0], \
        "claim: importing asyncio adds to startup"


def optimised(build):
    """PGO and LTO as the configure options say; Debian passes its own to make, so
    CONFIG_ARGS cannot tell."""
    if build["debian_build"]:
        return "Debian's package: PGO and LTO not recorded in CONFIG_ARGS"
    args = shlex.split(build["config_args"] or "")
    return (f"PGO {'on' if '--enable-optimizations' in args else 'off'}, "
            f"LTO {'on' if any(a.startswith('--with-lto') for a in args) else 'off'}")


print("\nEach venv was made from:")
for version, base in found.items():
    print(f"  {builds[version]['version']:8} {optimised(builds[version]):58} {base}")
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"results": results, "rounds": ROUNDS, "bases": found,
                   "builds": builds}, f)
