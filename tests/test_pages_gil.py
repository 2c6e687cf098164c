"""The GIL page's own code, in milliseconds: tables, charts and its claim, from data shaped as its snippets write it."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from pages import gil

ROOT = Path(__file__).resolve().parents[1]


def _run(data, free_threaded=False, label="CPython 3.13.0"):
    return SimpleNamespace(data=data, label=label, result=SimpleNamespace(
        interpreter={"free_threaded_build": free_threaded}))


def _scaling(cpus=2):
    rows = [{"kind": kind, "workers": k, "median": 1.0 / k, "min": 0.9 / k, "max": 1.1 / k, "speedup": float(k)}
            for kind in ("threads", "processes") for k in (1, 2, 4, 8)]
    return {"rows": rows, "cpus": cpus, "python": "3.13.0", "busy": [0.02, None]}


def test_rows_are_found_by_kind_and_worker_count():
    found = gil.by_workers(_scaling())
    assert list(found) == ["threads", "processes"] and found["processes"][4]["median"] == 0.25


def test_the_charts_plot_every_series_with_the_ideal_capped_at_the_core_count():
    html = gil.cpu_charts(_run(_scaling(cpus=2)), None)
    assert html.count("<figure") == 2 and "processes: 8" in html and "ideal (2 cores)" in html
    assert "free-threaded" not in html, "no free-threaded line where that build did not run"
    assert html.count("chart-reference") == 2, "the ideal is drawn as a dashed reference, in the plot and the legend"
    titles = re.findall(r"<figcaption>([^<]*)</figcaption>", html)
    assert titles[1] == "Best speed-up: threads 8.00\u00d7 (8 workers); processes 8.00\u00d7 (8 workers)", titles
    assert "free-threaded threads: 2" in gil.cpu_charts(_run(_scaling()), _run(_scaling(), free_threaded=True))


def test_the_race_claim_fails_when_a_gil_build_loses_nothing_in_the_loop_with_a_call():
    def race(lost, lost_bare, free=False):
        return _run({"lost": lost, "lost_bare": lost_bare}, free, "CPython 3.13.5 free-threaded" if free else
                    f"CPython 3.{lost}")

    builds = gil.race_builds([race(5, 0), race(7, 3), race(9, 9, free=True)])
    assert (builds["bare_safe"], builds["bare_lost"]) == (["CPython 3.5"], ["CPython 3.7"])
    assert [r.label for r in builds["free"]] == ["CPython 3.13.5 free-threaded"]
    with pytest.raises(AssertionError, match="every GIL build loses updates"):
        gil.race_builds([race(0, 0)])


def test_shares_say_unknown_where_not_measured():
    assert gil.shares(_scaling()) == "2% and unknown"


def _sub(python="3.15.2"):
    rows = [{"kind": kind, "workers": k, "median": 0.1 / k, "min": 0.09 / k, "max": 0.11 / k, "speedup": float(k),
             "cpu_per_s": float(k)} for kind in gil.SUB_KINDS for k in (1, 2)]
    return {"rows": rows, "python": python, "cpus": 2, "parallel": 1.25, "busy": [0.5, 0.1], "quiet": False}


def test_the_subinterpreter_chart_and_table_show_every_kind_of_worker():
    runs = [_run(_sub("3.14.10"), label="CPython 3.14.10"), _run(_sub(), label="CPython 3.15.2")]
    assert gil.newest(runs).label == "CPython 3.15.2"
    chart = gil.sub_chart(runs)
    assert "Python 3.15.2" in chart and "subinterpreters: 2" in chart and "processes: 1" in chart
    table = gil.sub_table(runs).splitlines()
    assert len(table) == 4 and "2.00x, 2.00 CPU-s/s" in table[2] and "| 2.00x |" in table[3]


def _which(version, method):
    return _run({"version": version, "platform": "linux", "start_method": method}, label=f"CPython {version}")


def test_the_start_method_change_is_asserted_where_both_sides_ran():
    found = gil.start_methods([_which("3.13.0", "fork"), _which("3.14.10", "forkserver")])
    assert found == {"before": ["CPython 3.13.0"], "after": ["CPython 3.14.10"], "both": True}
    assert not gil.start_methods([_which("3.15.2", "forkserver")])["both"]
    with pytest.raises(AssertionError, match="uses forkserver from"):
        gil.start_methods([_which("3.12.1", "fork"), _which("3.14.10", "fork")])


def test_the_startup_table_has_a_column_per_interpreter_and_marks_the_default():
    def startup(default):
        rows = {m: {"first": 100.0, "median": 10.0, "min": 9.0, "max": 12.0} for m in ("fork", "forkserver", "spawn")}
        return {"rows": rows, "default": default}

    table = gil.startup_table([_run(startup("forkserver"), label="CPython 3.14.10"),
                               _run(startup("forkserver"), label="CPython 3.15.2")])
    assert "CPython 3.14.10 | CPython 3.15.2" in table
    assert "first pool 100.0 ms (default)" in table.splitlines()[3] and "(default)" not in table.splitlines()[2]


def _cost():
    def row(label, version, ft, debian=False):
        timed = {"median": 0.1, "min": 0.09, "max": 0.2, "cpu_per_s": 1.0}
        return {"label": label, "version": version, "minor": "3.13", "free_threaded": ft, "gil": not ft, "pgo": False,
                "lto": False, "debian": debian, "built": "PGO off, LTO off", "one": timed,
                "two": {**timed, "median": 0.05}}
    runs = [row("CPython 3.13.0", "3.13.0", False), row("CPython 3.13.5 free-threaded", "3.13.5", True)]
    pairs = [{"minor": "3.13", "ft": runs[1]["label"], "default": runs[0]["label"], "cost": 1.0,
              "ft_version": "3.13.5", "default_version": "3.13.0", "scaling_ft": 2.0, "scaling_default": 2.0}]
    return {"runs": runs, "pairs": pairs}


def test_free_threaded_pairs_say_when_patch_releases_differ_and_neither_build_was_optimised():
    (pair,) = gil.ft_pairs(_run(_cost()))
    assert not pair["same_patch"] and pair["unoptimised"] and pair["ft_run"]["gil"] is False
    data = _cost()
    data["runs"][0]["debian"] = True  # Debian's package: its PGO and LTO are not recorded, so not "unoptimised"
    assert not gil.ft_pairs(_run(data))[0]["unoptimised"]
    table = gil.ft_cost_table(_run(_cost()))
    assert "| CPython 3.13.5 free-threaded | PGO off, LTO off | off |" in table and "2.00x |" in table


def test_the_busy_module_the_timing_snippets_share():
    spec = importlib.util.spec_from_file_location("busy", ROOT / "snippets" / "gil" / "busy.py")
    busy = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(busy)
    share = busy.others_busy(0.05)
    assert share is None or 0 <= share <= 1
    assert busy.quiet([0.1, None]) and busy.quiet([0.1, 0.2]) and not busy.quiet([0.1, 0.3])
    assert busy.shares([0.02, None]) == "2% and unknown"


def test_the_verdict_asserts_one_core_with_the_gil_and_overlapping_waits():
    def io(threads_s):
        return _run({"rows": {"one after another": [0.4], "threads": [threads_s], "asyncio": [0.03]}})

    cpu = {**_scaling(), "gil": True, "parallel": 1.25, "cpu_per_s": {"1": 0.99, "2": 0.94}}
    found = gil.verdict(_run(cpu), io(0.04), _run({"gil": False}, free_threaded=True))
    assert found["busy"] == 0.94 and round(found["serial"]) == 400 and round(found["threads"]) == 40
    with pytest.raises(AssertionError, match="no more than one core"):
        gil.verdict(_run({**cpu, "cpu_per_s": {"2": 1.8}}), io(0.04))
    with pytest.raises(AssertionError, match="ran on a build with the GIL"):
        gil.verdict(_run({**cpu, "gil": False}), io(0.04))
    with pytest.raises(AssertionError, match="without a GIL"):
        gil.verdict(_run(cpu), io(0.04), _run({"gil": True}, free_threaded=True))
    with pytest.raises(AssertionError, match="the waits overlapped"):
        gil.verdict(_run(cpu), io(0.5))
