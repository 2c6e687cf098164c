"""Remembers Pygments' HTML for each code block, so a `serve` rebuild highlights only the blocks that changed."""

from __future__ import annotations

from collections import OrderedDict

from pymdownx.highlight import Highlight

LIMIT = 4096  # blocks remembered; the whole site shows about 200
_memo: OrderedDict[str, str] = OrderedDict()
_original = Highlight.highlight


def _settings(highlighter: Highlight) -> str:
    """Everything on the highlighter that shapes its output; `md` (the page's Markdown instance) does not."""
    return repr(sorted((name, value) for name, value in vars(highlighter).items() if name != "md"))


def _highlight(self: Highlight, src, language, *args, **kwargs):
    key = repr((src, language, args, sorted(kwargs.items()), _settings(self)))
    if (found := _memo.get(key)) is not None:
        _memo.move_to_end(key)
        return found
    stashed = len(self.md.htmlStash.rawHtmlBlocks)
    html = _original(self, src, language, *args, **kwargs)
    # An HTML title goes into this page's stash, and the output points at it: that output belongs to this page only.
    if len(self.md.htmlStash.rawHtmlBlocks) == stashed:
        _memo[key] = html
        if len(_memo) > LIMIT:
            _memo.popitem(last=False)
    return html


def install() -> None:
    """Routes pymdownx's highlighting through the memo; calling it again changes nothing."""
    Highlight.highlight = _highlight
