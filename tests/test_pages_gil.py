"""The GIL page's own code, in milliseconds: tables, charts and its claim, from data shaped as its snippets write it."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
import recorded_pages

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


# The same functions on the runs a real build recorded (tests/recorded/gil.json, `make record`): every expected value
# below is derived from the recorded data, so the tests hold on whatever machine recorded it.




def _figures(chart: str) -> list[str]:
    return re.findall(r"<figure.*?</figure>", recorded_pages.shown(chart), re.S)


def _title(figure: str) -> str:
    return re.search(r"<figcaption>([^<]*)</figcaption>", figure)[1]


def _bar_labels(figure: str) -> list[str]:
    """The label written above each bar of a bar chart, top to bottom."""
    return re.findall(r'class="chart-label">([^<]*)</text><rect[^>]*class="chart-bar"', figure)


def _table(figure: str) -> list[list[str]]:
    """The rows of a chart's table of numbers, as cells."""
    return [re.findall(r"<td>([^<]*)</td>", row) for row in re.findall(r"<tr>(<td>.*?)</tr>", figure)]


def _number(cell: str) -> float:
    return float(cell.replace(",", ""))


def _best(series: dict[str, list[dict]], unit: str) -> str:
    """The title a speed-up chart should have: each series' best speed-up, best first."""
    best = sorted(((name, max(rows, key=lambda r: r["speedup"])) for name, rows in series.items()),
                  key=lambda item: -item[1]["speedup"])
    return "Best speed-up: " + "; ".join(f"{name} {r['speedup']:.2f}\u00d7 ({r['workers']} {unit})" for name, r in best)


def _of(data, kind, key="kind") -> list[dict]:
    return [r for r in data["rows"] if r[key] == kind]


def test_recorded_cpu_charts_have_a_bar_per_row_and_title_the_best_speedup(recorded):
    """The countdown charts (and the C chart) plot every recorded row and state the recorded best speed-ups."""
    cpu, ft, c = recorded["cpu"], recorded["ft"], recorded["c"]
    series = {kind: _of(cpu.data, kind) for kind in ("threads", "processes")}
    if ft:
        series["free-threaded threads"] = _of(ft.data, "threads")
    wall, speedup = _figures(gil.cpu_charts(cpu, ft))
    assert _bar_labels(wall) == [f"{name}: {r['workers']}" for name, rows in series.items() for r in rows]
    assert [_number(row[1]) for row in _table(wall)] == pytest.approx(
        [r["median"] for rows in series.values() for r in rows], rel=0.05), "each bar at its row's median"
    assert _title(speedup) == _best(series, "workers")
    assert f"ideal ({cpu.data['cpus']} cores)" in speedup
    assert [row[0] for row in _table(speedup)].count("threads") == len(series["threads"]), "a point per row"
    (chart,) = _figures(gil.c_chart(c, cpu))
    jobs = {job: _of(c.data, job, "job") for job in ("sha256", "zlib")}
    assert _title(chart) == _best({**jobs, "countdown": series["threads"]}, "threads")


def test_recorded_verdict_holds_and_the_io_chart_shows_every_way(recorded):
    """The verdict's claims hold on the recorded runs, its numbers are theirs, and the I/O chart has each way."""
    cpu, io, ft = recorded["cpu"], recorded["io"], recorded["ft"]
    found = gil.verdict(cpu, io, ft)
    ms = {way: 1000 * row[0] for way, row in io.data["rows"].items()}
    assert found["busy"] == cpu.data["cpu_per_s"]["2"]
    assert (found["serial"], found["threads"], found["asyncio"]) == pytest.approx(
        (ms["one after another"], ms["threads"], ms["asyncio"]))
    assert found["threads_x"] == pytest.approx(ms["one after another"] / ms["threads"])
    assert gil.io_ms(io) == {key: found[key] for key in ("serial", "threads", "asyncio", "threads_x", "asyncio_x")}
    (chart,) = _figures(gil.io_chart(io))
    assert _title(chart) == f"{io.data['requests']} requests to a server that answers after " \
                            f"{io.data['delay_ms']:.0f} ms"
    assert _bar_labels(chart) == list(ms)
    assert [_number(row[1]) for row in _table(chart)] == pytest.approx(list(ms.values()), rel=0.05)


def test_recorded_race_table_has_a_row_per_interpreter_and_the_builds_split_them(recorded):
    """Every interpreter that ran the race has its row with its losses, and race_builds sorts them by build."""
    race = recorded["race"]
    rows = recorded_pages.shown(gil.race_table(race)).splitlines()
    assert len(rows) == 2 + len(race)
    for row, run in zip(rows[2:], race, strict=True):
        d = run.data
        assert row == (f"| {run.label!s} | {d['lost_bare']:,} lost | {d['lost']:,} lost ({d['lost_pct']:.0f}%) | "
                       f"{d['lost_locked']!s} lost |")
    builds = gil.race_builds(race)  # its claim holds on the recorded runs
    free = [r.label for r in race if r.result.interpreter.get("free_threaded_build")]
    assert [r.label for r in builds["free"]] == free
    assert [r.label for r in builds["gil"]] == [r.label for r in race if r.label not in free]
    assert builds["bare_lost"] == [r.label for r in builds["gil"] if r.data["lost_bare"]]
    assert sorted(builds["bare_safe"] + builds["bare_lost"]) == sorted(r.label for r in builds["gil"])


def test_recorded_switch_table_and_chart_have_a_row_per_setting(recorded):
    """The switch-interval table and chart show every recorded setting with its own delays."""
    sw = recorded["sw"]
    rows = recorded_pages.shown(gil.switch_table(sw)).splitlines()
    assert len(rows) == 2 + len(sw.data["rows"])
    for row, r in zip(rows[2:], sw.data["rows"], strict=True):
        assert row.startswith(f"| {r['interval_ms']:g} ms | {'computing' if r['compute'] else 'none'} | "
                              f"{r['waits']} | {r['median']:.2f} ms | {r['p90']:.2f} ms | {r['max']:.2f} ms |")
    (chart,) = _figures(gil.switch_chart(sw))
    assert len(_bar_labels(chart)) == len(sw.data["rows"])
    assert all(label.startswith(f"{r['interval_ms']:g} ms interval, ")
               for label, r in zip(_bar_labels(chart), sw.data["rows"], strict=True))


def test_recorded_newest_cpython_chart_and_tables_show_every_kind_and_interpreter(recorded):
    """The subinterpreter chart and table, and the pool start-up table, cover what the newest CPython recorded."""
    sub, startup = recorded["sub"], recorded["startup"]
    if not sub or not startup:
        pytest.skip("the recording has no run on a CPython new enough for subinterpreters")
    newest = sub[-1].data
    (chart,) = _figures(gil.sub_chart(sub))
    assert f"Python {newest['python']!s}" in _title(chart)
    assert _bar_labels(chart) == [f"{kind}: {r['workers']}" for kind in gil.SUB_KINDS for r in _of(newest, kind)]
    rows = recorded_pages.shown(gil.sub_table(sub)).splitlines()
    assert len(rows) == 2 + len(sub)
    for row, run in zip(rows[2:], sub, strict=True):
        two = {kind: next(r for r in _of(run.data, kind) if r["workers"] == 2) for kind in gil.SUB_KINDS}
        assert row.startswith(f"| {run.label!s} | {two['threads']['speedup']:.2f}x, "
                              f"{two['threads']['cpu_per_s']:.2f} CPU-s/s |")
        assert f"| {two['processes']['speedup']:.2f}x |" in row
    rows = recorded_pages.shown(gil.startup_table(startup)).splitlines()
    assert rows[0] == "| Start method | " + " | ".join(f"{run.label!s}" for run in startup) + " |"
    methods = list(startup[0].data["rows"])
    cells = [row.removeprefix("| ").removesuffix(" |").split(" | ") for row in rows[2:]]
    assert [row[0] for row in cells] == [f"`{m!s}`" for m in methods]
    for row, m in zip(cells, methods, strict=True):
        for cell, run in zip(row[1:], startup, strict=True):
            r = run.data["rows"].get(m)
            if r is None:
                assert cell == "not available"
                continue
            assert cell.startswith(f"{r['median']:.1f} ms ({r['min']:.1f}\u2013{r['max']:.1f}); "
                                   f"first pool {r['first']:.1f} ms")
            assert cell.endswith("(default)") == (m == run.data["default"])


def test_recorded_free_threaded_cost_table_and_pairs(recorded):
    """The free-threaded cost table has each recorded interpreter with its speed-up; each pair finds both builds."""
    cost = recorded["ftcost"]
    rows = recorded_pages.shown(gil.ft_cost_table(cost)).splitlines()
    assert len(rows) == 2 + len(cost.data["runs"])
    for row, r in zip(rows[2:], cost.data["runs"], strict=True):
        assert row.startswith(f"| {r['label']!s} | {r['built']!s} | {'on' if r['gil'] else 'off'} | "
                              f"{r['one']['median']:.3f} s")
        assert row.endswith(f"| {r['two']['cpu_per_s']:.2f} | {r['one']['median'] / r['two']['median']:.2f}x |")
    pairs = gil.ft_pairs(cost)
    assert len(pairs) == len(cost.data["pairs"])
    for pair in pairs:
        assert (pair["ft_run"]["label"], pair["default_run"]["label"]) == (pair["ft"], pair["default"])
        assert pair["ft_run"]["free_threaded"] and not pair["default_run"]["free_threaded"]
        assert pair["same_patch"] == (pair["ft_run"]["version"] == pair["default_run"]["version"])
