# Times pip and uv, several times each, installing one locked wheel set into new venvs.
# /// script
# dependencies = ["pip==26.3", "uv==0.13.9"]
# [tool.uv]
# exclude-newer = "2026-11-20T00:00:00Z"
# ///
import importlib.metadata
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import venv
from pathlib import Path

from local_index import ENV, records, serve, sha256, wheel
from uv import find_uv_bin

REPEATS, PACKAGES, MODULES = 5, 20, 10
# pip must spend this many times uv's CPU time: CPU time, unlike wall time, does not
# grow when other programs share the machine, so the claim holds on a busy one too.
# Measured here: 1.7 (uv compiles the .pyc files in Python subprocesses too).
MARGIN = 1.25
LIBS = [f"lib{i:02}" for i in range(PACKAGES)]
# the pinned pip, working on the venv named next
PIP = [sys.executable, "-m", "pip", "--python"]


def children_cpu():
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def timed(command, cpu=None):
    """Wall time of one command; its CPU time (every process it started, all threads)
    goes to `cpu` if given."""
    t0, c0 = time.perf_counter(), children_cpu()
    done = subprocess.run(command, env=ENV, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
    assert done.returncode == 0, done.stdout
    if cpu is not None:
        cpu.append(children_cpu() - c0)
    return time.perf_counter() - t0


with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp) / "index"
    root.mkdir()
    body = "".join(f"def f{i}(x):\n    return x * {i} + len(str(x))\n\n\n"
                   for i in range(20))
    for name in LIBS:
        modules = {f"{name}/m{j}.py": body for j in range(MODULES)}
        wheel(root, name, "1.0", files=modules | {f"{name}/__init__.py": ""})
    # every wheel pinned with its hash: nothing left to resolve
    lock = Path(tmp) / "requirements.lock"
    hashes = {n: sha256((root / f"{n}-1.0-py3-none-any.whl").read_bytes())
              for n in LIBS}
    lock.write_text("".join(f"{n}==1.0 --hash=sha256:{hashes[n]}\n" for n in LIBS))
    times, cpu, startup = {"pip": [], "uv": []}, {"pip": [], "uv": []}, []
    with serve(root) as (url, log):
        # the first round only warms the file caches for both: it is not counted
        for r in range(REPEATS + 1):
            envs = {tool: Path(tmp) / f"{tool}-{r}" for tool in times}
            for env in envs.values():
                venv.create(env, symlinks=True)
            common = ["--no-deps", "--require-hashes", "-r", lock, "--index-url", url]
            commands = {
                "pip": [*PIP, envs["pip"] / "bin" / "python", "install", *common,
                        "--no-cache-dir", "--disable-pip-version-check"],
                # pip compiles .pyc too
                "uv": [find_uv_bin(), "pip", "install", "--python",
                       envs["uv"] / "bin" / "python", *common,
                       "--no-config", "--no-cache", "--compile-bytecode"]}
            # alternate, so drift hits both alike
            for tool in (("pip", "uv") if r % 2 == 0 else ("uv", "pip")):
                times[tool].append(timed(commands[tool], cpu[tool]))
            startup.append(timed([*PIP, envs["pip"] / "bin" / "python", "--version"]))
        installed = {tool: records(env) for tool, env in envs.items()}
    assert threading.active_count() == 1, "claim: the index server has stopped"
    times, startup = {tool: t[1:] for tool, t in times.items()}, startup[1:]
    cpu = {tool: statistics.median(t[1:]) for tool, t in cpu.items()}

code = {p: h for p, h in installed["pip"].items() if ".dist-info/" not in p}
assert len(code) == PACKAGES * (MODULES + 1), \
    "claim: every module of every package was installed"
assert all(installed["uv"].get(p) == h for p, h in code.items()), \
    "claim: both tools installed the same bytes"
wheels = sum(line.endswith(".whl") for line in log)
assert wheels == (REPEATS + 1) * 2 * PACKAGES, \
    "claim: with no cache, every run downloaded every wheel from the index"

pip_version = importlib.metadata.version("pip")
stats = {tool: (statistics.median(t), min(t), max(t)) for tool, t in times.items()}
cpus = len(os.sched_getaffinity(0))
print(f"{PACKAGES} wheels of {MODULES + 1} modules each, locked with hashes; "
      f"Python {platform.python_version()}, {cpus} CPUs\n"
      f"wall time of each command (time.perf_counter), {REPEATS} runs each, "
      "alternating, after one uncounted round:")
labels = {"pip": f"pip --python $VENV/bin/python install (pip {pip_version})",
          "uv": f"uv pip install (uv {importlib.metadata.version('uv')})"}
for tool, label in labels.items():
    median, low, high = stats[tool]
    print(f"  {label}\n    median {median:.3f} s, min {low:.3f} s, max {high:.3f} s:",
          " ".join(f"{t:.3f}" for t in times[tool]))
print("  pip --python $VENV/bin/python --version alone: "
      f"median {statistics.median(startup):.3f} s")
print("CPU time of each install, all its processes and threads (median): "
      f"pip {cpu['pip']:.3f} s, uv {cpu['uv']:.3f} s")
assert cpu["pip"] > MARGIN * cpu["uv"], \
    "claim: uv does the same install with well under pip's CPU time"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        data = {"times": times, "stats": stats, "startup": statistics.median(startup),
                "cpus": cpus, "python": platform.python_version(), "pip": pip_version,
                "uv": importlib.metadata.version("uv"), "repeats": REPEATS,
                "packages": PACKAGES, "files": len(code),
                "ratio": stats["pip"][0] / stats["uv"][0],
                "all_faster": max(times["uv"]) < min(times["pip"]),
                "cpu": cpu, "cpu_ratio": cpu["pip"] / cpu["uv"], "margin": MARGIN}
        json.dump(data, f)
