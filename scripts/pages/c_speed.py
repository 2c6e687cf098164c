"""The C page's tables, chart and derived values, from its declared runs (docs/c-speed.md's front matter)."""

from __future__ import annotations

from evidence import text
from evidence.charts import lines

# The columns of the table across interpreters: the ways of 03_own_c.py it compares, in ns per element.
ACROSS_WAYS = ("Python loop", "C extension, once per list", "ctypes, once per element")


def four_ways_chart(ways) -> str:
    """Median time per call of each way to sum n integers, in ns, both axes on log scales; the title says which way
    was fastest at the largest n and by how much, from this build's data."""
    series = {name: [(p["n"], p["median"] * 1e9) for p in points] for name, points in ways.data["series"].items()}
    largest = max(n for pts in series.values() for n, _ in pts)
    at_largest = {name: dict(pts)[largest] for name, pts in series.items() if largest in dict(pts)}
    fastest, slowest = min(at_largest, key=at_largest.get), max(at_largest, key=at_largest.get)
    ratio = at_largest[slowest] / at_largest[fastest]
    title = f"At n = {largest:,}, {fastest} was {ratio:,.0f} times as fast as {slowest}"
    return lines(title, "Median time of one call for each way to sum n integers, against n; both axes on log scales.",
                 series, "n (elements)", "ns per call", log_x=True, log_y=True)


def where_table(where) -> str:
    """Bytes on disk by kind of file for each distribution measured, and the toolchain traces of its binaries."""
    kinds = where.data["kinds"]
    rows = ["| Distribution | Installed | " + " | ".join(f"{k}" for k in kinds) + " | compiled files with traces of |",
            "|---|---:|" + "---:|" * len(kinds) + "---|"]
    for name, row in where.data["rows"].items():
        cells = " | ".join(f"{row[k] / 1e6:.1f} MB ({row[k] / row['total']:.0%})" for k in kinds)
        traces = ", ".join(f"{k}: {v}" for k, v in row["traces"].items())
        rows.append(f"| {name} {row['version']} | {row['total'] / 1e6:.1f} MB | {cells} | {traces} |")
    return "\n".join(rows)


def bundled(where) -> list[str]:
    """The shared libraries NumPy's wheel bundles (the snippet writes them joined by "`, `"), one name each."""
    found = where.data["bundled"]
    return [text.Text(name) for name in found.split("`, `")] if found else []


def trace_languages(where, name: str) -> str:
    """The toolchains whose traces a distribution's compiled files carry, beside plain C."""
    return ", ".join(f"{k}" for k in where.data["rows"][name]["traces"] if k != "none of these")


def gil_calls(threads) -> dict:
    """The calls during which another thread ran Python code (they released the GIL), and those that held it."""
    during = threads.data["during"]
    return {"released": [name for name, ran in during.items() if ran],
            "held": [name for name, ran in during.items() if not ran]}


def across_table(across) -> str:
    """The extension suffix and ns per element of three ways, for each interpreter that ran 03_own_c.py."""
    rows = ["| Interpreter | extension file suffix | " + " | ".join(ACROSS_WAYS) + " |", "|---|---|---:|---:|---:|"]
    for run in across:
        if run.result.data is None:
            continue
        res = run.data["results"]
        cells = " | ".join(f"{res[way][0]:.1f} ns" if way in res else "not built (no `Python.h`)"
                           for way in ACROSS_WAYS)
        rows.append(f"| {run.label} | `{run.data['suffix']}` | {cells} |")
    return "\n".join(rows)
