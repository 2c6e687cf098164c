"""The "Python everywhere" page's tables, charts and derived values, from its declared runs (docs/everywhere.md's
front matter)."""

from __future__ import annotations

from evidence.charts import bars
from evidence.render import build_flags


def _share(sizes) -> float:
    """The compiled share of a distribution's installed bytes (06_stacks.py counts them as so, py and other)."""
    return sizes["so"] / (sizes["so"] + sizes["py"] + sizes["other"])


def devops_chart(devops) -> str:
    """The median time of each step of the log-rotation script, with its range as a whisker."""
    d = devops.data
    return bars("Time per step of the log-rotation script",
                f"Median wall-clock time of each step over {d['repeats']} runs, with the range as a whisker.",
                [(name, *values) for name, values in d["steps"].items()], "ms")


def web_table(web) -> str:
    """The web API's request times: through the test client and as a bare ASGI call, for each kind of route."""
    rows = ["| called through | route | median | min | max |", "|---|---|---:|---:|---:|"]
    for way, routes in web.data["timings"].items():
        for kind, t in routes.items():
            rows.append(f"| {way} | `{kind}` | {t['median']:.0f} µs | {t['min']:.0f} µs | {t['max']:.0f} µs |")
    return "\n".join(rows)


def web_split(web) -> dict:
    """What the test client adds to a def request, and what the hop to a worker thread adds to a bare call (µs)."""
    t = web.data["timings"]
    client, bare, inline = t["TestClient"]["def"]["median"], t["ASGI call"]["def"]["median"], \
        t["ASGI call"]["async def"]["median"]
    return {"client_us": client - bare, "client_share": (client - bare) / client, "hop_us": bare - inline}


def stacks_table(stacks) -> str:
    """One row per job: what it imports, how long that took, what it loaded and how much of its stack is compiled."""
    rows = ["| Job | imports | import time, median (min\u2013max) | modules loaded (compiled) | distributions "
            "(compiled share of their installed bytes) | compiled share of the stack |", "|---|---|---|---|---|---|"]
    for job, row in stacks.data["rows"].items():
        dists = ", ".join(f"{d} {_share(v):.0%}" for d, v in row["dists"].items()) or "standard library"
        share = "—" if row["compiled_share"] is None else \
            f"{row['compiled_share']:.0%} of {(row['so'] + row['py'] + row['other']) / 1e6:.1f} MB"
        modules = ", ".join(f"`{m}`" for m in row["modules"].split(","))
        rows.append(f"| {job} | {modules} | {row['import_ms']:.0f} ms ({row['import_min']:.0f}\u2013"
                    f"{row['import_max']:.0f}) | {row['loaded']} ({row['compiled_modules']}) | {dists} | {share} |")
    return "\n".join(rows)


def stacks_chart(stacks) -> str:
    """The import time of each job's libraries in a fresh interpreter, with its range as a whisker."""
    d = stacks.data
    return bars("Import time of each job's libraries in a fresh interpreter",
                f"Median of {d['runs']} runs for each job, with the range as a whisker, in milliseconds.",
                [(job, r["import_ms"], r["import_min"], r["import_max"]) for job, r in d["rows"].items()], "ms")


def web_stack(stacks) -> dict:
    """The web API's distributions: how many, how many of them pure Python, and the compiled ones with their share."""
    web = stacks.data["rows"]["Web API"]["dists"]
    return {"count": len(web), "pure": sum(1 for v in web.values() if v["so"] == 0),
            "compiled": [{"name": d, "share": _share(v), "rust": v["rust"]} for d, v in web.items() if v["so"]]}


def bundled_mb(stacks) -> float:
    """The megabytes of other projects' libraries that NumPy's wheel bundles (in numpy.libs)."""
    return stacks.data["rows"]["ML fit"]["dists"]["numpy"]["bundled"] / 1e6


def import_over_bare(stacks) -> dict:
    """Each job's import time as a multiple of starting and stopping an interpreter that imports nothing."""
    d = stacks.data
    return {job: row["import_ms"] / d["bare_ms"] for job, row in d["rows"].items()}


def across_table(across) -> str:
    """The cold, empty and warm timings of the cloud function for each interpreter of the group, run or not."""
    rows = ["| Interpreter | cold invocation: median (min\u2013max) | empty interpreter (median) | "
            "warm call (median) |", "|---|---:|---:|---:|"]
    for kind, run in zip(across.kinds, across.all, strict=True):
        if not run:
            rows.append(f"| {kind.title} | not on this machine | | |")
        elif run.result.data is None:
            rows.append(f"| {kind.title} | failed (exit {run.result.exit_code}) | | |")
        else:
            d = run.data
            rows.append(f"| {run.label} | {d['cold_ms']} ms ({d['cold_min']}\u2013{d['cold_max']}) | "
                        f"{d['bare_ms']} ms | {d['warm_us']} µs |")
    return "\n".join(rows)



def version_pair(older, newer) -> dict:
    """06_stacks.py's runs on the build's Python and on CPython 3.15, side by side: each one's label, how it was
    built, its NumPy (version, wheel tag, Requires-Python); and whether the newer one's NumPy excludes the older
    Python."""

    def side(run):
        numpy = run.data["rows"]["ML fit"]["dists"]["numpy"]
        return {"label": run.label, "built": build_flags(run.result.interpreter) or "not reported",
                "numpy": numpy["version"], "numpy_tag": numpy["tags"][0], "numpy_python": numpy["requires_python"]}

    requires = newer.data["rows"]["ML fit"]["dists"]["numpy"]["requires_python"]
    return {"old": side(older), "new": side(newer), "excludes_old": not _satisfies(older.data["python"], requires)}


def _satisfies(version: str, requires: str) -> bool:
    """Whether a Python version meets a Requires-Python of lower bounds (">=3.12"); anything else counts as met."""
    have = tuple(int(n) for n in str(version).split(".")[:2])
    bounds = [clause.strip()[2:] for clause in str(requires).split(",") if clause.strip().startswith(">=")]
    return all(have >= tuple(int(n) for n in bound.split(".")[:2]) for bound in bounds)


def versions_table(older, newer) -> str:
    """Each job's import time and an empty interpreter's start-up on two interpreters, and the newer over the older."""
    rows = [f"| Job | {older.label} | {newer.label} | newer / older |",
            "|---|---:|---:|---:|"]
    old, new = older.data, newer.data
    rows.append(f"| interpreter alone (`python -c pass`) | {old['bare_ms']:.0f} ms | {new['bare_ms']:.0f} ms | "
                f"{new['bare_ms'] / old['bare_ms']:.2f} |")
    for job, row in old["rows"].items():
        other = new["rows"][job]
        cells = [f"{r['import_ms']:.0f} ms ({r['import_min']:.0f}\u2013{r['import_max']:.0f})" for r in (row, other)]
        rows.append(f"| {job} | {cells[0]} | {cells[1]} | {other['import_ms'] / row['import_ms']:.2f} |")
    return "\n".join(rows)


def verdict(stacks) -> dict:
    """The import time of pandas (the data pipeline's libraries), in ms and as a multiple of an empty interpreter's
    start-up, for the page's opening verdict, with what it says asserted: the import costs more than starting the
    interpreter does, and the web stack that validates in Rust has FastAPI in it as pure Python."""
    d = stacks.data
    pandas_ms = d["rows"]["Data pipeline"]["import_ms"]
    assert pandas_ms > d["bare_ms"], "claim: importing pandas costs more than starting an empty interpreter"
    web = d["rows"]["Web API"]["dists"]
    assert web["fastapi"]["so"] == 0 and web["pydantic_core"]["rust"], \
        "claim: FastAPI is pure Python and its stack validates in a Rust extension"
    return {"pandas_ms": pandas_ms, "pandas_x": pandas_ms / d["bare_ms"]}
