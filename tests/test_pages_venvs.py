"""The virtual environments page's own code, in milliseconds: from data shaped as its snippets write it."""

from __future__ import annotations

from types import SimpleNamespace

from recorded_pages import escaped

from evidence import charts, macros, registry, text
from pages import venvs

VERSIONS = ["cpython-3.11", "cpython-3.12", "cpython-3.13"]


def _run(data, declaration=None):
    """A declared run as the page's template hands it over: its data's strings are text, as the engine makes them."""
    declaration = declaration or macros.Declaration("run", "venvs/01_layout.py", {})
    return macros.Run(declaration, SimpleNamespace(data=text.wrap(data)), text.wrap(data))


def _runs(snippet, by_key: dict):
    """A declaration with `each:` over the page's versions; a key missing from `by_key` was not on this machine."""
    declaration = macros.Declaration("each", snippet, {"each": VERSIONS})
    runs = [_run(by_key[key], declaration) if key in by_key else macros.Run(declaration, None) for key in VERSIONS]
    return macros.Runs(declaration, [registry.KINDS[key] for key in VERSIONS], runs)


def _pip_lock(pip, has_lock, bundled):  # venvs/05_pip_lock.py
    return {"pip": pip, "has_lock": has_lock, "python": "3.x", "bundled": bundled}


def _activate(prompt, gitignore):  # venvs/02_activate.py
    return {"exported": ["PATH", "VIRTUAL_ENV"], "shell_only": ["_OLD_VIRTUAL_PATH"], "prompt": prompt,
            "gitignore": gitignore}


def test_codes_are_code_spans_joined_by_commas_with_each_value_still_text():
    assert text.restore(venvs.codes(text.wrap(["home", "version", "<x>"]))) == "`home`, `version`, `&lt;x&gt;`"
    assert venvs.codes([]) == ""


def test_the_versions_table_has_a_row_per_version_and_says_which_did_not_run():
    pips = _runs("venvs/05_pip_lock.py", {
        "cpython-3.11": _pip_lock("24.0", False, ["pip 24.0", "setuptools 65.5.0"]),
        "cpython-3.12": _pip_lock("25.0.1", False, ["pip 25.0.1"]),
        "cpython-3.13": _pip_lock("25.1", True, ["pip 25.1"]),
    })
    shells = _runs("venvs/02_activate.py", {"cpython-3.11": _activate("(venv) ", False),
                                           "cpython-3.13": _activate("venv", True)})
    rows = text.restore(venvs.versions_table(pips, shells)).splitlines()
    assert rows[0].startswith("| interpreter | `ensurepip` bundles |") and len(rows) == 2 + len(VERSIONS)
    title = {key: registry.KINDS[key].title for key in VERSIONS}
    assert rows[2] == f"| {title['cpython-3.11']} | pip 24.0, setuptools 65.5.0 | no | `(venv) ` | no |"
    assert rows[3] == f"| {title['cpython-3.12']} | not on this machine | | | |", "one of its two runs is missing"
    assert rows[4] == f"| {title['cpython-3.13']} | pip 25.1 | yes | `venv` | yes |"


def test_a_version_whose_run_wrote_no_data_is_a_row_saying_so():
    declaration = macros.Declaration("each", "venvs/05_pip_lock.py", {"each": VERSIONS})
    failed = macros.Run(declaration, SimpleNamespace(data=None), None)  # ran, exited non-zero, wrote nothing
    pips = macros.Runs(declaration, [registry.KINDS[key] for key in VERSIONS], [failed, failed, failed])
    shells = _runs("venvs/02_activate.py", {key: _activate("venv", True) for key in VERSIONS})
    assert venvs.versions_table(pips, shells).count("not on this machine") == len(VERSIONS)


def test_the_chart_has_a_bar_per_tool_at_its_median_with_the_counts_in_its_title():
    timed = _run({"stats": {"pip": [2.5, 2.0, 3.0], "uv": [0.25, 0.2, 0.3]}, "pip": "25.3", "uv": "0.9.0",
                  "packages": 12, "files": 120, "repeats": 5, "python": "3.13.5", "cpus": 2})
    html = text.restore(venvs.pip_vs_uv_chart(timed))
    assert "Installing 12 locked wheels (120 files) into a fresh venv" in html
    assert "Median wall time of 5 runs each on CPython 3.13.5, 2 CPUs" in html
    assert "pip 25.3: pip --python … install" in html and "uv 0.9.0: uv pip install --compile-bytecode" in html
    assert html.count('class="chart-bar"') == 2 and "2.50 s" in html and "0.25 s" in html  # one precision


def test_release_finds_the_row_of_one_minor_version_or_none():
    rows = text.wrap([{"version": "3.13.0"}, {"version": "3.15.2", "lib64": "none"}])
    assert text.restore(f"{venvs.release(rows, '3.15')['lib64']}") == "none"
    assert venvs.release(rows, "3.14") is None and venvs.release(rows, "3.1") is None


# The same functions on the runs a real build recorded (tests/recorded/venvs.json): every expected value is derived
# from the recording, which `make record` rewrites on whatever machine runs it.




def test_the_recorded_versions_table_has_a_row_per_version_with_its_pip_and_its_activation(recorded):
    pips, shells = recorded["pips"], recorded["shells"]
    rows = text.restore(venvs.versions_table(pips, shells)).splitlines()[2:]
    assert len(rows) == len(pips.kinds), "one row per version of the group, run or not"
    activations = shells.by_key()
    for kind, p, row in zip(pips.kinds, pips.all, rows, strict=True):
        s = activations.get(kind.key)
        assert row.startswith(f"| {escaped(kind.title)} | ")
        if not p or not s or p.result.data is None or s.result.data is None:
            assert "not on this machine" in row
            continue
        cells = row[2:-2].split(" | ")
        assert cells[1] == ", ".join(escaped(name) for name in p.data["bundled"])
        assert cells[2:] == ["yes" if p.data["has_lock"] else "no", f"`{escaped(s.data['prompt'])}`",
                             "yes" if s.data["gitignore"] else "no"], row


def test_the_recorded_pip_and_uv_chart_has_a_bar_per_tool_at_its_median(recorded):
    d = recorded["timed"].data
    chart = text.restore(venvs.pip_vs_uv_chart(recorded["timed"]))
    assert escaped(f"Installing {d['packages']} locked wheels ({d['files']} files) into a fresh venv") in chart
    assert escaped(f"Median wall time of {d['repeats']} runs each on CPython {d['python']!s}, "
                   f"{d['cpus']} CPUs") in chart
    assert chart.count('class="chart-bar"') == 2
    places = charts.decimals([d["stats"]["pip"][0], d["stats"]["uv"][0]])
    for tool, label in (("pip", "pip --python … install"), ("uv", "uv pip install --compile-bytecode")):
        median, low, high = d["stats"][tool]
        assert f"<td>{escaped(f'{tool} {d[tool]!s}: {label}')}</td><td>{median:,.{places}f}</td>" \
               f"<td>{low:,.{places}f}</td><td>{high:,.{places}f}</td>" in chart, f"{tool}'s median, fastest, slowest"


def test_release_finds_the_recorded_row_of_each_version_a_venv_was_made_with(recorded):
    rows = recorded["created"].data
    assert rows, "the snippet made at least one environment"
    for row in rows:
        minor = ".".join(str(row["version"]).split(".")[:2])
        assert venvs.release(rows, minor) is row
