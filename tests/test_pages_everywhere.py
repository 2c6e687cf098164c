"""The "Python everywhere" page's own code, in milliseconds: its tables, charts and derived values, from data shaped
as its snippets write it."""

from __future__ import annotations

from types import SimpleNamespace

from evidence import macros, registry, text
from pages import everywhere

ACROSS = ["cpython-3.11", "cpython-3.12", "cpython-3.13", "pypy"]


def _run(data, declaration=None, result=None):
    """A declared run as the page's template hands it over: its data's strings are text, as the engine makes them."""
    declaration = declaration or macros.Declaration("run", "everywhere/06_stacks.py", {"timing": True})
    return macros.Run(declaration, result or SimpleNamespace(data=text.wrap(data)), text.wrap(data))


def _dist(so, py, other, rust=False, bundled=0, names=()):  # one distribution of a 06_stacks.py row
    return {"so": so, "py": py, "other": other, "rust": rust, "bundled": bundled, "bundled_names": list(names)}


def _row(modules, import_ms, dists):  # one job of 06_stacks.py: its sizes are its distributions' sums
    sizes = {kind: sum(d[kind] for d in dists.values()) for kind in ("so", "py", "other")}
    total = sum(sizes.values())
    return {"modules": modules, "import_ms": import_ms, "import_min": import_ms - 1, "import_max": import_ms + 2,
            "process_ms": import_ms + 20, "loaded": 100, "compiled_modules": 10, "dists": dists,
            "compiled_share": sizes["so"] / total if total else None, **sizes}


def _stacks():
    """06_stacks.py's data: five jobs, the web stack with one compiled (Rust) distribution of three."""
    numpy = _dist(6_000_000, 3_000_000, 1_000_000, bundled=3_000_000, names=["libgfortran", "libquadmath"])
    return {"cpus": 2, "timer": 1e-9, "bare_ms": 10.0, "runs": 3, "rows": {
        "Web API": _row("fastapi,pydantic", 200.0, {"fastapi": _dist(0, 900_000, 100_000),
                                                    "pydantic_core": _dist(3_000_000, 500_000, 500_000, rust=True),
                                                    "starlette": _dist(0, 250_000, 0)}),
        "Data pipeline": _row("pandas", 260.0, {"numpy": numpy, "pandas": _dist(2_000_000, 2_000_000, 0)}),
        "ML fit": _row("numpy", 70.0, {"numpy": numpy}),
        "DevOps script": _row("pathlib,shutil", 16.0, {}),
        "Cloud function": _row("json", 11.0, {})}}


def test_the_devops_chart_has_a_bar_per_step_with_the_repeats_in_its_caption():
    steps = {"create logs (pathlib)": [10.0, 9.0, 12.0], "pack (shutil.make_archive)": [30.0, 28.0, 35.0]}
    html = text.restore(everywhere.devops_chart(_run({"steps": steps, "repeats": 5})))
    assert html.count('class="chart-bar"') == 2 and "create logs (pathlib)" in html and "30 ms" in html
    assert "over 5 runs" in html


def test_the_stacks_table_has_a_row_per_job_with_shares_of_each_distribution_and_of_the_stack():
    rows = text.restore(everywhere.stacks_table(_run(_stacks()))).splitlines()
    assert len(rows) == 2 + 5 and all(row.count("|") == 7 for row in rows), "6 columns in every row"
    assert rows[2] == ("| Web API | `fastapi`, `pydantic` | 200 ms (199\u2013202) | 100 (10) | fastapi 0%, "
                       "pydantic_core 75%, starlette 0% | 57% of 5.2 MB |")
    assert rows[4].startswith("| ML fit | `numpy` | 70 ms (69\u201372) |")
    assert rows[4].endswith("| numpy 60% | 60% of 10.0 MB |")
    assert rows[5] == "| DevOps script | `pathlib`, `shutil` | 16 ms (15\u201318) | 100 (10) | standard library | — |"


def test_the_stacks_chart_has_a_bar_per_job_with_the_run_count_in_its_caption():
    html = text.restore(everywhere.stacks_chart(_run(_stacks())))
    assert html.count('class="chart-bar"') == 5 and "Median of 3 runs for each job" in html
    assert "<td>Data pipeline</td><td>260</td><td>259</td><td>262</td>" in html


def test_the_web_stack_counts_pure_python_distributions_and_lists_the_compiled_ones():
    web = everywhere.web_stack(_run(_stacks()))
    assert (web["count"], web["pure"]) == (3, 2)
    assert web["compiled"] == [{"name": "pydantic_core", "share": 0.75, "rust": True}]


def test_numpy_bundles_megabytes_and_imports_cost_multiples_of_an_empty_interpreter():
    assert everywhere.bundled_mb(_run(_stacks())) == 3.0
    times = everywhere.import_over_bare(_run(_stacks()))
    assert list(times) == ["Web API", "Data pipeline", "ML fit", "DevOps script", "Cloud function"]
    assert (times["Web API"], times["ML fit"]) == (20.0, 7.0)


def _cloud(cold):  # 05_cloud_function.py
    return {"cold_ms": cold, "cold_min": "20.1", "cold_max": "25.0", "bare_ms": "12.5", "warm_us": "8.2",
            "ratio": "2800", "repeats": 9, "cpus": 2, "timer": 1e-9}


def test_the_across_table_has_a_row_per_interpreter_run_failed_or_missing():
    declaration = macros.Declaration("across", "everywhere/05_cloud_function.py", {"each": ACROSS, "timing": True})
    fingerprint = {"implementation": "CPython", "version": "3.11.7"}
    ran = _run(_cloud("22.5"), declaration, SimpleNamespace(data=_cloud("22.5"), interpreter=fingerprint))
    failed = macros.Run(declaration, SimpleNamespace(data=None, exit_code=1), None)
    missing = macros.Run(declaration, None)
    across = macros.Runs(declaration, [registry.KINDS[key] for key in ACROSS], [ran, missing, failed, missing])
    rows = text.restore(everywhere.across_table(across)).splitlines()
    assert len(rows) == 2 + len(ACROSS)
    assert rows[2] == "| CPython 3.11.7 | 22.5 ms (20.1\u201325.0) | 12.5 ms | 8.2 µs |"
    assert rows[3] == f"| {registry.KINDS['cpython-3.12'].title} | not on this machine | | |"
    assert rows[4] == f"| {registry.KINDS['cpython-3.13'].title} | failed (exit 1) | | |"
