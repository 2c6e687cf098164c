# Soak test: re-runs a page's evidence (or whole builds) many times while another process keeps one core busy.
from __future__ import annotations

import argparse
import collections
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def busy_core() -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "while True: pass"])


def soak_pages(pages: list[str], runs: int) -> collections.Counter:
    """Every run the pages ask for, produced fresh `runs` times; counts failures by snippet and cause."""
    os.environ["EVIDENCE_FRESH"] = "1"
    from evidence import prefetch
    from evidence.page import BUILD
    from evidence.settings import Project

    Project.use(ROOT)
    requests = [r for page in pages for r in prefetch.requests_in((ROOT / "docs" / page).read_text())]
    failures: collections.Counter = collections.Counter()
    for i in range(runs):
        BUILD.reset()
        prefetch.run_all(requests)
        for request, error in BUILD.failures.items():
            failures[f"{request.snippet}: {error.cause}"] += 1
        print(f"run {i + 1}/{runs}: {len(BUILD.failures)} of {len(requests)} runs failed", flush=True)
    return failures


def soak_builds(runs: int, fresh: str) -> collections.Counter:
    """Whole strict builds; counts the evidence errors they report."""
    failures: collections.Counter = collections.Counter()
    for i in range(runs):
        with tempfile.TemporaryDirectory() as site:
            done = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-q", "-f", "mkdocs.yml",
                                   "-d", site], cwd=ROOT, capture_output=True, text=True,
                                  env={**os.environ, "EVIDENCE_FRESH": fresh})
        errors = re.findall(r"ERROR\s+-\s+evidence: (.*)", done.stderr)
        failures.update(errors or ([] if done.returncode == 0 else ["build failed: " + done.stderr[-300:]]))
        print(f"build {i + 1}/{runs}: exit {done.returncode}, {len(errors)} evidence errors", flush=True)
    return failures


def main() -> None:
    parser = argparse.ArgumentParser(description="Counts claims that fail under load; prints figures only.")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--page", action="append", default=[], help="a page under docs/ (repeatable); "
                        "without it, whole builds are soaked")
    parser.add_argument("--no-load", action="store_true", help="do not keep a core busy")
    parser.add_argument("--all-fresh", action="store_true", help="whole builds run every snippet anew (default: "
                        "only the timing runs, whose claims are the ones load can break; the rest come from the cache)")
    args = parser.parse_args()
    load = None if args.no_load else busy_core()
    try:
        failures = soak_pages(args.page, args.runs) if args.page else \
            soak_builds(args.runs, "1" if args.all_fresh else "timing")
    finally:
        if load:
            load.kill()
    what = ", ".join(args.page) if args.page else "the whole site"
    print(f"\n{sum(failures.values())} failed claims in {args.runs} runs of {what} "
          f"({'with' if load else 'without'} one core kept busy, {os.cpu_count()} CPUs)")
    for failure, count in failures.most_common():
        print(f"  {count:>3} x {failure}")


if __name__ == "__main__":
    main()
