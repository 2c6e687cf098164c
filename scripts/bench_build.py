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
        subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-q", "-f", "mkdocs.yml", "-d", site],
                       cwd=ROOT, check=True, env={**os.environ, **env})
        return time.perf_counter() - t0


def summary(name: str, times: list[float]) -> str:
    return (f"{name:<34} median {statistics.median(times):6.2f} s  (min {min(times):.2f}, max {max(times):.2f}, "
            f"n={len(times)})")


def main() -> None:
    parser = argparse.ArgumentParser(description="Times builds and the serve edit loop; prints figures only.")
    parser.add_argument("--repeats", type=int, default=3, help="repeats of each measurement (default 3)")
    parser.add_argument("--no-serve", action="store_true", help="skip the serve edit-loop measurement")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cache, report, record = Path(tmp, "cache"), Path(tmp, "runs.json"), Path(tmp, "results.pickle")
        isolated = {"EVIDENCE_CACHE_DIR": str(cache)}
        fresh = [timed_build(**isolated, EVIDENCE_FRESH="1", EVIDENCE_REPORT=str(report)) for _ in range(args.repeats)]
        runs = json.loads(report.read_text())
        warm = [timed_build(**isolated, EVIDENCE_RECORD=str(record)) for _ in range(args.repeats)]
        floor = [timed_build(**isolated, EVIDENCE_REPLAY=str(record)) for _ in range(args.repeats)]
        print(f"{os.cpu_count()} CPUs; {len(runs)} snippet runs per build")
        print(summary("clean build, everything fresh", fresh))
        print(summary("build with a warm cache", warm))
        print(summary("floor (rendered from results only)", floor))
        print(f"warm / floor = {statistics.median(warm) / statistics.median(floor):.2f}")
        if not args.no_serve:
            prose, snippet = serve_edit_times(cache, args.repeats)
            print(summary("serve: prose edit to rebuilt page", prose))
            print(summary("serve: snippet edit to rebuilt page", snippet))
    print(f"\n{'snippet':<44} {'interpreter':<34} {'wall s':>7} {'peak MiB':>9}")
    for run in sorted(runs, key=lambda r: -r["wall_seconds"]):
        fp = run["interpreter"]
        label = f"{fp['implementation']} {fp.get('implementation_version') or fp['version']}"
        print(f"{run['snippet']:<44} {label:<34} {run['wall_seconds']:>7.2f} {run['peak_rss_kib'] / 1024:>9.1f}")
    print(f"{'total snippet wall time':<79} {sum(r['wall_seconds'] for r in runs):>7.2f}")


if __name__ == "__main__":
    main()
