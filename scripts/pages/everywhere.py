"""The "Python everywhere" page's tables, charts and derived values, from its declared runs (docs/everywhere.md's
front matter)."""

from __future__ import annotations

from evidence.charts import bars


def _share(sizes) -> float:
    """The compiled share of a distribution's installed bytes (06_stacks.py counts them as so, py and other)."""
    return sizes["so"] / (sizes["so"] + sizes["py"] + sizes["other"])


def devops_chart(devops) -> str:
    """The median time of each step of the log-rotation script, with its range as a whisker."""
    d = devops.data
    return bars("Time per step of the log-rotation script",
                f"Median wall-clock time of each step over {d['repeats']} runs, with the range as a whisker.",
                [(name, *values) for name, values in d["steps"].items()], "ms")


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
