# Benchmark: build times (fresh, warm cache, floor), the serve edit loop, and a per-snippet table of time and memory.
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_serve import serve_edit_times

ROOT = Path(__file__).resolve().parents[1]


def timed_build(**env: str) -> float:
    with tempfile.TemporaryDirectory() as site:
        t0 = time.perf_counter()
        # Not -q: it would also hide failed exec blocks from --strict.
        done = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", site],
                              cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"the build failed:\n{done.stderr[-4000:]}")
        return time.perf_counter() - t0


def label(fingerprint: dict) -> str:
    """Implementation and its own version (PyPy 7.3.11, not the Python 3.9 it implements)."""
    return f"{fingerprint['implementation']} {fingerprint.get('implementation_version') or fingerprint['version']}"


def summary(name: str, times: list[float]) -> str:
    return (f"{name:<34} median {statistics.median(times):6.2f} s  (min {min(times):.2f}, max {max(times):.2f}, "
            f"n={len(times)})")


def main() -> None:
    parser = argparse.ArgumentParser(description="Times builds and the serve edit loop; prints figures only.")
    parser.add_argument("--repeats", type=int, default=3, help="repeats of each measurement (default 3)")
    parser.add_argument("--no-serve", action="store_true", help="skip the serve edit-loop measurement")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        cache, report, record = Path(tmp, "cache"), Path(tmp, "runs.json"), Path(tmp, "results.pickle")
        isolated = {"EVIDENCE_CACHE_DIR": str(cache)}
        fresh = [timed_build(**isolated, EVIDENCE_FRESH="1", EVIDENCE_REPORT=str(report)) for _ in range(args.repeats)]
        # One row per run: a result that two pages use is listed once for each page in the report.
        runs = list({(r["snippet"], r["interpreter_key"], r["started"]): r for r in json.loads(report.read_text())}
                    .values())
        warm = [timed_build(**isolated, EVIDENCE_RECORD=str(record)) for _ in range(args.repeats)]
        floor = [timed_build(**isolated, EVIDENCE_REPLAY=str(record)) for _ in range(args.repeats)]
        interpreters = sorted({label(r["interpreter"]) for r in runs})
        print(f"{os.cpu_count()} CPUs, load average {load_before:.2f} before the first build; {len(runs)} snippet runs "
              f"per build on {len(interpreters)} interpreters: {', '.join(interpreters)}")
        print(summary("clean build, everything fresh", fresh))
        print(summary("build with a warm cache", warm))
        print(summary("floor (rendered from results only)", floor))
        print(f"warm / floor = {statistics.median(warm) / statistics.median(floor):.2f}")
        if not args.no_serve:
            for full, mode in ((False, "make serve"), (True, "make serve FULL=1")):
                prose, snippet = serve_edit_times(cache, args.repeats, full)
                print(summary(f"{mode}: prose edit to page", prose))
                print(summary(f"{mode}: snippet edit to page", snippet))
    print(f"\n{'snippet':<44} {'interpreter':<34} {'wall s':>7} {'peak MiB':>9}")
    for run in sorted(runs, key=lambda r: -r["wall_seconds"]):
        print(f"{run['snippet']:<44} {label(run['interpreter']):<34} {run['wall_seconds']:>7.2f} "
              f"{run['peak_rss_kib'] / 1024:>9.1f}")
    print(f"{'total snippet wall time':<79} {sum(r['wall_seconds'] for r in runs):>7.2f}")


if __name__ == "__main__":
    main()
