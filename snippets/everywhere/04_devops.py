# A DevOps script: rotate, archive, verify, clean up logs in a temp tree, stdlib only.
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

REPEATS = 5


@contextlib.contextmanager
def timed(steps, name):
    """Records how long one step took, in ms."""
    start = time.perf_counter()
    yield
    steps[name] = (time.perf_counter() - start) * 1e3


def rotate(tmp):
    """One run of the script on a new tree under `tmp`; returns what it did and how long
    each step took."""
    steps, root = {}, Path(tmp, "srv")
    with timed(steps, "create 3 services x 40 log files (pathlib)"):
        for service in ("api", "worker", "scheduler"):
            for day in range(40):
                name = f"{service}-2026-10-{day % 30 + 1:02d}-{day // 30}.log"
                log = root / service / "logs" / name
                log.parent.mkdir(parents=True, exist_ok=True)
                log.write_text(f"{service} day {day}: ok\n" * (200 + 37 * day))
    with timed(steps, "move logs over 20 KB to archive/ (shutil.move)"):
        big = [p for p in root.rglob("*.log") if p.stat().st_size > 20_000]
        for p in big:
            target = root / "archive" / p.parent.parent.name / p.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(p, target)
    with timed(steps, "pack them into .tar.gz (shutil.make_archive)"):
        archive = Path(shutil.make_archive(str(Path(tmp, "logs-backup")), "gztar",
                                           root / "archive"))
    tar = shutil.which("tar")
    how = "subprocess: tar -tzf" if tar else "tarfile, no tar here"
    with timed(steps, f"list the archive ({how})"):
        if tar:
            listed = subprocess.run([tar, "-tzf", str(archive)], capture_output=True,
                                    text=True, check=True).stdout
        else:
            with tarfile.open(archive) as t:
                listed = "\n".join(t.getnames())
    with timed(steps, "measure and delete the tree (stat, shutil.rmtree)"):
        archived = sum(p.stat().st_size for p in (root / "archive").rglob("*.log"))
        shutil.rmtree(root)
    archived_logs = [n for n in listed.splitlines() if n.endswith(".log")]
    assert len(archived_logs) == len(big), "claim: every moved log archived"
    summary = (f"moved {len(big)} of 120 logs ({archived / 1e6:.1f} MB) "
               f"into {archive.name} ({archive.stat().st_size / 1e3:.0f} KB); "
               f"listed it with {'tar' if tar else 'tarfile'}")
    archive.unlink()
    return summary, steps


runs = []
for _ in range(REPEATS):
    with tempfile.TemporaryDirectory() as tmp:
        summary, steps = rotate(tmp)
        runs.append(steps)
print(summary)
stats = {name: (statistics.median(r[name] for r in runs), min(r[name] for r in runs),
                max(r[name] for r in runs))
         for name in runs[0]}
totals = [sum(r.values()) for r in runs]
print(f"\ntime per step, median of {REPEATS} runs (min-max), "
      f"Python {sys.version.split()[0]}:")
for name, (median, low, high) in stats.items():
    print(f"  {median:7.1f} ms ({low:.1f}-{high:.1f})  {name}")
print(f"  {statistics.median(totals):7.1f} ms  whole run")

if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"cpus": os.cpu_count(),
                   "timer": time.get_clock_info("perf_counter").resolution,
                   "steps": stats, "total_ms": f"{statistics.median(totals):.0f}",
                   "summary": summary, "repeats": REPEATS}, f)
