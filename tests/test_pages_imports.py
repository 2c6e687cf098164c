"""The imports page's own code, in milliseconds: its charts, table and derived values, from data shaped as its
snippets write it."""

from __future__ import annotations

import html
import re
from types import SimpleNamespace

import pytest
import recorded_pages

from evidence import macros, registry, text
from pages import imports


def _run(data, snippet="imports/04_path_length.py", declaration=None):
    """A declared run as the page's template hands it over: its data's strings are text, as the engine makes them."""
    declaration = declaration or macros.Declaration("run", snippet, {"timing": True})
    return macros.Run(declaration, SimpleNamespace(data=text.wrap(data)), text.wrap(data))


def _ms(shown: str) -> float:
    """A value as a chart prints it ("1,234.5 ms"): the number, whatever precision the chart chose."""
    value, unit = html.unescape(shown).rsplit(" ", 1)
    assert unit == "ms", shown
    return float(value.replace(",", ""))


def _bars(chart: str) -> list[tuple[str, float]]:
    """Each bar of a chart's SVG: its label and the value printed beside it, in milliseconds."""
    found = re.findall(r'class="chart-label">([^<]*)</text>.*?class="chart-value">([^<]*)</text>', chart)
    return [(html.unescape(label), _ms(value)) for label, value in found]


def _approx(bars: list[tuple[str, float]]):
    """Expected bars, equal to the printed ones to the precision a chart may round them to."""
    return [(label, pytest.approx(value, rel=0.05, abs=0.005)) for label, value in bars]


def _row(chart: str, label: str) -> list[float]:
    """The numbers of a chart's table row for `label`: median, then the whisker's two ends."""
    cells = re.search(rf"<tr><td>{re.escape(label)}</td>((?:<td>[^<]*</td>)+)</tr>", chart)[1]
    return [float(c.replace(",", "")) for c in re.findall(r"<td>([^<]*)</td>", cells)]


def _titles(chart: str) -> list[str]:
    return [html.unescape(title) for title in re.findall(r"<figcaption>([^<]*)</figcaption>", chart)]


def test_the_path_length_chart_has_a_bar_per_number_of_directories_at_its_median():
    length = _run({"startup": {"0": [64.4, 60.5, 75.6], "20": [75.3, 66.9, 97.6], "200": [123.0, 120.8, 147.5]}})
    chart = text.restore(imports.path_length_chart(length))
    assert _titles(chart) == ["python -c 'import asyncio' with N empty directories on PYTHONPATH"]
    assert _bars(chart) == _approx([("N = 0", 64.4), ("N = 20", 75.3), ("N = 200", 123)])


def test_the_pyc_chart_has_a_bar_per_way_and_step_in_the_snippets_order():
    results = {label: {"median": median, "min": median / 2, "max": median * 2} for label, median in [
        ("fresh .pyc", 0.83), ("stale .pyc", 21.7), ("no .pyc", 21.0), ("compile(source)", 18.3),
        ("marshal.loads(.pyc)", 0.364), ("exec(code object)", 0.0768)]}
    chart = text.restore(imports.pyc_chart(_run({"results": results}, "imports/05_pyc_or_source.py")))
    assert _bars(chart) == _approx([("fresh .pyc", 0.83), ("stale .pyc", 21.7), ("no .pyc", 21),
                           ("compile(source)", 18.3), ("marshal.loads(.pyc)", 0.364),
                           ("exec(code object)", 0.0768)])
    assert _row(chart, "fresh .pyc") == pytest.approx([0.83, 0.415, 1.66], rel=0.05), "whiskers: min, max"


def _stack(module, top):
    return {"module": module, "count": 20, "total_ms": 10.0, "own_share": 0.05,
            "top_self": [[name, own, 2 * own, own - 0.1, 2 * own - 0.1, own + 0.1, 2 * own + 0.1] for name, own in top]}


def test_the_importtime_charts_show_self_and_cumulative_for_the_http_stack_then_asyncio():
    data = {"stacks": {"json": _stack("json", [("enum", 1.0)]), "asyncio": _stack("asyncio", [("ssl", 2.5)]),
                       "HTTP client stack": _stack("urllib.request", [("_ssl", 2.0), ("ssl", 1.5)])}}
    chart = text.restore(imports.importtime_charts(_run(data, "imports/08_importtime.py")))
    assert _titles(chart) == ["import urllib.request: the 2 modules with the most self time",
                             "import asyncio: the 1 modules with the most self time"]
    assert _bars(chart) == _approx([("_ssl: self", 2), ("_ssl: cumulative", 4), ("ssl: self", 1.5),
                           ("ssl: cumulative", 3), ("ssl: self", 2.5), ("ssl: cumulative", 5)])
    assert _row(chart, "_ssl: self") == pytest.approx([2, 1.9, 2.1]), "its own min and max"
    assert _row(chart, "_ssl: cumulative") == pytest.approx([4, 3.9, 4.1])


def _startup():  # imports/09_startup_versions.py: [median, min, max] per version and case
    def row(plain, no_site, asyncio):
        return {"-c pass": plain, "-S -c pass": no_site, "-I -c pass": [10.0, 9.0, 11.0],
                "import json": [18.0, 17.0, 19.0], "import asyncio": asyncio}
    return _run({"results": {"3.8": row([12.0, 11.9, 12.7], [8.2, 8.0, 9.1], [54.0, 49.4, 58.8]),
                             "3.13": row([10.0, 8.3, 11.0], [9.0, 8.0, 9.5], [20.0, 19.0, 22.0])},
                 "rounds": 5, "bases": {"3.8": "/usr/bin/python3.8", "3.13": "/usr/bin/python3.13"}},
                "imports/09_startup_versions.py")


def test_the_startup_charts_plot_three_cases_with_a_bar_per_version():
    chart = text.restore(imports.startup_charts(_startup()))
    assert _titles(chart) == ["python -c pass, per CPython version (package-free venv)",
                             "python -S -c pass, per CPython version (package-free venv)",
                             "python -c 'import asyncio', per CPython version (package-free venv)"]
    assert _bars(chart) == _approx([("CPython 3.8", 12), ("CPython 3.13", 10), ("CPython 3.8", 8.2),
                           ("CPython 3.13", 9), ("CPython 3.8", 54), ("CPython 3.13", 20)])


def test_site_savings_compare_the_fastest_runs_of_each_version():
    saved = imports.site_saved(_startup())
    assert list(saved) == ["3.8", "3.13"]
    assert round(saved["3.8"], 6) == 3.9 and round(saved["3.13"], 6) == 0.3, "minimums, not medians"


def test_the_asyncio_slowdown_is_the_least_and_most_ratio_of_medians():
    assert imports.asyncio_slowdown(_startup()) == {"least": 2.0, "most": 4.5}


def test_the_pth_and_deferred_charts_have_a_bar_per_variant():
    pth = _run({"results": {"no .pth file": [10.8, 10.2, 13.5], "a .pth with `import asyncio`": [62.4, 56.9, 81.7]}},
               "imports/10_pth_cost.py")
    chart = text.restore(imports.pth_chart(pth))
    assert _titles(chart) == ["python -c pass in a fresh venv, with one .pth file in site-packages"]
    assert _bars(chart) == _approx([("no .pth file", 10.8), ("a .pth with `import asyncio`", 62.4)])
    deferred = _run({"results": {"eager: import asyncio at the top": [41.3, 38.5, 46.1],
                                 "LazyLoader: module object made": [0.0722, 0.0638, 0.126]}}, "imports/11_deferred.py")
    chart = text.restore(imports.deferred_chart(deferred))
    assert _titles(chart) == ["Paying for asyncio now or later"]
    assert _bars(chart) == _approx([("eager: import asyncio at the top", 41.3),
                           ("LazyLoader: module object made", 0.0722)])


KEYS = ["cpython-3.10", "cpython-3.11", "pyodide"]


def _versions(by_key: dict):
    """imports/12_versions.py by each of KEYS; a key missing from `by_key` was not on this machine."""
    declaration = macros.Declaration("versions", "imports/12_versions.py", {"each": KEYS, "allow_failure": False})
    runs = []
    for key in KEYS:
        if key not in by_key:
            runs.append(macros.Run(declaration, None))
            continue
        result = SimpleNamespace(data=by_key[key], interpreter={
            "implementation": "CPython", "version": by_key[key]["version"], "sys_platform": by_key[key]["platform"],
            "machine": "wasm32" if key == "pyodide" else "x86_64"})
        runs.append(macros.Run(declaration, result, text.wrap(by_key[key])))
    return macros.Runs(declaration, [registry.KINDS[key] for key in KEYS], runs)


def _found(version, platform, os_origin, safe_path, cached_lines):
    return {"version": version, "platform": platform, "os_origin": os_origin, "safe_path": safe_path,
            "lazy": "SyntaxError: invalid syntax (line 1, offset 6)", "lazy_modules_ignored": version < "3.15",
            "cached_lines": cached_lines}


def test_the_versions_table_has_a_row_per_interpreter_that_ran():
    versions = _versions({"cpython-3.10": _found("3.10.13", "linux", "/usr/lib/python3.10/os.py", False, 0),
                          "pyodide": _found("3.14.2", "emscripten", "frozen", True, None)})
    rows = text.restore(imports.versions_table(versions)).splitlines()
    assert rows[0].startswith("| Interpreter | `os` comes from | `-P` |") and len(rows) == 2 + 2, "3.11 did not run"
    assert rows[2] == ("| CPython 3.10.13 | `os.py` | absent | 0 marked cached | SyntaxError: invalid syntax | "
                       "a plain name |")
    assert rows[3] == ("| CPython 3.14.2 on WebAssembly | frozen code | present | not tried: no subprocesses | "
                       "SyntaxError: invalid syntax | a plain name |")


def test_a_versions_table_value_stays_text():
    found = {**_found("3.11.7", "linux", "frozen", True, 2), "lazy": "SyntaxError: <x> | y (line 1, offset 6)"}
    row = text.restore(imports.versions_table(_versions({"cpython-3.11": found}))).splitlines()[2]
    assert row.endswith("| 2 marked cached | SyntaxError: &lt;x&gt; | y | a plain name |"), \
        "escaped, cut at its position"


def _builds():
    pyenv = {"version": "3.10.13", "config_args": "'--prefix=/root/.pyenv/versions/3.10.13' '--enable-shared'",
             "debian_build": False, "free_threaded_build": False, "jit_available": False, "jit_enabled": False}
    return {"3.10": pyenv, "3.11": {**pyenv, "version": "3.11.7"},
            "3.14": {**pyenv, "version": "3.14.10", "config_args": "'--enable-shared' '--with-lto'",
                     "debian_build": True, "jit_available": True}}


def _startup_builds():
    def row(plain):
        return {"-c pass": plain, "-S -c pass": [8.0, 7.5, 9.0], "-I -c pass": [9.0, 8.0, 10.0],
                "import json": [18.0, 17.0, 19.0], "import asyncio": [50.0, 45.0, 60.0]}
    return _run({"results": {"3.10": row([20.0, 16.0, 25.0]), "3.11": row([19.0, 14.0, 22.0]),
                             "3.14": row([15.0, 12.0, 18.0])}, "rounds": 5, "builds": _builds()},
                "imports/09_startup_versions.py")


def test_the_startup_build_table_names_each_versions_build_beside_its_times():
    rows = text.restore(imports.startup_builds(_startup_builds())).splitlines()
    assert rows[0].startswith("| CPython | `-c pass` |") and len(rows) == 2 + 3
    assert rows[2] == ("| 3.10.13 | 20.0 ms (fastest 16.0) | 8.0 ms (fastest 7.5) | 50.0 ms (fastest 45.0) | "
                       "PGO off, LTO off, JIT not built, GIL |")
    assert html.unescape(rows[4]).endswith(
        "| Debian's package (its PGO and LTO are not recorded in CONFIG_ARGS), JIT built in, off, GIL |"), \
        "Debian's build says what CONFIG_ARGS cannot tell"


def test_a_startup_change_is_between_like_builds_and_names_pgo_and_lto():
    startup = _startup_builds()
    change = imports.startup_change(startup, "3.10", "3.11")
    assert round(change["median"], 3) == -0.05 and round(change["fastest"], 4) == -0.125
    assert change["alike"] and not change["optimised"] and change["build"].startswith("PGO off, LTO off")
    assert not imports.startup_change(startup, "3.11", "3.14")["alike"], "a Debian build is not like pyenv's"
    assert imports.startup_change(startup, "3.9", "3.11") is None, "a version this machine lacks"
    assert imports.unoptimised(startup) == ["3.10", "3.11"]


def test_the_frozen_table_lists_what_each_version_added():
    boot = ["_frozen_importlib", "_frozen_importlib_external", "zipimport"]
    frozen = _run({"per_version": {"3.10": boot, "3.9": boot, "3.11": sorted([*boot, "os", "site"])}},
                  "imports/06_frozen.py")
    rows = text.restore(imports.frozen_table(frozen)).splitlines()
    assert rows[2:] == ["| 3.9 | 3 | all |", "| 3.10 | 3 | none |", "| 3.11 | 5 | `os`, `site` |"], "by version"
    assert imports.frozen_since(frozen, "3.11") == ["os", "site"] and imports.frozen_since(frozen, "3.9") == []


def test_the_lazy_chart_has_the_statement_then_the_first_use_of_each_way():
    lazy = _run({"results": {"eager: import heavy": {"statement": [22.0, 20.0, 25.0], "first_use": [0.02, 0.01, 0.03]},
                             "lazy import heavy": {"statement": [0.01, 0.005, 0.02], "first_use": [21.8, 20.0, 24.0]}}},
                "imports/13_lazy.py")
    chart = text.restore(imports.lazy_chart(lazy))
    assert _titles(chart) == ["Where heavy.py's top-level code is paid for"]
    assert _bars(chart) == _approx([("eager: import heavy: statement", 22), ("eager: import heavy: first use", 0.02),
                           ("lazy import heavy: statement", 0.01), ("lazy import heavy: first use", 21.8)])


def test_the_isolated_table_says_what_each_variable_did_with_and_without_i():
    found = {"PYTHONPATH": {"plain": True, "isolated": False}, "PYTHONUSERBASE": {"plain": True, "isolated": True}}
    isolated = _run({"variables": list(found), "found": found}, "imports/15_isolated.py")
    rows = text.restore(imports.isolated_table(isolated)).splitlines()
    assert rows[2:] == ["| `PYTHONPATH` | takes effect | ignored |",
                        "| `PYTHONUSERBASE` | takes effect | takes effect |"]


# The same functions on the runs a real build recorded (tests/recorded/imports.json, `make record`): every expected
# value below is derived from the recorded data, so the tests hold on whatever machine recorded it.




# Each single bar chart of the page, the run it is called with, and the bars it should draw from that run's data:
# (label, median) in the snippet's order.
BAR_CHARTS = {
    "path_length_chart": ("length", lambda d: [(f"N = {n!s}", row[0]) for n, row in d["startup"].items()]),
    "pyc_chart": ("pyc", lambda d: [(f"{label!s}", r["median"]) for label, r in d["results"].items()]),
    "pth_chart": ("pth", lambda d: [(f"{label!s}", row[0]) for label, row in d["results"].items()]),
    "deferred_chart": ("deferred", lambda d: [(f"{label!s}", row[0]) for label, row in d["results"].items()]),
    "lazy_chart": ("lazy", lambda d: [(f"{label!s}: {part}", found[key][0]) for label, found in d["results"].items()
                                      for key, part in (("statement", "statement"), ("first_use", "first use"))]),
}


@pytest.mark.parametrize("function", BAR_CHARTS)
def test_recorded_bar_charts_have_a_bar_per_recorded_row_at_its_median(recorded, function):
    """Each of the page's bar charts draws every row of its recorded run, in order, at the row's median."""
    name, expected = BAR_CHARTS[function]
    run = recorded[name]
    if not run:
        pytest.skip(f"the recording has no `{name}` run (its interpreter was missing)")
    chart = text.restore(getattr(imports, function)(run))
    assert _bars(chart) == _approx(expected(run.data))


def test_recorded_importtime_charts_show_the_top_modules_of_each_stack(recorded):
    """The -X importtime charts title each recorded stack's module and draw self and cumulative bars per module."""
    stacks = recorded["importtime"].data["stacks"]
    chart = text.restore(imports.importtime_charts(recorded["importtime"]))
    shown = [stacks["HTTP client stack"], stacks["asyncio"]]
    assert _titles(chart) == [f"import {s['module']!s}: the {len(s['top_self'])} modules with the most self time"
                              for s in shown]
    assert _bars(chart) == _approx([bar for s in shown for name, own, total, *_ in s["top_self"]
                                    for bar in ((f"{name!s}: self", own), (f"{name!s}: cumulative", total))])


def test_recorded_startup_charts_table_and_derived_values_cover_every_version(recorded):
    """Each recorded CPython version has a bar in every start-up chart and a row of the build table, and the savings,
    slowdown and change the page states are those of the recorded medians and minimums."""
    startup = recorded["startup"]
    found = startup.data["results"]
    chart = text.restore(imports.startup_charts(startup))
    assert _bars(chart) == _approx([(f"CPython {v!s}", row[case][0]) for case, _ in imports.STARTUP_CHARTS
                                    for v, row in found.items()])
    lines = text.restore(imports.startup_builds(startup)).splitlines()
    assert len(lines) == 2 + len(found)
    for line, (version, row) in zip(lines[2:], found.items(), strict=True):
        assert recorded_pages.cells(line)[:4] == [f"{startup.data['builds'][version]['version']!s}", *(
            f"{row[case][0]:.1f} ms (fastest {row[case][1]:.1f})" for case in ("-c pass", "-S -c pass",
                                                                               "import asyncio"))]
    assert imports.site_saved(startup) == {v: row["-c pass"][1] - row["-S -c pass"][1] for v, row in found.items()}
    ratios = [row["import asyncio"][0] / row["-c pass"][0] for row in found.values()]
    assert imports.asyncio_slowdown(startup) == {"least": min(ratios), "most": max(ratios)}
    change = imports.startup_change(startup, "3.10", "3.11")
    if "3.10" in found and "3.11" in found:
        assert change["median"] == pytest.approx(found["3.11"]["-c pass"][0] / found["3.10"]["-c pass"][0] - 1)
        assert change["fastest"] == pytest.approx(found["3.11"]["-c pass"][1] / found["3.10"]["-c pass"][1] - 1)
    else:
        assert change is None


def test_recorded_frozen_table_lists_each_versions_count_and_additions(recorded):
    """A row per recorded CPython version, oldest first, with how many modules it froze and which are new."""
    per_version = recorded["frozen"].data["per_version"]
    ordered = sorted(per_version, key=lambda v: [int(part) for part in v.split(".")])
    lines = text.restore(imports.frozen_table(recorded["frozen"])).splitlines()
    expected = [[f"{v!s}", f"{len(per_version[v])}"] for v in ordered]
    assert [recorded_pages.cells(line)[:2] for line in lines[2:]] == expected
    assert recorded_pages.cells(lines[2])[2] == "all"
    for before, version, line in zip(ordered, ordered[1:], lines[3:], strict=False):
        new = [name for name in per_version[version] if name not in per_version[before]]
        assert recorded_pages.cells(line)[2] == (", ".join(f"`{name!s}`" for name in new) or "none")
        assert imports.frozen_since(recorded["frozen"], version) == new
    assert imports.frozen_since(recorded["frozen"], ordered[0]) == [], "nothing before the oldest"


def test_recorded_versions_table_has_a_row_per_interpreter_that_ran(recorded):
    """Every interpreter that ran 12_versions.py has its row, each cell from its own recorded data."""
    versions = recorded["versions"]
    lines = text.restore(imports.versions_table(versions)).splitlines()
    assert len(lines) == 2 + len(versions)
    for line, run in zip(lines[2:], versions, strict=True):
        d = run.data
        assert recorded_pages.cells(line) == [
            f"{run.label!s}", "frozen code" if d["os_origin"] == "frozen" else "`os.py`",
            "present" if d["safe_path"] else "absent",
            "not tried: no subprocesses" if d["cached_lines"] is None else f"{d['cached_lines']} marked cached",
            str(d["lazy"]).split(" (")[0], "a plain name" if d["lazy_modules_ignored"] else "makes the import lazy"]
