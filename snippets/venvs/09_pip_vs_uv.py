# Times pip and uv installing one locked set of wheels from the local index into fresh venvs, several times each.
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
# pip must spend this many times uv's CPU time: CPU time, unlike wall time, does not grow when other programs share
# the machine, so the claim holds on a busy one too.
MARGIN = 1.25  # measured here: 1.7 (uv compiles the .pyc files in Python subprocesses too)
LIBS = [f"lib{i:02}" for i in range(PACKAGES)]
PIP = [sys.executable, "-m", "pip", "--python"]  # the pinned pip, working on the venv named next


def children_cpu():
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def timed(command, cpu=None):
    """Wall time of one command; its CPU time (every process it started, all threads) goes to `cpu` if given."""
    t0, c0 = time.perf_counter(), children_cpu()
    done = subprocess.run(command, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert done.returncode == 0, done.stdout
    if cpu is not None:
        cpu.append(children_cpu() - c0)
    return time.perf_counter() - t0


with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp) / "index"
    root.mkdir()
    body = "".join(f"def f{i}(x):\n    return x * {i} + len(str(x))\n\n\n" for i in range(20))
    for name in LIBS:
        wheel(root, name, "1.0", files={f"{name}/m{j}.py": body for j in range(MODULES)} | {f"{name}/__init__.py": ""})
    lock = Path(tmp) / "requirements.lock"  # every wheel pinned with its hash: nothing left to resolve
    lock.write_text("".join(f"{n}==1.0 --hash=sha256:{sha256((root / f'{n}-1.0-py3-none-any.whl').read_bytes())}\n"
                            for n in LIBS))
    times, cpu, startup = {"pip": [], "uv": []}, {"pip": [], "uv": []}, []
    with serve(root) as (url, log):
        for r in range(REPEATS + 1):  # the first round only warms the file caches for both: it is not counted
            envs = {tool: Path(tmp) / f"{tool}-{r}" for tool in times}
            for env in envs.values():
                venv.create(env, symlinks=True)
            common = ["--no-deps", "--require-hashes", "-r", lock, "--index-url", url]
            commands = {"pip": [*PIP, envs["pip"] / "bin" / "python", "install", *common, "--no-cache-dir",
                                "--disable-pip-version-check"],
                        "uv": [find_uv_bin(), "pip", "install", "--python", envs["uv"] / "bin" / "python", *common,
                               "--no-config", "--no-cache", "--compile-bytecode"]}  # pip compiles .pyc too
            for tool in (("pip", "uv") if r % 2 == 0 else ("uv", "pip")):  # alternate, so drift hits both alike
                times[tool].append(timed(commands[tool], cpu[tool]))
            startup.append(timed([*PIP, envs["pip"] / "bin" / "python", "--version"]))
        installed = {tool: records(env) for tool, env in envs.items()}
    assert threading.active_count() == 1, "claim: the index server has stopped"
    times, startup = {tool: t[1:] for tool, t in times.items()}, startup[1:]
    cpu = {tool: statistics.median(t[1:]) for tool, t in cpu.items()}

code = {p: h for p, h in installed["pip"].items() if ".dist-info/" not in p}
assert len(code) == PACKAGES * (MODULES + 1), "claim: every module of every package was installed"
assert all(installed["uv"].get(p) == h for p, h in code.items()), "claim: both tools installed the same bytes"
wheels = sum(line.endswith(".whl") for line in log)
assert wheels == (REPEATS + 1) * 2 * PACKAGES, "claim: with no cache, every run downloaded every wheel from the index"

pip_version = importlib.metadata.version("pip")
stats = {tool: (statistics.median(t), min(t), max(t)) for tool, t in times.items()}
cpus = len(os.sched_getaffinity(0))
print(f"{PACKAGES} wheels of {MODULES + 1} modules each, locked with hashes; Python {platform.python_version()}, "
      f"{cpus} CPUs\nwall time of each command (time.perf_counter), {REPEATS} runs each, alternating, "
      "after one uncounted round:")
for tool, label in (("pip", f"pip --python $VENV/bin/python install (pip {pip_version})"),
                    ("uv", f"uv pip install (uv {importlib.metadata.version('uv')})")):
    median, low, high = stats[tool]
    print(f"  {label}\n    median {median:.3f} s, min {low:.3f} s, max {high:.3f} s:",
          " ".join(f"{t:.3f}" for t in times[tool]))
print(f"  pip --python $VENV/bin/python --version alone: median {statistics.median(startup):.3f} s")
print(f"CPU time of each install, all its processes and threads (median): pip {cpu['pip']:.3f} s, uv {cpu['uv']:.3f} s")
assert cpu["pip"] > MARGIN * cpu["uv"], "claim: uv does the same install with well under pip's CPU time"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"times": times, "stats": stats, "startup": statistics.median(startup), "cpus": cpus,
                   "python": platform.python_version(), "pip": pip_version, "uv": importlib.metadata.version("uv"),
                   "repeats": REPEATS, "packages": PACKAGES, "files": len(code),
                   "ratio": stats["pip"][0] / stats["uv"][0], "all_faster": max(times["uv"]) < min(times["pip"]),
                   "cpu": cpu, "cpu_ratio": cpu["pip"] / cpu["uv"], "margin": MARGIN}, f)
