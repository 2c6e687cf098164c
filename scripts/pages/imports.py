"""The imports page's charts, table and derived values, from its declared runs (docs/imports.md's front matter)."""

from __future__ import annotations

import itertools

from evidence import text
from evidence.charts import bars
from evidence.render import build_flags

# The start-up cases charted per CPython version (keys of 09_startup_versions.py's CASES), with their titles.
STARTUP_CHARTS = (("-c pass", "python -c pass"), ("-S -c pass", "python -S -c pass"),
                  ("import asyncio", "python -c 'import asyncio'"))


def path_length_chart(length) -> str:
    """`import asyncio` in fresh interpreters, one bar per number of empty directories on PYTHONPATH."""
    startup = length.data["startup"]
    return bars("python -c 'import asyncio' with N empty directories on PYTHONPATH",
                "Median start-up time of a fresh interpreter importing asyncio, for each number of directories placed "
                "before the standard library, with min-max whiskers.",
                [(f"N = {n}", *startup[n]) for n in startup], "ms")


def pyc_chart(pyc) -> str:
    """The three imports (fresh, stale, no .pyc), then compiling, unmarshalling and executing alone."""
    return bars("One import of a 400-function module, and its steps",
                "Median milliseconds per import with a fresh .pyc, a stale .pyc and no .pyc, then for compiling, "
                "unmarshalling and executing alone, with min-max whiskers.",
                [(label, r["median"], r["min"], r["max"]) for label, r in pyc.data["results"].items()], "ms")


def importtime_charts(importtime) -> str:
    """For the HTTP client stack and asyncio: self and cumulative time of the modules with the most self time."""
    charts = []
    for label in ("HTTP client stack", "asyncio"):
        stack = importtime.data["stacks"][label]
        rows = []
        for name, own, total, own_lo, total_lo, own_hi, total_hi in stack["top_self"]:
            rows += [(f"{name}: self", own, own_lo, own_hi), (f"{name}: cumulative", total, total_lo, total_hi)]
        charts.append(bars(f"import {stack['module']}: the {len(stack['top_self'])} modules with the most self time",
                           "Median self and cumulative import time of each module, from -X importtime, with min-max "
                           "whiskers over the runs.", rows, "ms"))
    return "\n".join(charts)


def startup_charts(startup) -> str:
    """One chart per start-up case, one bar per CPython version that ran."""
    found = startup.data["results"]
    return "\n".join(
        bars(f"{title}, per CPython version (package-free venv)",
             f"Median wall time of {title} from a package-free virtual environment of each CPython version, with "
             "min-max whiskers.", [(f"CPython {v}", *row[case]) for v, row in found.items()], "ms")
        for case, title in STARTUP_CHARTS)


def site_saved(startup) -> dict:
    """Milliseconds that skipping `site` saved on each version, compared by the fastest run of each case."""
    return {v: row["-c pass"][1] - row["-S -c pass"][1] for v, row in startup.data["results"].items()}


def asyncio_slowdown(startup) -> dict:
    """How many times as long a start that imports asyncio took as `-c pass` (medians): the least and the most."""
    ratios = [row["import asyncio"][0] / row["-c pass"][0] for row in startup.data["results"].values()]
    return {"least": min(ratios), "most": max(ratios)}


def pth_chart(pth) -> str:
    return bars("python -c pass in a fresh venv, with one .pth file in site-packages",
                "Median start-up time with no .pth file, a .pth adding a directory, and .pth files importing json and "
                "asyncio, with min-max whiskers.", [(label, *row) for label, row in pth.data["results"].items()], "ms")


def deferred_chart(deferred) -> str:
    return bars("Paying for asyncio now or later",
                "Median milliseconds to import a program that imports asyncio at the top or inside a function, and "
                "the two halves of a LazyLoader import, with min-max whiskers.",
                [(label, *row) for label, row in deferred.data["results"].items()], "ms")


def versions_table(versions) -> str:
    """One row per interpreter of the group that ran: where `os` comes from, `-P`, `importtime=2`, `lazy import`,
    `__lazy_modules__`."""
    rows = ["| Interpreter | `os` comes from | `-P` | `-X importtime=2 -c 'import json, json'` | `lazy import json` | "
            "`__lazy_modules__` |", "| --- | --- | --- | --- | --- | --- |"]
    for run in versions:
        d = run.data
        cached = "not tried: no subprocesses" if d["cached_lines"] is None else f"{d['cached_lines']} marked cached"
        lazy = text.Text(d["lazy"].split(" (")[0])  # the error without its position, still text
        rows.append(f"| {run.label} | {'frozen code' if d['os_origin'] == 'frozen' else '`os.py`'} | "
                    f"{'present' if d['safe_path'] else 'absent'} | {cached} | {lazy} | "
                    f"{'a plain name' if d['lazy_modules_ignored'] else 'makes the import lazy'} |")
    return "\n".join(rows)


def _number(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def startup_builds(startup) -> str:
    """One row per CPython version: `-c pass`, `-S -c pass` and `import asyncio` (median and fastest), and the build
    options of the interpreter that ran them, as the engine words them for its own runs."""
    rows = ["| CPython | `-c pass` | `-S -c pass` | `import asyncio` | How it was built |",
            "| --- | --- | --- | --- | --- |"]
    for version, row in startup.data["results"].items():
        build = startup.data["builds"][version]
        cells = [f"{row[case][0]:.1f} ms (fastest {row[case][1]:.1f})" for case in ("-c pass", "-S -c pass",
                                                                                    "import asyncio")]
        rows.append(f"| {text.Text(build['version'])} | {' | '.join(cells)} | {text.Text(build_flags(build))} |")
    return "\n".join(rows)


def startup_change(startup, old: str, new: str):
    """`-c pass` from version `old` to `new`, by medians and by fastest runs, and whether the two were built alike
    (the same PGO, LTO, JIT and GIL options); None when this machine lacks either version."""
    found = startup.data["results"]
    if old not in found or new not in found:
        return None
    builds = startup.data["builds"]
    before, after = found[old]["-c pass"], found[new]["-c pass"]
    return {"median": after[0] / before[0] - 1, "fastest": after[1] / before[1] - 1,
            "alike": build_flags(builds[old]) == build_flags(builds[new]), "build": build_flags(builds[new]),
            "optimised": not any(part in build_flags(builds[new]) for part in ("PGO off", "LTO off"))}


def unoptimised(startup) -> list[str]:
    """The versions whose interpreter says, in its configure options, that it was built without PGO and LTO."""
    return [v for v, build in startup.data["builds"].items() if "PGO off, LTO off" in build_flags(build)]


def frozen_table(frozen) -> str:
    """One row per CPython version: how many modules it has frozen in, and those new since the row before."""
    rows = ["| CPython | Frozen modules | New since the version before |", "| --- | --- | --- |"]
    previous: set[str] = set()
    for version, names in sorted(frozen.data["per_version"].items(), key=lambda item: _number(item[0])):
        added = [f"`{text.Text(n)}`" for n in names if n not in previous]
        rows.append(f"| {text.Text(version)} | {len(names)} | {', '.join(added) if previous else 'all'}"
                    f"{'' if added or not previous else 'none'} |")
        previous = set(names)
    return "\n".join(rows)


def frozen_since(frozen, version: str) -> list[str]:
    """The modules frozen in `version` that the version before it in the data did not freeze."""
    ordered = sorted(frozen.data["per_version"].items(), key=lambda item: _number(item[0]))
    for (_, before), (this, names) in itertools.pairwise(ordered):
        if this == version:
            return [n for n in names if n not in before]
    return []


def lazy_chart(lazy) -> str:
    """For each way to import heavy.py: the import statement, then the first use of the module."""
    rows = []
    for label, found in lazy.data["results"].items():
        rows += [(f"{label}: statement", *found["statement"]), (f"{label}: first use", *found["first_use"])]
    return bars("Where heavy.py's top-level code is paid for",
                "Median milliseconds of the import statement and of the first use of the module, in fresh "
                "interpreters, for each way to import it, with min-max whiskers.", rows, "ms")


def isolated_table(isolated) -> str:
    """One row per PYTHON* variable tried: whether it took effect without -I and with it."""
    rows = ["| Variable set | `python -S` | `python -S -I` |", "| --- | --- | --- |"]
    for name in isolated.data["variables"]:
        found = isolated.data["found"][name]
        rows.append(f"| `{text.Text(name)}` | {'takes effect' if found['plain'] else 'ignored'} | "
                    f"{'takes effect' if found['isolated'] else 'ignored'} |")
    return "\n".join(rows)
