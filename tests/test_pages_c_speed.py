"""The C page's own code, in milliseconds: its tables, chart and derived values, from data shaped as its snippets
write it."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
import recorded_pages

from evidence import text
from pages import c_speed


def _run(data, label="CPython 3.13.0"):
    return SimpleNamespace(data=data, label=label, result=SimpleNamespace(data=data))


def _where():
    """02_where_code_lives.py's data, two distributions measured and three not installed."""
    kinds = ["compiled (.so)", "Python (.py)", "Python tests (.py)", "type stubs (.pyi)", "other"]

    def row(version, sizes, traces):
        return {"version": version, "total": sum(sizes), "share": sizes[0] / sum(sizes), "traces": traces,
                **dict(zip(kinds, sizes, strict=True))}

    return {"kinds": kinds, "absent": ["opencv-python", "tensorflow", "torch"],
            "rows": {"numpy": row("2.4.6", [30e6, 10e6, 5e6, 3e6, 2e6],
                                  {"none of these": 9, "Cython": 9, "C++": 2, "Fortran": 2}),
                     "pandas": row("3.1.1", [4e6, 4e6, 2e6, 0, 0], {"none of these": 3, "Cython": 42})},
            "bundled": "libgfortran.so.5`, `libquadmath.so.0`, `libscipy_openblas64_.so"}


def test_the_four_ways_chart_plots_nanoseconds_against_n_on_log_axes_and_states_the_finding():
    slow = [{"n": 1, "median": 1e-7, "min": 1e-7, "max": 1e-7}, {"n": 1000, "median": 1e-3, "min": 1e-3, "max": 1e-3}]
    fast = [{"n": 1, "median": 2e-7, "min": 2e-7, "max": 2e-7}, {"n": 1000, "median": 1e-5, "min": 1e-5, "max": 1e-5}]
    html = c_speed.four_ways_chart(_run({"series": {"Python loop": slow, "builtin sum()": fast}}))
    assert html.count("<polyline") == 2 and "builtin sum()" in html
    # the table lists n and nanoseconds as measured, not their logarithms: 1e-3 s is 1,000,000 ns
    assert "<td>Python loop</td><td>1</td><td>100</td>" in html
    assert "<td>Python loop</td><td>1,000</td><td>1,000,000</td>" in html
    # log axes labelled at powers of ten, with the unit on the axis
    assert ">1k</text>" in html and ">1M</text>" in html and "ns per call, log scale" in html
    assert "At n = 1,000, builtin sum() was 100 times as fast as Python loop" in html


def test_the_where_table_has_a_cell_per_kind_with_its_share_and_the_traces():
    table = c_speed.where_table(_run(_where())).splitlines()
    assert len(table) == 4 and all(line.count("|") == 9 for line in table), "8 columns in every row"
    assert table[2] == ("| numpy 2.4.6 | 50.0 MB | 30.0 MB (60%) | 10.0 MB (20%) | 5.0 MB (10%) | 3.0 MB (6%) | "
                        "2.0 MB (4%) | none of these: 9, Cython: 9, C++: 2, Fortran: 2 |")
    assert table[3].startswith("| pandas 3.1.1 | 10.0 MB | 4.0 MB (40%) |")


def test_the_bundled_libraries_are_one_name_each():
    assert c_speed.bundled(_run(_where())) == ["libgfortran.so.5", "libquadmath.so.0", "libscipy_openblas64_.so"]
    assert c_speed.bundled(_run({**_where(), "bundled": ""})) == []


def test_trace_languages_leave_out_files_without_traces():
    assert c_speed.trace_languages(_run(_where()), "numpy") == "Cython, C++, Fortran"
    assert c_speed.trace_languages(_run(_where()), "pandas") == "Cython"


def test_gil_calls_split_the_calls_by_whether_another_thread_ran():
    during = {"builtin sum(range(10**7))": False, "hashlib.sha256(64 MiB)": True, "NumPy np.sin(8M floats)": True}
    assert c_speed.gil_calls(_run({"during": during})) == {
        "released": ["hashlib.sha256(64 MiB)", "NumPy np.sin(8M floats)"], "held": ["builtin sum(range(10**7))"]}


def test_the_across_table_has_a_row_per_run_with_data_and_says_what_was_not_built():
    ways = {"Python loop": [19.52, 17.9, 21.7], "C extension, once per list": [2.375, 2.3, 2.5],
            "ctypes, once per array": [120.0, 96.0, 150.0], "ctypes, once per element": [247.3, 245.5, 250.6]}
    cpython = _run({"results": ways, "suffix": ".cpython-313-x86_64-linux-gnu.so"})
    pypy = _run({"results": {k: v for k, v in ways.items() if not k.startswith("C ")},
                 "suffix": ".pypy39-pp73-x86_64-linux-gnu.so"}, "PyPy 7.3.11")
    failed = SimpleNamespace(label="CPython 3.12.1", result=SimpleNamespace(data=None))
    table = c_speed.across_table([cpython, failed, pypy]).splitlines()
    assert len(table) == 4, "no row for a run that wrote no data"
    assert table[1] == "|---|---|---:|---:|---:|---:|"
    assert table[2] == ("| CPython 3.13.0 | `.cpython-313-x86_64-linux-gnu.so` | 19.5 ns | 2.4 ns | 120.0 ns | "
                        "247.3 ns |")
    assert table[3] == ("| PyPy 7.3.11 | `.pypy39-pp73-x86_64-linux-gnu.so` | 19.5 ns | not built (no `Python.h`) | "
                        "120.0 ns | 247.3 ns |")


def _abi():
    """07_stable_abi_tags.py's data: an old CPython whose tags were not computed, a free-threaded 3.13 and a 3.15."""
    wheels = ["example-1.0-cp312-abi3-manylinux_2_17_x86_64.whl",
              "example-1.0-cp315-abi3.abi3t-manylinux_2_17_x86_64.whl"]

    def row(version, threaded, suffixes, **tags):
        return {"version": version, "free_threaded": threaded, "abiflags": "t" if threaded else "",
                "soabi": f"cpython-3{version.split('.')[1]}{'t' if threaded else ''}-x86_64-linux-gnu",
                "suffixes": suffixes, "label": f"CPython {version}" + (" free-threaded" if threaded else ""), **tags}

    # wrapped as the engine wraps a snippet's data: every string is text, formatted as a token
    return text.wrap({"packaging": "26.3", "needs": ">=3.9", "wheels": wheels, "rows": [
        row("3.8.18", False, [".cpython-38-x86_64-linux-gnu.so", ".abi3.so", ".so"]),
        row("3.13.5", True, [".cpython-313t-x86_64-linux-gnu.so", ".abi3.so", ".so"], tags=1060,
            order=["cp313-cp313t", "cp313-abi3t", "cp313-none", "cp312-abi3t", "cp311-abi3t"],
            abis=["abi3t", "cp313t", "none"], installs=dict.fromkeys(wheels, False)),
        row("3.15.2", False, [".cpython-315-x86_64-linux-gnu.so", ".abi3-x86_64-linux-gnu.so", ".abi3.so",
                              ".abi3t-x86_64-linux-gnu.so", ".abi3t.so", ".so"], tags=1437,
            order=["cp315-cp315", "cp315-abi3", "cp315-none", "cp314-abi3", "cp313-abi3"],
            abis=["abi3", "cp315", "none"], installs=dict.fromkeys(wheels, True))]})


def test_stable_abi_sorts_the_interpreters_by_what_they_import_and_install():
    found = c_speed.stable_abi(_run(_abi()))
    assert found["abi3_files"] == ["CPython 3.8.18", "CPython 3.13.5 free-threaded", "CPython 3.15.2"]
    assert found["no_abi3_files"] == [] and found["abi3t_files"] == ["CPython 3.15.2"]
    assert found["abi3_tags"] == ["CPython 3.15.2"] and found["abi3t_tags"] == ["CPython 3.13.5 free-threaded"]
    assert found["untagged"] == ["CPython 3.8.18"]
    assert found["platform_named"] == ["CPython 3.15.2"] and found["early_platform_named"] == []
    assert found["installs"] == {"cp312-abi3": ["CPython 3.15.2"], "cp315-abi3.abi3t": ["CPython 3.15.2"]}
    assert found["older_abi3t"] == {"3.13t": "cp312-abi3t"}
    assert sorted(found["by"]) == ["3.13t", "3.15", "3.8"] and found["by"]["3.13t"]["version"] == "3.13.5"


def test_the_stable_abi_table_has_a_row_per_interpreter_and_a_column_per_example_wheel():
    table = text.restore(c_speed.stable_abi_table(_run(_abi()))).splitlines()
    assert len(table) == 5 and all(line.count("|") == 6 for line in table), "5 columns in every row"
    assert table[0].endswith("| installs `cp312-abi3` | installs `cp315-abi3.abi3t` |")
    assert table[2] == ("| CPython 3.8.18 | `.abi3.so` | not computed: packaging 26.3 "
                        "needs Python &gt;=3.9 | not computed | not computed |")  # escaped for HTML
    assert table[3] == ("| CPython 3.13.5 free-threaded | `.abi3.so` | `cp313-cp313t`, `cp313-abi3t`, `cp313-none`, … "
                        "| no | no |")
    assert table[4].startswith("| CPython 3.15.2 | `.abi3-x86_64-linux-gnu.so` "
                               "`.abi3.so` `.abi3t-x86_64-linux-gnu.so` `.abi3t.so` | ")
    assert table[4].endswith(" | yes | yes |")


def test_the_verdict_asserts_numpy_mostly_compiled_and_pandas_not():
    assert c_speed.verdict(_run(_where())) == {"numpy": 0.6, "pandas": 0.4}
    pandas_mostly_compiled = _where()
    pandas_mostly_compiled["rows"]["pandas"]["share"] = 0.7
    with pytest.raises(AssertionError, match="minority of pandas"):
        c_speed.verdict(_run(pandas_mostly_compiled))
    numpy_mostly_python = _where()
    numpy_mostly_python["rows"]["numpy"]["share"] = 0.4
    with pytest.raises(AssertionError, match="most of NumPy"):
        c_speed.verdict(_run(numpy_mostly_python))


# The same functions on the runs a real build recorded (tests/recorded/c-speed.json, `make record`): every expected
# value below is derived from the recorded data, so the tests hold on whatever machine recorded it.





def test_recorded_four_ways_chart_plots_every_point_and_titles_the_largest_n(recorded):
    """Each recorded way is a line with a point per size, and the title names the fastest and slowest at the top."""
    series = recorded["ways"].data["series"]
    chart = recorded_pages.shown(c_speed.four_ways_chart(recorded["ways"]))
    assert chart.count("<polyline") == len(series)
    points = [re.findall(r"<td>([^<]*)</td>", row) for row in re.findall(r"<tr>(<td>.*?)</tr>", chart)]
    assert [row[0] for row in points] == [f"{name!s}" for name, pts in series.items() for _ in pts]
    assert [float(row[2].replace(",", "")) for row in points] == pytest.approx(
        [p["median"] * 1e9 for pts in series.values() for p in pts], rel=0.05), "ns per call, as measured"
    largest = max(p["n"] for pts in series.values() for p in pts)
    ns = {f"{name!s}": p["median"] for name, pts in series.items() for p in pts if p["n"] == largest}
    fastest, slowest = min(ns, key=ns.get), max(ns, key=ns.get)
    title = f"At n = {largest:,}, {fastest} was {ns[slowest] / ns[fastest]:,.0f} times as fast as {slowest}"
    assert re.search(r"<figcaption>([^<]*)</figcaption>", chart)[1] == title


def test_recorded_where_table_verdict_and_bundled_libraries(recorded):
    """Every recorded distribution has its row of sizes and shares; the verdict holds and returns their shares."""
    where = recorded["where"]
    rows, kinds = where.data["rows"], where.data["kinds"]
    lines = recorded_pages.shown(c_speed.where_table(where)).splitlines()
    assert len(lines) == 2 + len(rows)
    assert recorded_pages.cells(lines[0])[2:-1] == [f"{k!s}" for k in kinds]
    for line, (name, row) in zip(lines[2:], rows.items(), strict=True):
        assert recorded_pages.cells(line)[:-1] == [f"{name!s} {row['version']!s}", f"{row['total'] / 1e6:.1f} MB",
                                     *(f"{row[k] / 1e6:.1f} MB ({row[k] / row['total']:.0%})" for k in kinds)]
        assert recorded_pages.cells(line)[-1] == ", ".join(f"{k!s}: {n}" for k, n in row["traces"].items())
    assert c_speed.verdict(where) == {"numpy": rows["numpy"]["share"], "pandas": rows["pandas"]["share"]}
    assert "`, `".join(c_speed.bundled(where)) == where.data["bundled"]
    languages = recorded_pages.shown(c_speed.trace_languages(where, "numpy"))
    assert (languages.split(", ") if languages else []) == [k for k in rows["numpy"]["traces"] if k != "none of these"]


def test_recorded_across_table_has_a_row_per_interpreter_with_its_ns_per_element(recorded):
    """Each interpreter that ran 03_own_c.py has its row: its suffix and the median ns of each way, or why not."""
    across = [run for run in recorded["across"] if run.result.data is not None]
    lines = recorded_pages.shown(c_speed.across_table(recorded["across"])).splitlines()
    assert len(lines) == 2 + len(across)
    for line, run in zip(lines[2:], across, strict=True):
        res = run.data["results"]
        assert recorded_pages.cells(line) == [f"{run.label!s}", f"`{run.data['suffix']!s}`",
                                *(f"{res[way][0]:.1f} ns" if way in res else "not built (no `Python.h`)"
                                  for way in c_speed.ACROSS_WAYS)]


def test_recorded_stable_abi_table_and_findings_cover_every_interpreter(recorded):
    """The stable-ABI table has a row per CPython that ran, and stable_abi sorts those same labels."""
    abi = recorded["abi"]
    rows, wheels = abi.data["rows"], abi.data["wheels"]
    lines = recorded_pages.shown(c_speed.stable_abi_table(abi)).splitlines()
    assert len(lines) == 2 + len(rows)
    for line, row in zip(lines[2:], rows, strict=True):
        cells = recorded_pages.cells(line)
        assert cells[0] == f"{row['label']!s}" and len(cells) == 3 + len(wheels)
        assert cells[3:] == (["yes" if row["installs"][w] else "no" for w in wheels] if "tags" in row
                             else ["not computed"] * len(wheels))
    found = c_speed.stable_abi(abi)
    labels = [row["label"] for row in rows]
    assert sorted(found["abi3_files"] + found["no_abi3_files"]) == sorted(labels)
    assert found["untagged"] == [row["label"] for row in rows if "tags" not in row]
    assert list(found["installs"].values()) == [
        [row["label"] for row in rows if row.get("installs", {}).get(w)] for w in wheels]
    assert len(found["by"]) == len(rows), "one key per interpreter"


def test_recorded_gil_calls_split_every_call_by_whether_another_thread_ran(recorded):
    """Every recorded call is either released or held, as the snippet saw another thread run during it or not."""
    during = recorded["threads"].data["during"]
    calls = c_speed.gil_calls(recorded["threads"])
    assert calls["released"] + calls["held"] == sorted(during, key=lambda name: not during[name])
    assert all(during[name] for name in calls["released"]) and not any(during[name] for name in calls["held"])
