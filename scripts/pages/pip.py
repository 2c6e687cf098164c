"""The pip page's tables, from its declared runs (docs/pip.md's front matter)."""

from __future__ import annotations

from evidence import text


def install_log_table(install_log) -> str:
    """The requests of the two installs side by side, numbered: the index with metadata files, then without."""
    logs = (install_log.data["with"], install_log.data["without"])
    rows = ["| # | index with metadata files | the same index without them |", "|---:|---|---|"]
    for number in range(max(len(log) for log in logs)):
        cells = [f"`{text.Text(log[number].removeprefix('GET '))}`" if number < len(log) else "" for log in logs]
        rows.append(f"| {number + 1} | {cells[0]} | {cells[1]} |")
    return "\n".join(rows)


def versions_table(versions) -> str:
    """One row per CPython version of the group: the pip it bundles and the tags that pip accepts."""
    rows = ["| interpreter | `ensurepip` bundles | tags pip accepts | number of `py3-none-any` | tags pip adds to "
            "`packaging`'s |", "|---|---|---:|---:|---|"]
    for kind, run in zip(versions.kinds, versions.all, strict=True):
        if not run or run.result.data is None:
            rows.append(f"| {kind.title} | not on this machine | | | |")
            continue
        d = run.data
        bundled = ", ".join(f"{name}" for name in d["bundled"])
        extra = ", ".join(f"`{tag}`" for tag in d["extra"]) or "none"
        rows.append(f"| {kind.title} | {bundled} | {d['count']} | {d['pure_rank']} | {extra} |")
    return "\n".join(rows)
