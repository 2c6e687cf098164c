"""A timing run's line says how busy the rest of the machine was while it ran; other runs' lines do not."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from evidence import machine_load, registry, render
from evidence.runner import Result
from helpers import build, exec_block, mini_project

SPIN = """\
    # Keeps one core busy for about a second, so the run lasts long enough to sample the machine.
    import time
    end = time.perf_counter() + 1.0
    while time.perf_counter() < end:
        pass
    print("spun")
    """
SHARE = re.compile(r"everything else on the machine used about (\d+)% of its CPU time")


def test_share_is_the_machines_busy_time_less_the_runs_own():
    ticks = os.sysconf("SC_CLK_TCK")
    # 2 CPUs for 1 s: 2 s of CPU time in all, 1.5 s of it busy, 0.5 s of that the run's own.
    before, after = (1000, 5000), (1000 + int(1.5 * ticks), 5000 + 2 * ticks)
    assert machine_load.others_share(before, after, own_seconds=0.5) == pytest.approx(0.5, abs=0.01)
    assert machine_load.others_share(before, after, own_seconds=5.0) == 0.0, "never below 0"
    assert machine_load.others_share(None, after, 0.5) is None, "unknown without /proc/stat"
    assert machine_load.others_share((0, 0), (10, machine_load.MIN_TICKS - 1), 0.0) is None, "too short to tell"


@pytest.mark.skipif(machine_load.sample() is None, reason="needs Linux's /proc/stat")
def test_a_busy_machine_shows_on_the_timing_run_line_only(tmp_path):
    page = exec_block('show("demo/01_spin.py", timing=True)') + "\n" + exec_block('show("demo/01_spin.py")', "plain")
    project = mini_project(tmp_path / "p", {"demo/01_spin.py": SPIN}, page)
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        done = build(project, tmp_path / "site", EVIDENCE_CACHE_DIR=str(tmp_path / "cache"), EVIDENCE_FRESH="1")
    finally:
        busy.kill()
        busy.wait()
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "site" / "index.html").read_text()
    shares = [int(s) for s in SHARE.findall(html)]
    assert len(shares) == 1, "the timing run, and only it, reports the share"
    # One spinning process is one CPU's worth: at least 60% of that share of the whole machine.
    assert shares[0] >= 60 / os.cpu_count(), shares


def _recorded(share: float | None, version: str) -> Result:
    fingerprint = {"implementation": "CPython", "version": version}
    return Result(snippet="implementations/06_jit_warmup.py", interpreter=fingerprint, command="python demo.py",
                  output="ran\n", exit_code=0, wall_seconds=1.0, peak_rss_kib=1, started="2026-12-04T00:00:00+00:00",
                  others_cpu=share, source=[["06_jit_warmup.py", "print('ran')\n"]])


def test_the_share_line_of_runs_side_by_side_names_each_measured_share_and_only_for_timing_runs():
    """Recorded results, not runs: whether a real run lasts long enough to measure the share is the machine's call."""
    kind = registry.KINDS["build"]
    measured = [(kind, _recorded(0.25, "3.13.0")), (kind, _recorded(None, "3.12.1"))]
    line = ("everything else on the machine used about this share of its CPU time: "
            + render.volatile("25% (CPython 3.13.0)", "timing") + ".")
    assert line in render.evidence_tabs_each("implementations/06_jit_warmup.py", measured, "page/", timing=True)
    assert "everything else" not in render.evidence_tabs_each("implementations/06_jit_warmup.py", measured, "page/")
    unmeasured = [(kind, _recorded(None, "3.13.0"))]
    assert "everything else" not in render.evidence_tabs_each("implementations/06_jit_warmup.py", unmeasured,
                                                              "page/", timing=True), "no share, no line"
