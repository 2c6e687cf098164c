"""The C page's own code, in milliseconds: its tables, chart and derived values, from data shaped as its snippets
write it."""

from __future__ import annotations

from types import SimpleNamespace

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
            "ctypes, once per element": [247.3, 245.5, 250.6]}
    cpython = _run({"results": ways, "suffix": ".cpython-313-x86_64-linux-gnu.so"})
    pypy = _run({"results": {k: v for k, v in ways.items() if not k.startswith("C ")},
                 "suffix": ".pypy39-pp73-x86_64-linux-gnu.so"}, "PyPy 7.3.11")
    failed = SimpleNamespace(label="CPython 3.12.1", result=SimpleNamespace(data=None))
    table = c_speed.across_table([cpython, failed, pypy]).splitlines()
    assert len(table) == 4, "no row for a run that wrote no data"
    assert table[2] == "| CPython 3.13.0 | `.cpython-313-x86_64-linux-gnu.so` | 19.5 ns | 2.4 ns | 247.3 ns |"
    assert table[3] == ("| PyPy 7.3.11 | `.pypy39-pp73-x86_64-linux-gnu.so` | 19.5 ns | not built (no `Python.h`) | "
                        "247.3 ns |")
