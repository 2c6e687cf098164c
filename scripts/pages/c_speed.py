"""The C page's tables, chart and derived values, from its declared runs (docs/c-speed.md's front matter)."""

from __future__ import annotations

from evidence import text
from evidence.charts import lines

# The columns of the table across interpreters: the ways of 03_own_c.py it compares, in ns per element, each from
# the same Python list (the ctypes call over an array includes copying the list into one).
ACROSS_WAYS = ("Python loop", "C extension, once per list", "ctypes, once per array", "ctypes, once per element")


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
    rows = ["| Interpreter | extension file suffix | " + " | ".join(ACROSS_WAYS) + " |",
            "|---|---|" + "---:|" * len(ACROSS_WAYS)]
    for run in across:
        if run.result.data is None:
            continue
        res = run.data["results"]
        cells = " | ".join(f"{res[way][0]:.1f} ns" if way in res else "not built (no `Python.h`)"
                           for way in ACROSS_WAYS)
        rows.append(f"| {run.label} | `{run.data['suffix']}` | {cells} |")
    return "\n".join(rows)


PLATFORM_NAMED = (".abi3-", ".abi3t-")  # stable-ABI suffixes with the platform in them: .abi3-x86_64-linux-gnu.so


def _minor(row) -> int:
    return int(str.__str__(row["version"]).split(".")[1])


def _tag(wheel) -> text.Text:
    """The interpreter and ABI tags of a wheel's file name: "cp312-abi3" for example-1.0-cp312-abi3-any.whl."""
    return text.Text("-".join(str.__str__(wheel).split("-")[2:4]))


def _key(row) -> str:
    """"3.15" for a GIL-enabled CPython 3.15.x, "3.13t" for a free-threaded 3.13.x."""
    return ".".join(str.__str__(row["version"]).split(".")[:2]) + ("t" if row["free_threaded"] else "")


def stable_abi(abi) -> dict:
    """What 07_stable_abi_tags.py found, for the page's sentences, as lists of interpreter labels: those that import
    `.abi3.so` files (and those that do not) and `.abi3t.so` files, that accept `abi3` and `abi3t` wheel tags, whose
    tags were not computed, that look for stable-ABI files with a platform in their names (and those of them older
    than 3.15), and that would install each example wheel (by its tags, "cp312-abi3"); besides, for each
    free-threaded one its most preferred `abi3t` tag of an older version, and each row by its key ("3.15", "3.13t")."""
    rows = abi.data["rows"]

    def labels(test) -> list:
        return [row["label"] for row in rows if test(row)]

    return {"abi3_files": labels(lambda r: ".abi3.so" in r["suffixes"]),
            "no_abi3_files": labels(lambda r: ".abi3.so" not in r["suffixes"]),
            "abi3t_files": labels(lambda r: ".abi3t.so" in r["suffixes"]),
            "abi3_tags": labels(lambda r: "abi3" in r.get("abis", [])),
            "abi3t_tags": labels(lambda r: "abi3t" in r.get("abis", [])),
            "untagged": labels(lambda r: "tags" not in r),
            "platform_named": labels(lambda r: any(s.startswith(PLATFORM_NAMED) for s in r["suffixes"])),
            "early_platform_named": labels(lambda r: _minor(r) < 15
                                           and any(s.startswith(PLATFORM_NAMED) for s in r["suffixes"])),
            "installs": {_tag(wheel): labels(lambda r, w=wheel: r.get("installs", {}).get(w, False))
                         for wheel in abi.data["wheels"]},
            "older_abi3t": {_key(row): next(p for p in row["order"] if p.endswith("-abi3t")
                                            and not p.startswith(f"cp3{_minor(row)}-"))
                            for row in rows if row["free_threaded"] and "order" in row},
            "by": {_key(row): row for row in rows}}


def stable_abi_table(abi) -> str:
    """One row per CPython that ran 07_stable_abi_tags.py: the stable-ABI file suffixes its import system looks for,
    its first three interpreter-ABI pairs of wheel tags (most preferred first), and whether it would install each
    example wheel."""
    wheels = [_tag(w) for w in abi.data["wheels"]]
    rows = ["| Interpreter | stable-ABI file suffixes it imports | Python-ABI tags it installs, most preferred first | "
            + " | ".join(f"installs `{w}`" for w in wheels) + " |", "|---|---|---|" + "---|" * len(wheels)]
    for row in abi.data["rows"]:
        stable = " ".join(f"`{s}`" for s in row["suffixes"] if s.startswith((".abi3.", ".abi3-", ".abi3t")))
        if "tags" in row:
            order = ", ".join(f"`{pair}`" for pair in row["order"][:3]) + ", …"
            installs = " | ".join("yes" if row["installs"][w] else "no" for w in abi.data["wheels"])
        else:
            order = f"not computed: packaging {abi.data['packaging']} needs Python {abi.data['needs']}"
            installs = " | ".join("not computed" for _ in wheels)
        rows.append(f"| {row['label']} | {stable or 'none'} | {order} | {installs} |")
    return "\n".join(rows)


def verdict(where) -> dict:
    """The compiled shares of NumPy's and pandas's installed bytes for the page's opening verdict, with what it says of
    them asserted: NumPy is mostly compiled, pandas less than half (02_where_code_lives.py asserts only NumPy's)."""
    rows = where.data["rows"]
    shares = {"numpy": rows["numpy"]["share"], "pandas": rows["pandas"]["share"]}
    assert shares["numpy"] > 0.5, "claim: most of NumPy's installed bytes are compiled code"
    assert shares["pandas"] < 0.5, "claim: only a minority of pandas's installed bytes are compiled code"
    return shares
