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


REJECTED_WHEEL = "GET /files/markup-2.0-py3-none-any.whl"


def metadata_first(install_log) -> dict:
    """The wheels each install downloaded, with what the page's verdict says of them asserted: with metadata files
    on the index pip fetched no wheel of the candidate it rejected, without them it did, and so fetched more."""
    got, blind = install_log.data["with"], install_log.data["without"]
    assert REJECTED_WHEEL not in got and REJECTED_WHEEL in blind, \
        "claim: only without metadata files did pip download the wheel of the candidate it rejected"
    wheels = {"with_metadata": install_log.data["wheels_with"], "without_metadata": install_log.data["wheels_without"]}
    assert wheels["without_metadata"] > wheels["with_metadata"], \
        "claim: without metadata files pip downloaded more wheels"
    return wheels
