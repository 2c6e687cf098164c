"""The highlight memo returns what Pygments would have, reuses it across pages, and never shares page-bound output."""

from __future__ import annotations

import markdown
import pytest
from pymdownx import highlight

from evidence import highlight_cache

BLOCK = "```python\nimport sys\nprint(sys.implementation.name)\n```\n"
HTML_TITLE = {"auto_title": True, "auto_title_map": {"Python": {"title": "<em>Python</em>", "mode": "html"}}}


def _page(text: str, **options) -> str:
    """One page's HTML, from a fresh Markdown instance, as ProperDocs makes one per page."""
    configs = {"pymdownx.highlight": options} if options else {}
    return markdown.markdown(text, extensions=["pymdownx.highlight", "pymdownx.superfences"],
                             extension_configs=configs)


@pytest.fixture
def memo(monkeypatch):
    pygments_only = highlight_cache._original
    monkeypatch.setattr(highlight.Highlight, "highlight", pygments_only)
    before = _page(BLOCK), _page(BLOCK, **HTML_TITLE), _page(BLOCK, linenums=True)
    calls = []

    def counting(self, *args, **kwargs):
        calls.append(args[0])
        return pygments_only(self, *args, **kwargs)

    monkeypatch.setattr(highlight_cache, "_original", counting)
    monkeypatch.setattr(highlight_cache, "_memo", type(highlight_cache._memo)())
    highlight_cache.install()
    return before, calls


def test_the_second_page_with_a_block_reuses_its_html_unchanged(memo):
    (plain, _titled, _numbered), calls = memo
    assert _page(BLOCK) == plain
    assert _page(BLOCK) == plain
    assert len(calls) == 1, "the second page's identical block should not reach Pygments"


def test_highlighter_settings_are_part_of_the_key(memo):
    (plain, _titled, numbered), calls = memo
    assert _page(BLOCK) == plain
    assert _page(BLOCK, linenums=True) == numbered != plain
    assert len(calls) == 2


def test_output_that_points_into_a_pages_html_stash_is_not_reused(memo):
    (_plain, titled, _numbered), calls = memo
    assert _page(BLOCK, **HTML_TITLE) == titled
    assert _page(BLOCK, **HTML_TITLE) == titled
    assert len(calls) == 2, "an HTML title lives in each page's own stash, so each page highlights it anew"
