"""The implementations page's own code, in milliseconds: its claims and tables, from runs shaped as its snippets'."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import recorded_pages
from recorded_pages import escaped

from evidence import charts, macros, registry, text
from pages import implementations as impl


def _runs(snippet: str, outputs: dict, data: dict | None = None, version: str = "3.11.7", others: float | None = None):
    """A declaration with `each:` over the given registry keys, each run printing its output (and writing data), while
    other programs used `others` of the machine's CPU time (None: not measured)."""
    keys = list(outputs)
    declaration = macros.Declaration("each", snippet, {"each": keys})
    runs = []
    for key in keys:
        found = (data or {}).get(key)
        result = SimpleNamespace(output=outputs[key], data=found, others_cpu=others,
                                 interpreter={"implementation": key, "version": version, "host": {"cpu_count": 2}})
        runs.append(macros.Run(declaration, result, text.wrap(found)))
    return macros.Runs(declaration, [registry.KINDS[key] for key in keys], runs)


def _identity(name, own, language):
    return (f"platform.python_implementation(): {name}\nsys.implementation.name: {name.lower()}\n"
            f"sys.implementation.version: {own}\nsys.version_info: {language}\nsys.platform: linux\n"
            "platform.machine(): x86_64\n")


def test_identity_checks_what_the_page_says_of_own_and_language_versions():
    found = impl.identity(_runs("implementations/01_identity.py", {
        "build": _identity("CPython", "3.11.7", "3.11.7"), "pypy": _identity("PyPy", "7.3.11", "3.9.16")}))
    assert found["pypy"]["sys.implementation.version"] == "7.3.11"
    with pytest.raises(AssertionError, match="own version and the language version agree"):
        impl.identity(_runs("implementations/01_identity.py", {"build": _identity("CPython", "3.11.7", "3.12.0")}))
    with pytest.raises(AssertionError, match="differs from the language version"):
        impl.identity(_runs("implementations/01_identity.py", {"pypy": _identity("PyPy", "3.9.16", "3.9.16")}))


def test_how_it_runs_asserts_that_cpython_and_pypy_compile_to_different_bytecode():
    cpython = "dis: 4 instructions: RESUME LOAD_FAST BINARY_OP RETURN_VALUE\nthreads: a second thread ran\n"
    pypy = "dis: 4 instructions: LOAD_FAST LOAD_FAST BINARY_ADD RETURN_VALUE\npypyjit: importable\n"
    newest = registry.newest("newest-cpython")  # the CPython the page compares, whichever key it has here
    runs = _runs("implementations/02_how_it_runs.py", {newest: cpython, "pypy": pypy})
    assert set(impl.how(runs)) == {"cpython", "pypy"}
    listed = impl.how_list(runs)
    assert "compiles `add` to 4 instructions" in listed and "has the `pypyjit` module" in listed
    assert impl.no_threads(runs) == [runs[1].label], "PyPy printed no threads answer"
    with pytest.raises(AssertionError, match="different bytecode"):
        impl.how(_runs("implementations/02_how_it_runs.py", {newest: cpython, "pypy": cpython}))


def _warmup(first, ms):
    return {"implementation": "", "first": first, "steady": sorted(ms[-10:])[5], "ms": ms, "n": 40000}


def test_the_jit_story_asserts_both_claims_and_finds_where_pypy_settled():
    c = {**_warmup(18.0, [18.0] * 30), "implementation": "cpython"}
    p = {**_warmup(9.0, [9.0, 5.0, 1.0, *[1.0] * 27]), "implementation": "pypy"}
    story = impl.jit_story(_runs("implementations/06_jit_warmup.py", {"build": "", "pypy": ""},
                                 {"build": c, "pypy": p}))
    assert (story["settled"], story["stray"], story["ratio"]) == (2, None, 18.0)
    slow = {**p, "ms": [9.0] + [12.0] * 29, "steady": 12.0}
    with pytest.raises(AssertionError, match="faster than CPython"):
        impl.jit_story(_runs("implementations/06_jit_warmup.py", {"build": "", "pypy": ""},
                             {"build": c, "pypy": slow}))
    assert impl.jit_story(_runs("implementations/06_jit_warmup.py", {"build": ""}, {"build": c})) is None


def test_c_bound_asserts_no_large_speed_up_for_work_done_in_c():
    def tasks(loop, sha):
        return {"tasks": {impl.LOOP: {"median": loop}, "hashlib.sha256, 32 MiB": {"median": sha}}}

    def runs(c, p, others=0.0):
        return _runs("implementations/07_c_bound.py", {"build": "", "pypy": ""},
                     {"build": {**c, "implementation": "cpython"}, "pypy": {**p, "implementation": "pypy"}},
                     others=others)

    story = impl.c_bound(runs(tasks(20.0, 30.0), tasks(2.0, 31.0)))
    assert story["loop"] == 10.0 and story["in_c"] == "0.97 for hashlib.sha256"
    assert story["quiet"] and story["bound"] == impl.TIMES
    with pytest.raises(AssertionError, match=r"no large speed-up to work done in C \(.*: CPython took 1\.60 times"):
        impl.c_bound(runs(tasks(20.0, 32.0), tasks(2.0, 20.0)))
    # A busy machine slows whichever run it coincides with: then only the looser bound is held, and said.
    for busy in (0.5, None):
        story = impl.c_bound(runs(tasks(20.0, 32.0), tasks(2.0, 20.0), others=busy))
        assert not story["quiet"] and story["bound"] == impl.IN_C and story["others"] == busy
    with pytest.raises(AssertionError, match="no large speed-up to work done in C"):
        impl.c_bound(runs(tasks(20.0, 30.0), tasks(2.0, 10.0), others=0.5))
    with pytest.raises(AssertionError, match="far more than work done in C"):
        impl.c_bound(runs(tasks(20.0, 30.0), tasks(8.0, 30.0)))


def test_the_versions_report_spans_consecutive_versions_and_names_first_and_last_sightings():
    outputs = {"cpython-3.10": "", "cpython-3.11": "", "cpython-3.12": ""}
    names = {"cpython-3.10": ["BINARY_ADD", "RETURN_VALUE"], "cpython-3.11": ["BINARY_OP", "RESUME", "RETURN_VALUE"],
             "cpython-3.12": ["BINARY_OP", "RESUME", "RETURN_VALUE"]}
    runs = _runs("implementations/08_bytecode_versions.py", outputs, {k: {"opnames": v} for k, v in names.items()})
    for run, key in zip(runs, names, strict=True):
        run.result.interpreter["version"] = key.removeprefix("cpython-") + ".0"
    report = impl.versions_report(runs)
    assert "| `BINARY_OP` | 3.11\u20133.12 |" in report and "| `BINARY_ADD` | 3.10 |" in report
    assert "A `RESUME` instruction at the start of every function: first seen in **3.11**." in report
    assert "Only 1 instructions appear in every one of them: `RETURN_VALUE`." in report


def _build(label, version, *, ft=False, jit=None, ms=(10.0, 9.0, 11.0), specialized=("BINARY_OP_ADD_FLOAT",)):
    loop = {"median": ms[0], "min": ms[1], "max": ms[2], "runs": 15}
    jump = {"1": ["JUMP_BACKWARD_JIT"], "0": ["JUMP_BACKWARD_NO_JIT"]}.get(jit, [])
    return {"label": label, "jit": jit, "version": version, "config_args": "'--disable-gil'" if ft else "",
            "free_threaded_build": ft, "debian_build": False, "jit_available": None if jit is None else True,
            "jit_enabled": None if jit is None else jit == "1", "options": "", "peak_rss_kib": 15000,
            "specialized": [*specialized, *jump] if specialized else [],
            "loops": {"float loop": loop, "objects loop": loop}}


def _builds(configs, comparisons):
    data = {"rounds": 5, "reps": 3, "loops": {"float loop": "", "objects loop": ""}, "configs": configs,
            "comparisons": comparisons}
    declaration = macros.Declaration("builds", "implementations/09_cpython_builds.py", {})
    result = SimpleNamespace(output="", data=data, others_cpu=None, interpreter={})
    return macros.Run(declaration, result, text.wrap(data))


def test_the_builds_story_pairs_jit_and_free_threaded_runs_and_checks_specialization():
    configs = [_build("CPython 3.13.0", "3.13.0", ms=(10.0, 9.0, 11.0)),
               _build("CPython 3.13.5 free-threaded", "3.13.5", ft=True, ms=(15.0, 14.0, 16.0), specialized=()),
               _build("CPython 3.15.2, JIT off", "3.15.2", jit="0", ms=(10.0, 9.0, 11.0)),
               _build("CPython 3.15.2, JIT on", "3.15.2", jit="1", ms=(5.0, 4.0, 9.5))]
    comparisons = [{"kind": "free-threaded", "of": configs[1]["label"], "against": configs[0]["label"]},
                   {"kind": "jit", "of": configs[3]["label"], "against": configs[2]["label"]}]
    story = impl.builds_story(_builds(configs, comparisons))
    (ft,), (jit,) = story["ft"], story["jit"]
    assert ft["loops"]["float loop"] == {"ratio": 1.5, "distinct": True, "less": False}
    assert ft["same_patch"] is False and story["ft_keys"] == ["cpython-3.13t"]
    assert jit["loops"]["float loop"] == {"ratio": 0.5, "distinct": False, "less": True}, "9.5 ms overlaps 9.0"
    table = text.restore(impl.builds_table(_builds(configs, comparisons)))
    assert "| CPython 3.15.2, JIT on | PGO off, LTO off, JIT on, GIL | yes, yes | 5.00 (4.00\u20139.50) |" in table
    assert "| CPython 3.13.0 | PGO off, LTO off, JIT not built, GIL | no `sys._jit` |" in table
    with pytest.raises(AssertionError, match="free-threaded build does not specialize"):
        impl.builds_story(_builds([_build("CPython 3.13.5 free-threaded", "3.13.5", ft=True)], []))
    with pytest.raises(AssertionError, match="specializes the loop's bytecode"):
        impl.builds_story(_builds([_build("CPython 3.14.2 free-threaded", "3.14.2", ft=True, specialized=())], []))
    off_twice = [configs[2], {**configs[3], "jit_enabled": False}]
    with pytest.raises(AssertionError, match="one executable with its JIT on, then off"):
        impl.builds_story(_builds(off_twice, comparisons[1:]))


# The same functions on the runs a real build recorded (tests/recorded/implementations.json): every expected value
# is derived from the recording, which `make record` rewrites on whatever machine runs it.




def _printed(run) -> dict:
    """The first value of each `name: value` line a run printed."""
    found: dict = {}
    for line in str(run.output).splitlines():
        if ": " in line and not line.startswith(" "):
            found.setdefault(line.split(": ", 1)[0], line.split(": ", 1)[1].strip())
    return found



def test_the_recorded_identity_table_has_a_row_per_implementation_with_what_it_printed(recorded):
    ident = recorded["ident"]
    assert set(impl.identity(ident)) == set(ident.by_key()), "the claims hold and every run that ran is described"
    rows = text.restore(impl.identity_table(ident)).splitlines()[2:]
    assert len(rows) == len(ident.kinds), "one row per implementation of the group, run or not"
    for kind, run, row in zip(ident.kinds, ident.all, rows, strict=True):
        cells = recorded_pages.cells(row)
        assert cells[0] == escaped(kind.title)
        if not run:
            assert cells[1] == "not run in this build"
            continue
        said = _printed(run)
        assert cells[2] == escaped(said["sys.version_info"]), "the language version it printed"
        assert cells[3].startswith(f"`{escaped(said['sys.platform'])}`, "), "the sys.platform it printed"
        own = said["sys.implementation.version"]
        assert cells[1].endswith(escaped(own) if own != "-" else "(no `sys.implementation`)")


def test_the_recorded_gil_table_has_a_row_per_implementation_with_its_speed_up_and_cpu_use(recorded):
    threads = recorded["threads"]
    found = {r["key"]: r for r in impl.gil_rows(threads)}
    assert list(found) == list(threads.by_key())
    rows = text.restore(impl.gil_table(threads)).splitlines()[2:]
    assert len(rows) == len(threads.kinds), "one row per implementation of the group, run or not"
    for kind, run, row in zip(threads.kinds, threads.all, rows, strict=True):
        cells = recorded_pages.cells(row)
        if not run:
            assert cells[:2] == [escaped(kind.title), "not run in this build"]
            continue
        said = _printed(run)
        assert cells[0] == escaped(run.label)
        assert cells[3] == f"{float(said['speed-up from the second thread']):.2f}\u00d7"
        assert cells[4] == f"{float(said['CPU seconds per wall-clock second while two threads ran']):.2f}"
        assert cells[5] == said["GIL"].split()[0]
        assert found[kind.key]["gil"] == said["GIL"].startswith("yes"), kind.key


def test_the_recorded_startup_chart_has_a_bar_per_timed_implementation_and_the_span_its_extremes(recorded):
    startup = recorded["startup"].data["rows"]
    timed = [r for r in startup if "error" not in r]
    chart = text.restore(impl.startup_chart(recorded["startup"]))
    assert chart.count('class="chart-bar"') == len(timed)
    places = charts.decimals([r["median"] for r in timed])
    for r in timed:
        cells = "".join(f"<td>{r[k]:,.{places}f}</td>" for k in ("median", "min", "max"))
        assert f"<td>{escaped(r['label'])}</td>{cells}" in chart, r["label"]
    span = impl.startup_span(recorded["startup"])
    fastest, slowest = min(r["median"] for r in timed), max(r["median"] for r in timed)
    assert (span["fastest"]["median"], span["slowest"]["median"]) == (fastest, slowest)
    assert span["ratio"] == pytest.approx(slowest / fastest)
    assert span["failed"] == [r for r in startup if "error" in r]


def test_the_recorded_pypy_claims_hold_and_the_jit_chart_and_c_bound_table_show_every_run(recorded):
    jit, bound = recorded["jit"], recorded["bound"]
    chart = text.restore(impl.jit_chart(jit))
    places = charts.decimals([ms for run in jit for ms in run.data["ms"]])
    for run in jit:
        ms = run.data["ms"]
        assert f'class="chart-label">{escaped(run.label)}</text>' in chart, "a legend entry per implementation"
        assert chart.count(f"<tr><td>{escaped(run.label)}</td>") == len(ms), "a point per batch"
        assert f"<tr><td>{escaped(run.label)}</td><td>1</td><td>{ms[0]:,.{places}f}</td></tr>" in chart
    by = {str(run.data["implementation"]): run for run in jit}
    story = impl.jit_story(jit)  # raises AssertionError if a claim fails
    if not {"cpython", "pypy"} <= set(by):
        assert story is None
    else:
        c, p = by["cpython"].data, by["pypy"].data
        assert (story["c_label"], story["p_label"]) == (by["cpython"].label, by["pypy"].label)
        assert story["ratio"] == pytest.approx(c["steady"] / p["steady"]) and story["ratio"] > impl.TIMES
        assert story["faster_at_once"] == (p["first"] < c["first"])
        assert p["ms"][story["settled"]] <= impl.TIMES * p["steady"], "settled on a batch within the margin"
    by = {str(run.data["implementation"]): run for run in bound}
    story = impl.c_bound(bound)
    if not {"cpython", "pypy"} <= set(by):
        assert story is None
        return
    c, p = by["cpython"].data["tasks"], by["pypy"].data["tasks"]
    rows = text.restore(impl.c_bound_table(bound)).splitlines()
    assert rows[0].startswith(f"| Task | {escaped(by['cpython'].label)} (median ms) | {escaped(by['pypy'].label)} ")
    assert [recorded_pages.cells(row)[0] for row in rows[2:]] == [escaped(task) for task in c], "one row per task"
    for task, row in zip(c, rows[2:], strict=True):
        ratio = c[task]["median"] / p[task]["median"]
        expected = [f"{c[task]['median']:.1f}", f"{p[task]['median']:.1f}", f"{ratio:.2f}"]
        assert recorded_pages.cells(row)[1:] == expected, task
    assert story["loop"] == pytest.approx(c[impl.LOOP]["median"] / p[impl.LOOP]["median"])


def test_the_recorded_builds_table_has_a_row_per_build_and_the_story_the_snippets_own_ratios(recorded):
    d = recorded["builds"].data
    rows = text.restore(impl.builds_table(recorded["builds"])).splitlines()[2:]
    labels = [escaped(c["label"]) for c in d["configs"]]
    assert [recorded_pages.cells(row)[0] for row in rows] == labels, "one row per build"
    for c, row in zip(d["configs"], rows, strict=True):
        loops = recorded_pages.cells(row)[3:-1]
        assert loops == [f"{c['loops'][n]['median']:.2f} ({c['loops'][n]['min']:.2f}\u2013{c['loops'][n]['max']:.2f})"
                         for n in d["loops"]], c["label"]
    story = impl.builds_story(recorded["builds"])  # raises AssertionError if a claim fails
    told = [(e["of"]["label"], e["against"]["label"], e) for e in story["jit"] + story["ft"]]
    assert sorted((of, against) for of, against, _ in told) == \
        sorted((comp["of"], comp["against"]) for comp in d["comparisons"]), "every comparison the snippet made"
    for comp in d["comparisons"]:
        entry = next(e for of, against, e in told if (of, against) == (comp["of"], comp["against"]))
        assert {n: loop["ratio"] for n, loop in entry["loops"].items()} == pytest.approx(comp["ratios"]), \
            "the page's ratios are the ones the snippet computed"
    assert len(story["jit"]) == sum(comp["kind"] == "jit" for comp in d["comparisons"])


def test_the_recorded_versions_report_lists_each_version_and_each_instruction_not_in_all(recorded):
    ran = [run for run in recorded["versions"].all if run]
    # Pyodide's runner writes no data file: its run printed the names instead.
    names = [set(run.result.data["opnames"] if run.result.data else _printed(run)["opnames"].split()) for run in ran]
    every = set.intersection(*names)
    report = text.restore(impl.versions_report(recorded["versions"]))
    rows = [line for line in report.splitlines() if line.startswith("| `")]
    assert sorted(row.split("`")[1] for row in rows) == sorted(set.union(*names) - every)
    line = next(line for line in report.splitlines() if line.startswith("Versions that ran: "))
    assert len(line.split(". Only ")[0].split(", ")) == len(ran), "one version per run that ran"
    assert f"Only {len(every)} instructions appear in every one of them: " in line
    assert all(f"`{name!s}`" in line for name in every)
