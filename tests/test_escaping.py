"""A value from a snippet's data shows on the page exactly as the snippet wrote it: never read as HTML or Markdown."""

from __future__ import annotations

from evidence import text
from helpers import build, mini_project

HOSTILE_DATA = """\
    # Writes values that HTML and Markdown would read as markup.
    import json, os
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"frame": "<module>", "folder": "__pycache__", "cell": "a|b", "tag": "<b>bold</b>",
                   "link": "https://example.org/?a=1&b=<2>"}, f)
    """
PAGE = """\
# Page

```python exec="on" id="prose"
from evidence import data, say
print(say("It failed in {frame}, at `{frame}`, and wrote {folder} and {tag}.", "demo/01_values.py"))
```

```python exec="on" id="table"
from evidence import data
values = data("demo/01_values.py")
print(f"| value | shown |\\n|---|---|\\n| cell | {values['cell']} |\\n")
print(f"[the link]({values['link']})")
```
"""


def test_values_with_markup_characters_show_as_written_in_prose_code_tables_and_links(tmp_path):
    project = mini_project(tmp_path / "p", {"demo/01_values.py": HOSTILE_DATA}, PAGE)
    done = build(project, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "site" / "index.html").read_text()
    assert ("It failed in &lt;module&gt;, at <code>&lt;module&gt;</code>, and wrote __pycache__ and "
            "&lt;b&gt;bold&lt;/b&gt;.") in html
    assert "<td>a|b</td>" in html, "a | in a value stays in its cell"
    assert 'href="https://example.org/?a=1&amp;b=&lt;2&gt;"' in html
    assert "<b>bold</b>" not in html and "EvidenceText" not in html


def test_text_formats_as_a_token_that_restores_escaped_and_compares_as_its_value():
    value = text.wrap({"frame": "<frozen os>"})["frame"]
    assert value == "<frozen os>" and value.startswith("<") and len(value) == 11, "a value is still its string"
    token = f"{value}"
    assert "<" not in token and text.restore(f"<p>{token}</p>") == "<p>&lt;frozen os&gt;</p>"
    assert text.restore(f"{value:>12}") == "&lt;frozen os&gt;".rjust(len("&lt;frozen os&gt;") + 1), "specs apply"
    assert text.markup(value) == "<frozen os>" and type(text.markup(value)) is text.Markdown, "the explicit way"
    assert f"{text.markup(value)}" == "<frozen os>", "markup formats as itself"
    assert text.leftovers("EvidenceText" + "0" * 20) == ["0" * 20]
