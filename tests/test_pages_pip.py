"""The pip page's own code, in milliseconds: its tables, from data shaped as its snippets write it."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from recorded_pages import escaped

from evidence import macros, registry, text
from pages import pip

VERSIONS = ["cpython-3.11", "cpython-3.12", "cpython-3.13"]


def _run(data, declaration=None):
    """A declared run as the page's template hands it over: its data's strings are text, as the engine makes them."""
    declaration = declaration or macros.Declaration("run", "pip/02_install_log.py", {})
    return macros.Run(declaration, SimpleNamespace(data=text.wrap(data)), text.wrap(data))


def _runs(by_key: dict):
    """The tags snippet declared with `each:` over the page's versions; a key missing from `by_key` was not here."""
    declaration = macros.Declaration("each", "pip/06_tags.py", {"each": VERSIONS})
    runs = [_run(by_key[key], declaration) if key in by_key else macros.Run(declaration, None) for key in VERSIONS]
    return macros.Runs(declaration, [registry.KINDS[key] for key in VERSIONS], runs)


def _install_log(with_, without):  # pip/02_install_log.py
    return {"with": with_, "without": without, "wheels_with": 1, "rejected": 2, "conflict": 3, "chosen": 4,
            "wheels_without": 2}


def _tags(count, pure_rank, extra, bundled):  # pip/06_tags.py
    return {"count": count, "extra": extra, "pip": "24.2", "first": "cp313-cp313-manylinux_2_36_x86_64",
            "bundled": bundled, "last": "py30-none-any", "rows": [], "pure_rank": pure_rank}


def test_the_install_log_table_numbers_the_requests_of_both_installs_side_by_side():
    log = _run(_install_log(["GET /simple/blog/ (json)", "GET /files/blog-1.0-py3-none-any.whl.metadata"],
                            ["GET /simple/blog/ (json)", "GET /files/blog-1.0-py3-none-any.whl", "GET /x|<y>"]))
    table = pip.install_log_table(log)
    assert table.splitlines()[4].count("|") == 4, "a request is text: its `|` is no cell border"
    rows = text.restore(table).splitlines()
    assert rows[:2] == ["| # | index with metadata files | the same index without them |", "|---:|---|---|"]
    assert rows[2] == "| 1 | `/simple/blog/ (json)` | `/simple/blog/ (json)` |"
    assert rows[3] == "| 2 | `/files/blog-1.0-py3-none-any.whl.metadata` | `/files/blog-1.0-py3-none-any.whl` |"
    assert rows[4] == "| 3 |  | `/x|&lt;y&gt;` |", "the shorter log ends in an empty cell; a request is escaped"
    assert len(rows) == 5


def test_the_versions_table_has_a_row_per_version_and_says_which_did_not_run():
    versions = _runs({
        "cpython-3.11": _tags(914, 903, ["cp311-none-any"], ["pip 23.2.1", "setuptools 65.5.0"]),
        "cpython-3.13": _tags(1060, 1047, [], ["pip 24.2"]),
    })
    rows = text.restore(pip.versions_table(versions)).splitlines()
    assert rows[0].startswith("| interpreter | `ensurepip` bundles | tags pip accepts |") and rows[1].count("|") == 6
    assert len(rows) == 2 + len(VERSIONS)
    title = {key: registry.KINDS[key].title for key in VERSIONS}
    assert rows[2] == f"| {title['cpython-3.11']} | pip 23.2.1, setuptools 65.5.0 | 914 | 903 | `cp311-none-any` |"
    assert rows[3] == f"| {title['cpython-3.12']} | not on this machine | | | |"
    assert rows[4] == f"| {title['cpython-3.13']} | pip 24.2 | 1060 | 1047 | none |", "no extra tags says none"


def test_a_version_whose_run_wrote_no_data_is_a_row_saying_so():
    declaration = macros.Declaration("each", "pip/06_tags.py", {"each": VERSIONS})
    failed = macros.Run(declaration, SimpleNamespace(data=None), None)  # ran, exited non-zero, wrote nothing
    versions = macros.Runs(declaration, [registry.KINDS[key] for key in VERSIONS], [failed] * len(VERSIONS))
    assert pip.versions_table(versions).count("not on this machine") == len(VERSIONS)


def test_the_verdict_asserts_that_only_the_index_without_metadata_files_cost_a_rejected_wheel():
    rejected = "GET /files/markup-2.0-py3-none-any.whl"
    wheel = "GET /files/blog-1.0-py3-none-any.whl"
    log = {**_install_log([wheel + ".metadata", wheel], [wheel, rejected]), "wheels_with": 1, "wheels_without": 2}
    assert pip.metadata_first(_run(log)) == {"with_metadata": 1, "without_metadata": 2}
    with pytest.raises(AssertionError, match="only without metadata files"):
        pip.metadata_first(_run({**log, "with": [wheel, rejected]}))
    with pytest.raises(AssertionError, match="downloaded more wheels"):
        pip.metadata_first(_run({**log, "wheels_without": 1}))


# The same functions on the runs a real build recorded (tests/recorded/pip.json): every expected value is derived
# from the recording, which `make record` rewrites on whatever machine runs it.




def test_the_recorded_install_log_table_lists_every_request_of_both_installs_in_order(recorded):
    logs = recorded["install_log"].data["with"], recorded["install_log"].data["without"]
    rows = text.restore(pip.install_log_table(recorded["install_log"])).splitlines()
    assert len(rows) == 2 + max(len(log) for log in logs), "one row per request of the longer install"
    for number, row in enumerate(rows[2:]):
        cells = row[2:-2].split(" | ")
        assert cells[0] == str(number + 1)
        for column, log in enumerate(logs, 1):
            expected = f"`{escaped(log[number].removeprefix('GET '))}`" if number < len(log) else ""
            assert cells[column].strip() == expected, f"request {number + 1} of column {column}"


def test_the_recorded_versions_table_has_a_row_per_version_with_what_its_pip_said(recorded):
    versions = recorded["tags_by_version"]
    rows = text.restore(pip.versions_table(versions)).splitlines()[2:]
    assert len(rows) == len(versions.kinds), "one row per version of the group, run or not"
    for kind, run, row in zip(versions.kinds, versions.all, rows, strict=True):
        assert row.startswith(f"| {escaped(kind.title)} | ")
        if not run or run.result.data is None:
            assert "not on this machine" in row
            continue
        d = run.data
        extra = ", ".join(f"`{escaped(tag)}`" for tag in d["extra"]) or "none"
        assert row.endswith(f" | {d['count']} | {d['pure_rank']} | {extra} |"), row
        assert all(escaped(name) in row for name in d["bundled"]), "every distribution ensurepip bundles is named"
    assert sum("not on this machine" in row for row in rows) == len(versions.kinds) - len(versions)


def test_the_verdict_holds_on_the_recorded_install_logs_and_counts_their_wheel_downloads(recorded):
    log = recorded["install_log"].data
    found = pip.metadata_first(recorded["install_log"])  # raises AssertionError if a claim fails
    wheels = {name: sum(line.endswith(".whl") for line in log[side])
              for name, side in (("with_metadata", "with"), ("without_metadata", "without"))}
    assert found == wheels, "the counts the page states are the wheels each install log shows it downloaded"
    assert found["without_metadata"] > found["with_metadata"]
