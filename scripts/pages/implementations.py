"""The implementations page's tables, charts and claims, from its declared runs (docs/implementations.md)."""

from __future__ import annotations

from evidence import registry, render
from evidence.charts import bars, lines

TIMES = 1.5  # the margin PyPy's JIT claim must clear against CPython on the loop
# PyPy's first batch against its warm median: once measured at only 1.5 times with both cores busy, so the claim
# keeps a margin below that.
WARMUP = 1.2
# CPU time still grows when another program shares the core: a fresh-clone build with a browser running beside it
# once measured 1.7 for zlib, where a quiet machine measures 1.0 to 1.15. Where the build saw the rest of the machine
# busy during either run (the engine's others_cpu, over BUSY), work done in C is held only to IN_C, which still tells
# it from the loop's speed-up (about 15), and the page says why.
IN_C = 3.0
BUSY = 0.25  # other programs' share of all CPUs' time above which a run counts as disturbed (as gil/busy.py)
LOOP = "Python for loop, 1 MiB"  # the pure-Python task of 07_c_bound.py; the others run in C


def facts(run) -> dict:
    """The `name: value` lines a snippet printed. The WebAssembly runners cannot hand the engine a data file
    (EVIDENCE_DATA), so the tables on this page read what each implementation printed."""
    found: dict = {}
    for line in run.output.splitlines():
        name, sep, value = line.partition(": ")
        if sep and not line.startswith(" "):
            found.setdefault(name, value.strip())
    return found


def _missing(value: str) -> bool:
    return value in ("-", "") or value.startswith("(no ")


def _full_width(chart: str) -> str:
    """Two fixes until the site's stylesheet has them: Material sizes a figure to its content, which shrinks an SVG of
    width 100% to a thumbnail; and the second series colour (the theme's accent) is the same indigo as the first."""
    chart = chart.replace('<figure class="evidence-chart">', '<figure class="evidence-chart" style="width: 100%">', 1)
    return chart.replace("chart-series-1", "chart-series-3")


def identity(runs) -> dict:
    """What each implementation said about itself, by registry key, checked against the page's sentences."""
    found = {key: facts(run) for key, run in runs.by_key().items()}
    for key, f in found.items():
        own, language = f["sys.implementation.version"], f["sys.version_info"]
        if f["sys.implementation.name"] == "cpython":
            assert own == language, f"claim: on CPython ({key}) its own version and the language version agree"
        elif key in ("pypy", "graalpy", "micropython"):
            assert own != language, f"claim: {key}'s own version differs from the language version it implements"
        elif key == "jython":
            assert _missing(f["sys.implementation.name"]), "claim: Jython 2.7 predates sys.implementation"
    if "pyodide" in found:
        assert found["pyodide"]["sys.implementation.name"] == "cpython", "claim: Pyodide is CPython"
    if "micropython" in found:
        found["micropython"]["no_python_implementation"] = _missing(
            found["micropython"]["platform.python_implementation()"])
    return found


def identity_table(runs) -> str:
    rows = ["| Registry entry | Calls itself, own version | Language version | Runs on: `sys.platform`, machine |",
            "|---|---|---|---|"]
    for kind, run in zip(runs.kinds, runs.all, strict=True):
        if not run:
            rows.append(f"| {kind.title} | not run in this build | | |")
            continue
        f = facts(run)
        name = f["platform.python_implementation()"]
        name = f["sys.implementation.name"] if _missing(name) else name
        own = f["sys.implementation.version"]
        own = "(no `sys.implementation`)" if _missing(own) else own
        machine = f["platform.machine()"]
        machine = f["sys.implementation._machine"] if _missing(machine) else machine
        rows.append(f"| {kind.title} | {name} {own} | {f['sys.version_info']} | `{f['sys.platform']}`, {machine} |")
    return "\n".join(rows)


def how(runs) -> dict:
    """What each implementation answered about `add(a, b)`, by registry key, with the page's claims checked."""
    cpython = registry.newest("newest-cpython")  # the CPython the page compares with the others, as "cpython"
    found = {("cpython" if key == cpython else key): facts(run) for key, run in runs.by_key().items()}
    listings = {key: f.get("dis", "") for key, f in found.items()}
    if "cpython" in found and "pypy" in found:
        assert " instructions: " in listings["cpython"] and " instructions: " in listings["pypy"], \
            "claim: CPython and PyPy both compile to bytecode that dis can list"
        assert listings["cpython"] != listings["pypy"], "claim: CPython and PyPy compile add to different bytecode"
    if "jython" in found:
        assert " instructions: " not in listings["jython"], "claim: Jython has no bytecode for dis to list"
    return found


def how_list(runs) -> str:
    """One line per implementation: its bytecode, its JIT module, the JVM under it, whether it starts a thread."""
    items = []
    for run in runs:
        f, said = facts(run), []
        listing = f.get("dis", "(printed no answer)")
        if " instructions: " in listing:
            count, names = listing.split(" instructions: ")
            said.append(f"compiles `add` to {count} instructions, `{names}`")
        else:
            said.append(f"has no bytecode for `dis` to list: {listing}")
        if f.get("pypyjit") == "importable":
            said.append("has the `pypyjit` module, the handle on its JIT compiler")
        if not f.get("JVM", "none").startswith("none"):
            method = f.get("the Python function where() runs as the JVM method")
            said.append(f"runs on {f['JVM']}, where the Python function `where()` is the JVM method `{method}`")
        if "sys.implementation._mpy" in f:
            said.append(f"reports `sys.implementation._mpy` = {f['sys.implementation._mpy']}")
        threads = f.get("threads", "(printed no answer)")
        said.append("can start a thread" if threads.startswith("a second") else f"cannot start a thread: {threads}")
        items.append(f"- **{run.label}** " + "; ".join(said) + ".")
    return "\n".join(items)


def no_threads(runs) -> list:
    """The implementations that could not start a thread."""
    return [run.label for run in runs if not facts(run).get("threads", "").startswith("a second")]


def import_list(runs) -> str:
    """What each implementation's import of a small module left on disk."""
    said = []
    for run in runs:
        files = [line.split("the import wrote ", 1)[1] for line in run.output.splitlines() if " starting with " in line]
        wrote = "; ".join(f"`{f.split(',')[0]}` (first bytes `{f.rsplit(' ', 1)[1]}`)" for f in files)
        said.append(f"- **{run.label}** wrote {wrote or 'nothing'}.")
    return "\n".join(said)


def jython_writes_classes(runs) -> bool:
    """True where Jython ran: it asserts that its cache file is a JVM class."""
    jython = runs.by_key().get("jython")
    if jython:
        assert "$py.class, starting with the bytes cafebabe" in jython.output, "claim: Jython writes JVM classes"
    return bool(jython)


def gil_rows(runs) -> list[dict]:
    """Each implementation's threads test: its label, speed-up, CPU seconds per second, GIL, and the others' share."""
    rows = []
    for key, run in runs.by_key().items():
        f = facts(run)
        rows.append({"key": key, "label": run.label, "speedup": float(f["speed-up from the second thread"]),
                     "busy": float(f["CPU seconds per wall-clock second while two threads ran"]),
                     "gil": f["GIL"].startswith("yes"), "documented": f["GIL"].split()[0],
                     "others": run.others_cpu, "cpus": run.result.interpreter["host"]["cpu_count"],
                     "one": _span(f["one thread"]), "two": _span(f["two threads"]),
                     "bound": f.get("bound asserted with a GIL", "").split(" ")[0]})
    return rows


def _span(said: str) -> str:
    return said.replace("median ", "").replace("(min ", "(").replace(", max ", "\u2013")


def gil_table(runs) -> str:
    rows = ["| Implementation | One thread, twice: median (min\u2013max) | Two threads: median (min\u2013max) | "
            "Speed-up | CPU s per wall s, two threads | GIL (documented) |", "|---|---|---|---|---|---|"]
    found = {r["key"]: r for r in gil_rows(runs)}
    for kind in runs.kinds:
        r = found.get(kind.key)
        if r is None:
            rows.append(f"| {kind.title} | not run in this build | | | | |")
        else:
            rows.append(f"| {r['label']} | {r['one']} | {r['two']} | {r['speedup']:.2f}\u00d7 | {r['busy']:.2f} | "
                        f"{r['documented']} |")
    return "\n".join(rows)


def startup_chart(startup) -> str:
    timed = [r for r in startup.data["rows"] if "error" not in r]
    return _full_width(bars("Start-up time: launch, run `pass`, exit",
                            "Median wall-clock time per implementation, with a whisker from the fastest to the slowest "
                            "run.", [(r["label"], r["median"], r["min"], r["max"]) for r in timed], "s"))


def startup_span(startup) -> dict:
    """The fastest and slowest start, and how many times as long the slowest took."""
    timed = sorted((r for r in startup.data["rows"] if "error" not in r), key=lambda r: r["median"])
    fastest, slowest = timed[0], timed[-1]  # the build's own CPython, at least, is always timed
    return {"fastest": fastest, "slowest": slowest, "ratio": slowest["median"] / fastest["median"],
            "failed": [r for r in startup.data["rows"] if "error" in r]}


def absent(group: str) -> list[str]:
    """The implementations of a group this machine does not have."""
    return [registry.KINDS[k].title for k in registry.keys(group) if not registry.locate(k)]


def jit_chart(jit) -> str:
    series = {run.label: [(i + 1, ms) for i, ms in enumerate(run.data["ms"])] for run in jit}
    return _full_width(lines("CPU time per batch of the same loop, batch after batch",
                             "One line per implementation: milliseconds of CPU time for each of 30 equal batches.",
                             series, "batch", "ms per batch"))


def _by_implementation(runs) -> dict:
    return {run.data["implementation"]: run for run in runs}


def jit_story(jit) -> dict | None:
    """PyPy's warm-up against CPython, with the two claims the page makes asserted; None unless both ran."""
    found = _by_implementation(jit)
    if "cpython" not in found or "pypy" not in found:
        return None
    c, p = found["cpython"].data, found["pypy"].data
    ratio = c["steady"] / p["steady"]
    assert ratio > TIMES, ("claim: once warmed up, PyPy runs this pure-Python loop faster than CPython (at least "
                           f"{TIMES} times; measured {c['steady']:.2f} ms against {p['steady']:.2f} ms per batch)")
    assert p["first"] > WARMUP * p["steady"], ("claim: PyPy's first batch is slower than its warmed-up ones "
                                              f"(measured {p['first']:.2f} ms against {p['steady']:.2f} ms)")
    # Settled: the first batch within the margin of the warm median after which at most one batch strays above it.
    bound, ms = TIMES * p["steady"], p["ms"]
    settled = next(i for i in range(len(ms)) if ms[i] <= bound and sum(t > bound for t in ms[i:]) <= 1)
    strays = [(i + 1, t) for i, t in enumerate(ms[settled:], settled) if t > bound]
    return {"c": c, "p": p, "c_label": found["cpython"].label, "p_label": found["pypy"].label, "ratio": ratio,
            "times": TIMES, "warmup": WARMUP, "settled": settled, "stray": strays[0] if strays else None,
            "warming_min": min(ms[:settled]) if settled else None,
            "warming_max": max(ms[:settled]) if settled else None,
            "faster_at_once": p["first"] < c["first"]}


def c_bound(bound) -> dict | None:
    """CPython's and PyPy's medians per task, with the page's claims asserted; None unless both ran."""
    found = _by_implementation(bound)
    if "cpython" not in found or "pypy" not in found:
        return None
    c, p = found["cpython"].data["tasks"], found["pypy"].data["tasks"]
    ratios = {task: c[task]["median"] / p[task]["median"] for task in c}
    shares = [found[name].others_cpu for name in ("cpython", "pypy")]
    quiet = all(share is not None and share <= BUSY for share in shares)
    bound = TIMES if quiet else IN_C
    for task, ratio in ratios.items():
        if task == LOOP:
            assert ratio > IN_C, "claim: PyPy's JIT speeds up the pure-Python loop, far more than work done in C"
        else:
            assert ratio < bound, (f"claim: PyPy gives no large speed-up to work done in C ({task}: CPython took "
                                   f"{ratio:.2f} times as long)")
    in_c = ", ".join(f"{ratio:.2f} for {task.split(',')[0]}" for task, ratio in ratios.items() if task != LOOP)
    measured = [share for share in shares if share is not None]
    return {"c": c, "p": p, "c_label": found["cpython"].label, "p_label": found["pypy"].label, "ratios": ratios,
            "loop": ratios[LOOP], "in_c": in_c, "quiet": quiet, "bound": bound,
            "others": max(measured) if measured else None}


def c_bound_table(bound) -> str:
    story = c_bound(bound)
    rows = [f"| Task | {story['c_label']} (median ms) | {story['p_label']} (median ms) | "
            "CPython time \u00f7 PyPy time |", "|---|---|---|---|"]
    for task, ratio in story["ratios"].items():
        rows.append(f"| {task} | {story['c'][task]['median']:.1f} | {story['p'][task]['median']:.1f} | {ratio:.2f} |")
    return "\n".join(rows)


def _opnames(run) -> list[str]:
    if run.result.data and "opnames" in run.result.data:  # Pyodide's runner writes no data: its output has them
        return run.result.data["opnames"]
    return next(line for line in run.output.splitlines() if line.startswith("opnames: ")).split()[1:]


def _spans(name: str, columns: list) -> str:
    """The versions whose disassembly contains `name`, as runs of consecutive columns: "3.8-3.10, 3.14"."""
    runs, current = [], []
    for _, label, names in columns:
        if name in names:
            current.append(label)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return ", ".join(run[0] if len(run) == 1 else f"{run[0]}\u2013{run[-1]}" for run in runs)


def versions_report(versions) -> str:
    """Which instructions of the same function appear in which CPython version that ran, oldest first."""
    columns = []
    for kind, run in zip(versions.kinds, versions.all, strict=True):
        if run:
            version = ".".join(run.result.interpreter["version"].split(".")[:2])
            columns.append((version, version + (" (Pyodide)" if kind.key == "pyodide" else ""), set(_opnames(run))))
    if not columns:
        return "No CPython version of the group ran in this build."
    columns.sort(key=lambda c: tuple(int(n) for n in c[0].split(".")))
    every = set.intersection(*(names for _, _, names in columns))
    changing = sorted(set.union(*(names for _, _, names in columns)) - every,
                      key=lambda n: (next(i for i, (_, _, names) in enumerate(columns) if n in names), n))
    out = ["| Instruction | In the disassembly of |", "|---|---|"]
    out += [f"| `{name}` | {_spans(name, columns)} |" for name in changing]
    out += ["", f"Versions that ran: {', '.join(label for _, label, _ in columns)}. Only {len(every)} instructions "
            "appear in every one of them: " + ", ".join(f"`{n}`" for n in sorted(every)) + ".", ""]
    for name, what in [("RESUME", "A `RESUME` instruction at the start of every function"),
                       ("BINARY_OP", "One `BINARY_OP` instruction for every binary operator, named in its argument"),
                       ("LOAD_FAST_LOAD_FAST", "`LOAD_FAST_LOAD_FAST`, one instruction that loads two locals"),
                       ("LOAD_FAST_BORROW", "`LOAD_FAST_BORROW`, which pushes a local without taking a new reference")]:
        found = [label for _, label, names in columns if name in names]
        if not found:
            out.append(f"- {what}: in no version that ran in this build.")
        elif found[0] == columns[0][1]:
            out.append(f"- {what}: already in the oldest version here, {found[0]}.")
        else:
            out.append(f"- {what}: first seen in **{found[0]}**.")
    for name in ("BINARY_MULTIPLY", "INPLACE_ADD", "CALL_FUNCTION", "RETURN_CONST"):
        found = [label for _, label, names in columns if name in names]
        if found and found[-1] != columns[-1][1]:
            out.append(f"- `{name}`: last seen in **{found[-1]}**.")
    return "\n".join(out)


def commands_table() -> str:
    """How a reader runs a snippet with each implementation, and whether this build machine had it."""
    rows = ["| Implementation | Run a snippet with | On this build machine |", "|---|---|---|"]
    for key in registry.keys("implementations"):
        kind = registry.KINDS[key]
        where = "found" if registry.locate(key) else f"not found; add it with: {kind.how_to_add}"
        rows.append(f"| {kind.title} | `{kind.reader_command}` | {where} |")
    return "\n".join(rows)


def _span_ms(loop) -> str:
    return f"{loop['median']:.2f} ({loop['min']:.2f}\u2013{loop['max']:.2f})"


def builds_table(builds) -> str:
    """One row per build and JIT setting of 09_cpython_builds.py: how it was built, what sys._jit said, the times."""
    names = list(builds.data["loops"])
    head = " | ".join(f"{name}: ms, median (min\u2013max)" for name in names)
    rows = [f"| Build | How it was built (CONFIG_ARGS) | JIT available, on | {head} | Peak memory |",
            "|---" * (4 + len(names)) + "|"]
    for c in builds.data["configs"]:
        jit = "no `sys._jit`" if c["jit_available"] is None else \
            f"{'yes' if c['jit_available'] else 'no'}, {'yes' if c['jit_enabled'] else 'no'}"
        memory = f"{c['peak_rss_kib'] / 1024:.1f} MiB" if c["peak_rss_kib"] else "not measured"
        times = " | ".join(_span_ms(c["loops"][name]) for name in names)
        rows.append(f"| {c['label']} | {render.build_flags(c)} | {jit} | {times} | {memory} |")
    return "\n".join(rows)


def _compare(of: dict, against: dict, names: list) -> dict:
    """Per loop: of's median over against's, and whether the two ranges of runs do not overlap (a clear difference)."""
    found = {}
    for name in names:
        a, b = of["loops"][name], against["loops"][name]
        found[name] = {"ratio": a["median"] / b["median"], "distinct": a["max"] < b["min"] or a["min"] > b["max"],
                       "less": a["median"] < b["median"]}
    return found


def builds_story(builds) -> dict:
    """The JIT and free-threaded comparisons the page describes, with what it says of them asserted."""
    configs = {c["label"]: c for c in builds.data["configs"]}
    names = list(builds.data["loops"])
    story: dict = {"jit": [], "ft": [], "names": names, "rounds": builds.data["rounds"], "reps": builds.data["reps"]}
    for c in configs.values():
        ft_313 = c["free_threaded_build"] and c["version"].startswith("3.13.")
        if ft_313:
            assert not c["specialized"], "claim: CPython 3.13's free-threaded build does not specialize bytecode"
        else:
            assert c["specialized"], f"claim: {c['label']} specializes the loop's bytecode while it runs"
    for comp in builds.data["comparisons"]:
        of, against = configs[comp["of"]], configs[comp["against"]]
        entry = {"of": of, "against": against, "loops": _compare(of, against, names)}
        if comp["kind"] == "jit":
            assert of["version"] == against["version"] and of["jit_enabled"] and not against["jit_enabled"], \
                "claim: the JIT comparison runs one executable with its JIT on, then off"
            assert "JUMP_BACKWARD_JIT" in of["specialized"] and "JUMP_BACKWARD_NO_JIT" in against["specialized"], \
                "claim: the loop's backward jump specialises to JUMP_BACKWARD_JIT with the JIT on, _NO_JIT with it off"
            story["jit"].append(entry)
        else:
            assert of["version"].split(".")[:2] == against["version"].split(".")[:2], \
                "claim: a free-threaded build is compared with a default build of the same feature release"
            entry["same_patch"] = of["version"] == against["version"]
            story["ft"].append(entry)
    # The registry keys of the free-threaded builds here, to find them in the threads test (#gil).
    story["ft_keys"] = [f"cpython-{c['version'].rsplit('.', 1)[0]}t" for c in configs.values()
                        if c["free_threaded_build"]]
    return story
