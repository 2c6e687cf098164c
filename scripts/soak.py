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
    """A process that keeps one core busy until the soak ends, or until its parent is gone (a soak killed midway)."""
    spin = "import os\nparent = os.getppid()\nwhile os.getppid() == parent:\n    pass"
    return subprocess.Popen([sys.executable, "-c", spin])


def count_gated(requests: list, gated: dict[str, collections.Counter]) -> tuple[int, int]:
    """Per snippet and interpreter, whether this run asserted its claims that need free cores or skipped them.

    A timing snippet writes `quiet` in its data: true when /proc/stat showed other programs using under a quarter of
    the machine, the only case in which it asserts speed-ups (with `cpus` of at least 2). Returns (asserted, gated).
    """
    from evidence.page import BUILD

    asserted = total = 0
    for request in {(r.snippet, r.python): r for r in requests}.values():
        label = f"{request.snippet} on {request.python or 'the default interpreter'}"
        found = BUILD.results.get(request)
        data = found.data if found is not None else None
        if isinstance(data, dict) and "quiet" in data:
            checked = bool(data["quiet"]) and (data.get("cpus") or 0) >= 2
            gated[label]["asserted" if checked else "skipped"] += 1
            asserted, total = asserted + checked, total + 1
        elif request in BUILD.failures:
            gated[label]["failed"] += 1
    return asserted, total


def soak_pages(pages: list[str], runs: int, gated: dict[str, collections.Counter]) -> collections.Counter:
    """Every run the pages ask for, produced fresh `runs` times; counts failures by snippet and cause, and in
    `gated` how often each snippet's free-core claims were asserted or skipped."""
    os.environ["EVIDENCE_FRESH"] = "1"
    from evidence import prefetch
    from evidence.page import BUILD
    from evidence.settings import Project

    Project.use(ROOT)
    requests = [r for page in pages for r in prefetch.declared_in((ROOT / "docs" / page).read_text(), page)]
    failures: collections.Counter = collections.Counter()
    for i in range(runs):
        BUILD.reset()
        prefetch.run_all(requests)
        for request, error in BUILD.failures.items():
            failures[f"{request.snippet}: {error.cause}"] += 1
        asserted, total = count_gated(requests, gated)
        print(f"run {i + 1}/{runs}: {len(BUILD.failures)} of {len(requests)} runs failed; free-core claims asserted "
              f"by {asserted} of {total} timing snippets", flush=True)
    return failures


def page_failures(log: str) -> list[str]:
    """Exec blocks that failed (a claim a page asserts itself), each with the last error line of its output."""
    found = []
    for block in re.finditer(r"WARNING\s+-\s+markdown_exec: Execution of python code block '([^']*)' exited"
                             r"(.*?)(?=^(?:INFO|WARNING|ERROR|DEBUG)\s+-|\Z)", log, re.S | re.M):
        errors = re.findall(r"^\s*(\w*(?:Error|Exception)\b.*)$", block[2], re.M)
        found.append(f"exec block {block[1]}: {errors[-1] if errors else 'failed'}")
    # A page written with fields (mkdocs-macros) reports a failed claim of its page code as a rendering error.
    for block in re.finditer(r"WARNING\s+-\s+\[macros\] - ERROR # _Macro Rendering Error_\s+_File_: `([^`]*)`"
                             r"\s+_(\w+)_: (.*)", log):
        found.append(f"page {block[1]}: {block[2]}: {block[3].strip()}")
    return found


def soak_builds(runs: int, fresh: str) -> collections.Counter:
    """Whole strict builds; counts the evidence errors they report."""
    failures: collections.Counter = collections.Counter()
    for i in range(runs):
        with tempfile.TemporaryDirectory() as site:
            # Not -q: it would hide the warnings of failed exec blocks (a page's own assert) from --strict as well.
            done = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml",
                                   "-d", site], cwd=ROOT, capture_output=True, text=True,
                                  env={**os.environ, "EVIDENCE_FRESH": fresh})
        errors = re.findall(r"ERROR\s+-\s+evidence: (.*)", done.stderr) + page_failures(done.stderr)
        failures.update(errors or ([] if done.returncode == 0 else ["build failed: " + done.stderr[-300:]]))
        print(f"build {i + 1}/{runs}: exit {done.returncode}, {len(errors)} failed claims", flush=True)
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
    gated: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    try:
        failures = soak_pages(args.page, args.runs, gated) if args.page else \
            soak_builds(args.runs, "1" if args.all_fresh else "timing")
    finally:
        if load:
            load.kill()
    what = ", ".join(args.page) if args.page else "the whole site"
    print(f"\n{sum(failures.values())} failed claims in {args.runs} runs of {what} "
          f"({'with' if load else 'without'} one core kept busy, {os.cpu_count()} CPUs)")
    for failure, count in failures.most_common():
        print(f"  {count:>3} x {failure}")
    if not args.page:
        print("(whole builds: whether the speed-up claims that need free cores were asserted is not counted; "
              "use --page for that)")
        return
    shown = {label: c for label, c in sorted(gated.items()) if c["asserted"] + c["skipped"]}
    if shown:
        print("\nClaims asserted only when /proc/stat showed free cores (the snippets' `quiet`), per snippet:")
        for label, c in shown.items():
            failed = f", failed in {c['failed']}" if c["failed"] else ""
            print(f"  {label}: asserted in {c['asserted']} of {args.runs} runs, skipped in {c['skipped']} "
                  f"(machine busy){failed}")
        skipped = sum(c["skipped"] for c in shown.values())
        if skipped:
            print(f"  {skipped} snippet runs skipped those claims, so their figure above counts no failure of them: "
                  "'0 failed' means every claim that was checked held, not that every claim was checked.")
        share = 1 / (os.cpu_count() or 1)  # of the machine's CPU time, taken by the core kept busy
        if load and skipped and share >= 0.25:
            print(f"  The core kept busy is {share:.0%} of this machine's CPU time, and the snippets skip these claims "
                  "when other programs use a quarter or more: under this load they are never asserted. Run with "
                  "--no-load on a quiet machine to check them.")


if __name__ == "__main__":
    main()
