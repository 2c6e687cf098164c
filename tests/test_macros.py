"""Pages written as Markdown with fields: runs declared in front matter, values escaped, passages kept to what ran."""

from __future__ import annotations

import importlib.util
import re

import pytest

from evidence import macros, page, registry, render, text
from evidence.errors import EvidenceError
from helpers import ROOT, build, mini_project

VALUES = """\
    # Writes values that HTML and Markdown would read as markup.
    import json, os
    print("ran")
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"frame": "<module>", "folder": "__pycache__", "cell": "a|b", "n": 1234567, "x": 0.123456,
                   "rows": [{"name": "<first>"}, {"name": "second"}]}, f)
    """
PAGE = """\
---
render_macros: true
evidence:
  v: demo/01_values.py
  timed: {snippet: demo/01_values.py, timing: true}
---
# Page

{{ show(v) }}

It failed in {{ v.data.frame }}, at `{{ v.data.frame }}`, and wrote {{ v.data.folder }}: {{ v.data.n | fmt(",") }}
items, {{ v.data.x | fmt(".2f") }} each.

| value | shown |
|---|---|
| cell | {{ v.data.cell }} |
{% for row in v.data.rows %}| row | {{ row.name }} |
{% endfor %}
{{ timed.data.x | fmt(".3f") }} at the start of a line, and `{{ timed.data.n }}` in a code span, vary.
"""


def _html(site) -> str:
    return (site / "index.html").read_text()


def test_fields_are_text_escaped_anywhere_and_only_timing_values_are_marked_volatile(tmp_path):
    project = mini_project(tmp_path / "p", {"demo/01_values.py": VALUES}, PAGE)
    done = build(project, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    html = _html(tmp_path / "site")
    assert ("It failed in &lt;module&gt;, at <code>&lt;module&gt;</code>, and wrote __pycache__: 1,234,567\nitems, "
            "0.12 each.") in html
    assert "<td>a|b</td>" in html and "<td>&lt;first&gt;</td>" in html and "<td>second</td>" in html
    assert "<strong>" not in html.split('id="provenance"')[0], "no value was read as Markdown"
    assert "EvidenceText" not in html
    # A value from a timing run is marked where it stands, even where an HTML comment in Markdown would not work.
    assert "<p>" + render.volatile("0.123", "timing") + " at the start of a line" in html
    assert "<code>" + render.volatile("1234567", "timing") + "</code> in a code span" in html
    assert 'class="filename">Output · ' in html and "ran" in html, "show() renders the evidence block"
    plain = html.split("It failed in")[1].split(render.volatile("0.123", "timing"))[0]
    assert "volatile" not in plain, "values of a run that is no timing run are not marked"


def test_every_declared_run_is_prefetched_and_none_starts_while_pages_render(tmp_path):
    project = mini_project(tmp_path / "p", {"demo/01_values.py": VALUES}, PAGE)
    done = build(project, tmp_path / "site", EVIDENCE_FRESH="1")
    assert done.returncode == 0, done.stderr
    assert "started while pages rendered" not in done.stderr
    # The same page asking, in an exec block, for a run its prefetch cannot read (a computed argument) is reported.
    late = PAGE + ('\n```python exec="on" id="late"\nfrom evidence import show\n'
                   'print(show("demo/" + "01_values.py", timeout=30))\n```\n')
    project = mini_project(tmp_path / "q", {"demo/01_values.py": VALUES}, late)
    done = build(project, tmp_path / "site2", EVIDENCE_FRESH="1")
    assert done.returncode == 0, done.stderr
    assert "1 run(s) started while pages rendered, not prefetched: demo/01_values.py (build)" in done.stderr


def _missing_key() -> str:
    for key in ("graalpy", "ironpython", "micropython"):
        if not registry.locate(key):
            return key
    pytest.skip("this machine has GraalPy, IronPython and MicroPython, so no declared interpreter is missing")


def test_a_passage_about_a_missing_interpreter_appears_only_where_it_ran(tmp_path):
    missing = _missing_key()
    page_text = f"""\
---
render_macros: true
evidence:
  here: demo/01_values.py
  there: {{snippet: demo/01_values.py, python: {missing}}}
---
# Page

{{% if here %}}The build's own interpreter ran it: {{{{ here.label }}}}.{{% endif %}}

{{% if there %}}{missing} ran it.{{% else %}}{{{{ not_run(there) }}}}{{% endif %}}
"""
    project = mini_project(tmp_path / "p", {"demo/01_values.py": VALUES}, page_text)
    done = build(project, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    html = _html(tmp_path / "site")
    assert re.search(r"The build(&#x27;|')s own interpreter ran it: CPython \d", html)
    assert f"{missing} ran it" not in html
    assert "Not run in this build" in html and registry.KINDS[missing].how_to_add in html


MISTAKES = {
    "an unknown option": ("  v: {snippet: demo/01_values.py, timeing: true}\n", "{{ show(v) }}",
                          "evidence `v` has unknown options ['timeing']"),
    "no snippet path": ("  v: {timing: true}\n", "{{ show(v) }}", "evidence `v` needs a snippet path"),
    "a key the data lacks": ("  v: demo/01_values.py\n", "{{ v.data.frames }}",
                             "the page reads 'frames' from the snippet's data, which has no such key"),
    "data of a run that did not happen": (None, "{{ there.data.frame }}", "put the passage inside {% if there %}"),
    "a field that prints an object": ("  v: demo/01_values.py\n", "{{ v }}", "a field printed Run"),
}


@pytest.mark.parametrize("mistake", MISTAKES, ids=list(MISTAKES))
def test_a_mistake_in_a_page_fails_the_build_naming_the_page_and_its_cause(mistake, tmp_path):
    declaration, body, cause = MISTAKES[mistake]
    if declaration is None:
        declaration = f"  there: {{snippet: demo/01_values.py, python: {_missing_key()}}}\n"
    page_text = f"---\nrender_macros: true\nevidence:\n{declaration}---\n# Page\n\n{body}\n"
    project = mini_project(tmp_path / "p", {"demo/01_values.py": VALUES}, page_text)
    done = build(project, tmp_path / "site")
    assert done.returncode != 0, f"{mistake}: the strict build passed"
    assert "page docs/index.md" in done.stderr and cause in done.stderr, done.stderr[-3000:]


def test_a_field_that_reads_a_timing_run_through_page_code_is_marked_and_markup_passes_as_it_is():
    page.BUILD.block_volatile = set()
    try:
        measured = page.measured({"rows": [{"median": 0.5}]})

        class Module:
            @staticmethod
            def ratio(data):
                return {"half": data["rows"][0]["median"]}

            @staticmethod
            def table(data):
                return f"| a |\n|---|\n| {data['rows'][0]['median']} |"

        code = macros._PageCode(Module)
        derived = code.ratio(measured)
        assert page.BUILD.block_volatile == {"timing"}, "reading timing data inside page code marks the field"
        macros._field("unrelated")  # the next field takes the pending mark
        assert page.BUILD.block_volatile == set()
        assert macros._field(derived["half"]) != "0.5", "a value derived from timing data is still marked later"
        table = code.table(measured)
        assert isinstance(table, text.Markdown)
        assert macros._field(table).startswith("<!-- volatile:start timing -->\n\n| a |"), "a varying block"
        assert macros._field(text.Markdown("**kept**")) == "**kept**", "markup the engine made stays markup"
        shown = macros._field("<b>")
        assert re.fullmatch(r"EvidenceText[0-9a-f]{20}", shown) and text.restore(shown) == "&lt;b&gt;"
    finally:
        page.BUILD.block_volatile = None


def test_declarations_are_checked_before_anything_runs():
    found = macros.declared({"evidence": {"a": "x/01.py", "b": {"snippet": "x/02.py", "each": ["build"]}}}, "p.md")
    assert [(d.name, d.snippet, d.each) for d in found] == [("a", "x/01.py", None), ("b", "x/02.py", ["build"])]
    assert [r.python for r in found[1].requests()] == ["build"] and found[1].requests()[0].allow_failure
    with pytest.raises(EvidenceError, match="must map names to snippets"):
        macros.declared({"evidence": ["x/01.py"]}, "p.md")


def test_a_page_whose_fields_raise_fails_the_build_and_the_soak_counts_it(tmp_path):
    page_text = ('---\nrender_macros: true\nevidence:\n  v: demo/01_values.py\n---\n# Page\n\n'
                 '{{ v.data.n | fmt("zz") }}\n')
    project = mini_project(tmp_path / "p", {"demo/01_values.py": VALUES}, page_text)
    done = build(project, tmp_path / "site")
    assert done.returncode != 0
    spec = importlib.util.spec_from_file_location("soak", ROOT / "scripts" / "soak.py")
    soak = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(soak)
    assert soak.page_failures(done.stderr) == ["page index.md: ValueError: Unknown format code 'z' for object of "
                                               "type 'int'"]


def test_names_are_listed_as_in_a_sentence_and_stay_text():
    assert [text.restore(macros.listed(n)) for n in ([], ["a"], ["a", "b"], ["a", "b", "c"], [1, 2])] == \
        ["", "a", "a and b", "a, b and c", "1 and 2"]
    shown = macros.listed(["<a>", "b"])
    assert isinstance(shown, text.Markdown) and "<" not in shown and text.restore(shown) == "&lt;a&gt; and b"


def test_a_layers_snippet_list_links_each_snippet_and_says_what_it_needs_where_any_declares_packages():
    rows = macros.snippet_list("c-speed").splitlines()
    assert rows[0] == "| Snippet | What it shows | Needs |"
    assert len(rows) == 2 + len(list((ROOT / "snippets" / "c-speed").glob("[0-9]*.py")))
    assert next(r for r in rows if "03_own_c.py" in r).endswith("| the standard library |")
    where = next(r for r in rows if "02_where_code_lives.py" in r)
    assert re.search(r"\| `numpy==[\d.]+[^`]*`, (`numpy==[^`]*`, )?`pandas==[\d.]+` \|$", where), \
        "the pins (with their markers), without the exclude-newer cut-off"
    assert macros.snippet_list("gil").splitlines()[0] == "| Snippet | What it shows |", "no column nobody needs"
