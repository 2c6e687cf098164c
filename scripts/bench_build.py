# Benchmark: prints the clean build time (median of repeats) and a per-snippet table of wall time and peak memory.
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

ROOT = Path(__file__).resolve().parents[1]


def clean_build(report: Path) -> float:
    with tempfile.TemporaryDirectory() as site:
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-q", "-f", "mkdocs.yml", "-d", site],
                       cwd=ROOT, check=True, env={**os.environ, "EVIDENCE_REPORT": str(report)})
        return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3, help="clean builds to time (default 3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "runs.json"
        times = [clean_build(report) for _ in range(args.repeats)]
        runs = json.loads(report.read_text())
    print(f"clean build: median {statistics.median(times):.2f} s, min {min(times):.2f} s, max {max(times):.2f} s "
          f"over {len(times)} builds on {os.cpu_count()} CPUs")
    print(f"\n{'snippet':<44} {'interpreter':<16} {'wall s':>8} {'peak MiB':>9}")
    for run in sorted(runs, key=lambda r: -r["wall_seconds"]):
        fp = run["interpreter"]
        print(f"{run['snippet']:<44} {fp['implementation'] + ' ' + fp['version']:<16} "
              f"{run['wall_seconds']:>8.2f} {run['peak_rss_kib'] / 1024:>9.1f}")
    print(f"{'total snippet wall time':<61} {sum(r['wall_seconds'] for r in runs):>8.2f}")


if __name__ == "__main__":
    main()
