"""The "Python everywhere" page's own code, in milliseconds: its tables, charts and derived values, from data shaped
as its snippets write it."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from recorded_pages import escaped

from evidence import charts, macros, registry, text
from pages import everywhere

ACROSS = ["cpython-3.11", "cpython-3.12", "cpython-3.13", "cpython-3.14", "cpython-3.15", "pypy"]


def _run(data, declaration=None, result=None):
    """A declared run as the page's template hands it over: its data's strings are text, as the engine makes them."""
    declaration = declaration or macros.Declaration("run", "everywhere/06_stacks.py", {"timing": True})
    return macros.Run(declaration, result or SimpleNamespace(data=text.wrap(data)), text.wrap(data))


def _dist(so, py, other, rust=False, bundled=0, names=(), version="1.0", tags=("py3-none-any",), requires=">=3.9"):
    """One distribution of a 06_stacks.py row."""
    return {"so": so, "py": py, "other": other, "rust": rust, "bundled": bundled, "bundled_names": list(names),
            "version": version, "tags": list(tags), "requires_python": requires}


def _row(modules, import_ms, dists):  # one job of 06_stacks.py: its sizes are its distributions' sums
    sizes = {kind: sum(d[kind] for d in dists.values()) for kind in ("so", "py", "other")}
    total = sum(sizes.values())
    return {"modules": modules, "import_ms": import_ms, "import_min": import_ms - 1, "import_max": import_ms + 2,
            "process_ms": import_ms + 20, "loaded": 100, "compiled_modules": 10, "dists": dists,
            "compiled_share": sizes["so"] / total if total else None, **sizes}


def _stacks(python="3.11.7", numpy_version="2.4.6", tag="cp311-cp311-manylinux_2_28_x86_64", requires=">=3.11",
            scale=1.0):
    """06_stacks.py's data: five jobs, the web stack with one compiled (Rust) distribution of three; import times
    multiplied by `scale`."""
    numpy = _dist(6_000_000, 3_000_000, 1_000_000, bundled=3_000_000, names=["libgfortran", "libquadmath"],
                  version=numpy_version, tags=[tag], requires=requires)
    return {"cpus": 2, "timer": 1e-9, "python": python, "bare_ms": 10.0 * scale, "runs": 3, "rows": {
        "Web API": _row("fastapi,pydantic", 200.0 * scale, {"fastapi": _dist(0, 900_000, 100_000),
                                                    "pydantic_core": _dist(3_000_000, 500_000, 500_000, rust=True),
                                                    "starlette": _dist(0, 250_000, 0)}),
        "Data pipeline": _row("pandas", 260.0 * scale, {"numpy": numpy, "pandas": _dist(2_000_000, 2_000_000, 0)}),
        "ML fit": _row("numpy", 70.0 * scale, {"numpy": numpy}),
        "DevOps script": _row("pathlib,shutil", 16.0 * scale, {}),
        "Cloud function": _row("json", 11.0 * scale, {})}}


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
    runs = [ran, missing, failed, missing, missing, missing]
    across = macros.Runs(declaration, [registry.KINDS[key] for key in ACROSS], runs)
    rows = text.restore(everywhere.across_table(across)).splitlines()
    assert len(rows) == 2 + len(ACROSS)
    assert rows[2] == "| CPython 3.11.7 | 22.5 ms (20.1\u201325.0) | 12.5 ms | 8.2 µs |"
    assert rows[3] == f"| {registry.KINDS['cpython-3.12'].title} | not on this machine | | |"
    assert rows[4] == f"| {registry.KINDS['cpython-3.13'].title} | failed (exit 1) | | |"


def _web():  # 01_web_api.py: µs per request, through the test client and as a bare ASGI call
    timing = {"TestClient": {"def": {"median": 800.0, "min": 700.0, "max": 2000.0},
                             "async def": {"median": 700.0, "min": 650.0, "max": 1500.0}},
              "ASGI call": {"def": {"median": 200.0, "min": 150.0, "max": 900.0},
                            "async def": {"median": 50.0, "min": 40.0, "max": 300.0}}}
    return _run({"timings": timing, "median_us": "800"})


def test_the_web_table_has_a_row_per_way_of_calling_and_kind_of_route():
    rows = text.restore(everywhere.web_table(_web())).splitlines()
    assert len(rows) == 2 + 4 and all(row.count("|") == 6 for row in rows)
    assert rows[2] == "| TestClient | `def` | 800 µs | 700 µs | 2000 µs |"
    assert rows[5] == "| ASGI call | `async def` | 50 µs | 40 µs | 300 µs |"


def test_the_web_split_is_the_clients_part_and_the_worker_thread_hop():
    split = everywhere.web_split(_web())
    assert (split["client_us"], split["client_share"], split["hop_us"]) == (600.0, 0.75, 150.0)



FINGERPRINTS = {"build": {"implementation": "CPython", "version": "3.11.7", "config_args": "'--enable-shared'"},
                "cpython-3.15": {"implementation": "CPython", "version": "3.15.2", "debian_build": True,
                                 "config_args": "'--enable-shared' '--enable-experimental-jit=yes-off'"}}
NEWER = {"python": "3.15.2", "numpy_version": "2.5.5", "tag": "cp315-cp315-manylinux_2_28_x86_64",
         "requires": ">=3.12", "scale": 0.5}


def _stacks_on(key, data):
    """06_stacks.py's run on the build's Python or on CPython 3.15, as the page's template hands it over."""
    declaration = macros.Declaration(key, "everywhere/06_stacks.py", {"timing": True})
    return _run(data, declaration, SimpleNamespace(data=data, interpreter=FINGERPRINTS[key]))


def test_the_versions_table_compares_each_job_on_both_interpreters():
    older, newer = _stacks_on("build", _stacks()), _stacks_on("cpython-3.15", _stacks(**NEWER))
    rows = text.restore(everywhere.versions_table(older, newer)).splitlines()
    assert rows[0] == "| Job | CPython 3.11.7 | CPython 3.15.2 | newer / older |"
    assert len(rows) == 2 + 1 + 5 and all(row.count("|") == 5 for row in rows)
    assert rows[2] == "| interpreter alone (`python -c pass`) | 10 ms | 5 ms | 0.50 |"
    assert rows[3] == "| Web API | 200 ms (199\u2013202) | 100 ms (99\u2013102) | 0.50 |"


def test_the_version_pair_says_how_each_was_built_and_which_numpy_each_got():
    older, newer = _stacks_on("build", _stacks()), _stacks_on("cpython-3.15", _stacks(**NEWER))
    pair = everywhere.version_pair(older, newer)
    assert (pair["old"]["numpy"], pair["new"]["numpy"], pair["new"]["numpy_python"]) == ("2.4.6", "2.5.5", ">=3.12")
    assert pair["old"]["built"].startswith("PGO off, LTO off") and pair["new"]["built"].startswith("Debian's package")
    assert pair["new"]["numpy_tag"].startswith("cp315") and pair["excludes_old"]
    assert not everywhere.version_pair(older, _stacks_on("cpython-3.15", _stacks(requires=">=3.11")))["excludes_old"]


def test_a_requires_python_of_lower_bounds_is_checked_against_a_version():
    assert everywhere._satisfies("3.11.7", ">=3.11") and not everywhere._satisfies("3.11.7", ">=3.12")
    assert everywhere._satisfies("3.15.2", ">=3.12,<4") and everywhere._satisfies("3.9.1", "")


def test_the_verdict_asserts_that_importing_pandas_costs_more_than_an_empty_interpreter():
    found = everywhere.verdict(_run(_stacks()))
    assert found == {"pandas_ms": 260.0, "pandas_x": 26.0}
    cheap = _stacks()
    cheap["rows"]["Data pipeline"]["import_ms"] = 9.0
    with pytest.raises(AssertionError, match="importing pandas costs more"):
        everywhere.verdict(_run(cheap))
    compiled_fastapi = _stacks()
    compiled_fastapi["rows"]["Web API"]["dists"]["fastapi"]["so"] = 1
    with pytest.raises(AssertionError, match="FastAPI is pure Python"):
        everywhere.verdict(_run(compiled_fastapi))


# The same functions on the runs a real build recorded (tests/recorded/everywhere.json): every expected value is
# derived from the recording, which `make record` rewrites on whatever machine runs it.




def _chart_rows(chart: str, rows: list[tuple]) -> None:
    """Every (label, median, low, high) is a bar and a row of the chart's table, at the chart's one precision."""
    assert chart.count('class="chart-bar"') == len(rows)
    places = charts.decimals([median for _, median, _, _ in rows])
    for label, *values in rows:
        cells = "".join(f"<td>{value:,.{places}f}</td>" for value in values)
        assert f"<td>{escaped(label)}</td>{cells}" in chart, label


def test_the_recorded_devops_and_stacks_charts_have_a_bar_per_step_and_per_job(recorded):
    devops, stacks = recorded["devops"].data, recorded["stacks"].data
    chart = text.restore(everywhere.devops_chart(recorded["devops"]))
    _chart_rows(chart, [(step, *values) for step, values in devops["steps"].items()])
    assert f"over {devops['repeats']} runs" in chart
    chart = text.restore(everywhere.stacks_chart(recorded["stacks"]))
    _chart_rows(chart, [(job, r["import_ms"], r["import_min"], r["import_max"]) for job, r in stacks["rows"].items()])
    assert f"Median of {stacks['runs']} runs for each job" in chart


def test_the_recorded_stacks_table_has_a_row_per_job_with_each_distributions_compiled_share(recorded):
    jobs = recorded["stacks"].data["rows"]
    rows = text.restore(everywhere.stacks_table(recorded["stacks"])).splitlines()[2:]
    assert [row.split(" | ")[0] for row in rows] == [f"| {escaped(job)}" for job in jobs], "one row per job, in order"
    for (job, r), row in zip(jobs.items(), rows, strict=True):
        cells = row[2:-2].split(" | ")
        assert cells[1] == ", ".join(f"`{escaped(m)}`" for m in str(r["modules"]).split(","))
        assert cells[2] == f"{r['import_ms']:.0f} ms ({r['import_min']:.0f}\u2013{r['import_max']:.0f})"
        shares = {d: v["so"] / (v["so"] + v["py"] + v["other"]) for d, v in r["dists"].items()}
        assert cells[4] == (", ".join(f"{escaped(d)} {share:.0%}" for d, share in shares.items())
                            or "standard library"), job
        total = r["so"] + r["py"] + r["other"]
        assert cells[5] == ("—" if not total else f"{r['so'] / total:.0%} of {total / 1e6:.1f} MB"), job


def test_the_recorded_across_table_has_a_row_per_interpreter_of_the_group(recorded):
    across = recorded["across"]
    rows = text.restore(everywhere.across_table(across)).splitlines()[2:]
    assert len(rows) == len(across.kinds), "one row per interpreter of the group, run or not"
    for kind, run, row in zip(across.kinds, across.all, rows, strict=True):
        if not run:
            assert row == f"| {escaped(kind.title)} | not on this machine | | |"
        elif run.result.data is None:
            assert row.startswith(f"| {escaped(kind.title)} | failed (exit ")
        else:
            d = {key: escaped(value) for key, value in run.data.items()}
            assert row == (f"| {escaped(run.label)} | {d['cold_ms']} ms ({d['cold_min']}\u2013{d['cold_max']}) | "
                           f"{d['bare_ms']} ms | {d['warm_us']} µs |")


def test_the_recorded_web_table_and_split_agree_with_the_request_timings(recorded):
    timings = recorded["web"].data["timings"]
    rows = text.restore(everywhere.web_table(recorded["web"])).splitlines()[2:]
    expected = [f"| {escaped(way)} | `{escaped(kind)}` | {t['median']:.0f} µs | {t['min']:.0f} µs | {t['max']:.0f} µs |"
                for way, routes in timings.items() for kind, t in routes.items()]
    assert rows == expected, "one row per way of calling and kind of route"
    split = everywhere.web_split(recorded["web"])
    client, bare = timings["TestClient"]["def"]["median"], timings["ASGI call"]["def"]["median"]
    assert split["client_us"] == pytest.approx(client - bare)
    assert split["client_share"] == pytest.approx((client - bare) / client)
    assert split["hop_us"] == pytest.approx(bare - timings["ASGI call"]["async def"]["median"])


def test_the_recorded_stacks_hold_the_verdict_and_the_web_stack_and_version_figures_agree(recorded):
    stacks, older = recorded["stacks"], recorded["stacks_old"]
    d = stacks.data
    verdict = everywhere.verdict(stacks)  # raises AssertionError if a claim fails
    pandas_ms = d["rows"]["Data pipeline"]["import_ms"]
    assert verdict == {"pandas_ms": pandas_ms, "pandas_x": pytest.approx(pandas_ms / d["bare_ms"])}
    assert everywhere.import_over_bare(stacks) == {job: pytest.approx(r["import_ms"] / d["bare_ms"])
                                                   for job, r in d["rows"].items()}
    web = d["rows"]["Web API"]["dists"]
    found = everywhere.web_stack(stacks)
    compiled = [name for name, v in web.items() if v["so"]]
    assert (found["count"], found["pure"]) == (len(web), len(web) - len(compiled))
    assert [c["name"] for c in found["compiled"]] == compiled and "pydantic_core" in compiled
    assert everywhere.bundled_mb(stacks) * 1e6 == pytest.approx(d["rows"]["ML fit"]["dists"]["numpy"]["bundled"])
    if not older:
        return
    rows = text.restore(everywhere.versions_table(older, stacks)).splitlines()
    assert rows[0] == f"| Job | {escaped(older.label)} | {escaped(stacks.label)} | newer / older |"
    assert rows[2].endswith(f"| {d['bare_ms'] / older.data['bare_ms']:.2f} |")
    assert [row.split(" | ")[0] for row in rows[3:]] == [f"| {escaped(job)}" for job in older.data["rows"]]
    for job, row in zip(older.data["rows"], rows[3:], strict=True):
        ratio = d["rows"][job]["import_ms"] / older.data["rows"][job]["import_ms"]
        assert row.endswith(f"| {ratio:.2f} |"), job
    pair = everywhere.version_pair(older, stacks)
    for side, run in (("old", older), ("new", stacks)):
        numpy = run.data["rows"]["ML fit"]["dists"]["numpy"]
        assert (pair[side]["label"], pair[side]["numpy"], pair[side]["numpy_tag"]) == \
            (run.label, numpy["version"], numpy["tags"][0])
    bounds = re.findall(r">=\s*(\d+)\.(\d+)", str(d["rows"]["ML fit"]["dists"]["numpy"]["requires_python"]))
    python = tuple(int(n) for n in str(older.data["python"]).split(".")[:2])
    assert pair["excludes_old"] == any(python < (int(a), int(b)) for a, b in bounds)
