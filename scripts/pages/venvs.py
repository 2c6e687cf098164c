"""The virtual environments page's lists, chart and table, from its declared runs (docs/venvs.md's front matter)."""

from __future__ import annotations

from evidence.charts import bars


def codes(names) -> str:
    """Names from a snippet's data as code spans, joined by commas: "`home`, `version`" (each still text)."""
    return ", ".join(f"`{name}`" for name in names)


def pip_vs_uv_chart(timed) -> str:
    """The median install time of each tool, with whiskers from its fastest to its slowest run."""
    d = timed.data
    rows = [(f"pip {d['pip']}: pip --python … install", *d["stats"]["pip"]),
            (f"uv {d['uv']}: uv pip install --compile-bytecode", *d["stats"]["uv"])]
    return bars(f"Installing {d['packages']} locked wheels ({d['files']} files) into a fresh venv",
                f"Median wall time of {d['repeats']} runs each on CPython {d['python']}, {d['cpus']} CPUs; "
                "whiskers from the fastest to the slowest run.", rows, "s")


def _yes(flag) -> str:
    return "yes" if flag else "no"


def versions_table(pips, shells) -> str:
    """One row per CPython version of the group: what `ensurepip` bundles and what a new environment gets."""
    rows = ["| interpreter | `ensurepip` bundles | has `pip lock` | `VIRTUAL_ENV_PROMPT` | writes a `.gitignore` |",
            "|---|---|---|---|---|"]
    activations = {kind.key: run for kind, run in zip(shells.kinds, shells.all, strict=True)}
    for kind, p in zip(pips.kinds, pips.all, strict=True):
        s = activations.get(kind.key)
        if not p or not s or p.result.data is None or s.result.data is None:
            rows.append(f"| {kind.title} | not on this machine | | | |")
            continue
        rows.append(f"| {kind.title} | {', '.join(f'{name}' for name in p.data['bundled'])} | "
                    f"{_yes(p.data['has_lock'])} | `{s.data['prompt']}` | {_yes(s.data['gitignore'])} |")
    return "\n".join(rows)


def release(rows, minor: str):
    """The row of a snippet's per-interpreter list whose `version` is of release `minor` ("3.15"), else None."""
    return next((row for row in rows if ".".join(str.split(row["version"], ".")[:2]) == minor), None)
