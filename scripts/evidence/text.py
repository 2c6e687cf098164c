"""Values from evidence reach a page as text, never as markup: each is held back from Markdown and escaped in HTML.

A snippet's data can hold anything (a traceback's `<module>`, `__pycache__`, a `|`, a package summary). If those
strings went into the Markdown a page prints, Markdown and HTML would read them: `<module>` would vanish as an
unknown tag, `__pycache__` would turn bold, a `|` would split a table cell. So every string in a snippet's data is a
`Text`: formatting it (an f-string, `str.format`, `say`) writes an opaque token instead of the value. Markdown passes
the token through untouched, wherever it stands (prose, a table, a code span, a link), and after rendering the hooks
put the value back, escaped for HTML (`restore`). A value shows exactly as the snippet wrote it.

The one explicit way to put markup on a page is a plain `str`: what the engine's render functions return (tables,
charts, links) and what the page's own code writes. `markup(value)` turns a value into a plain `str` on purpose.

Why not an existing library: MarkupSafe (Jinja's) escapes for HTML only, and its escaped text would still be read
as Markdown (`__pycache__`, `*`, `|`), while a value inside a code span would show its entities (`&lt;`).
"""

from __future__ import annotations

import hashlib
import html
import re

_VALUES: dict[str, str] = {}  # token -> value, for every value formatted in this process
_TOKEN = re.compile(r"EvidenceText([0-9a-f]{20})")


def _token(value: str) -> str:
    # Letters and digits only, so no Markdown or Pygments rule splits it; the same value always gets the same
    # token, so builds stay identical and the highlight memo stays valid.
    token = "EvidenceText" + hashlib.blake2b(value.encode("utf-8", "surrogatepass"), digest_size=10).hexdigest()
    _VALUES[token] = value
    return token


class Text(str):
    """A string from a snippet's data: compares, hashes and slices as its value; formats as a token (see module)."""

    __slots__ = ()

    def __format__(self, spec: str) -> str:
        return _token(format(str(self), spec))


def markup(value: str) -> str:
    """The value as a plain `str`, which a page prints as Markdown: only for values that are markup on purpose."""
    return str.__str__(value)


def wrap(value):
    """JSON data with every string in it (keys too) made `Text`; dicts and lists are copied, numbers kept."""
    if isinstance(value, str):
        return Text(value)
    if isinstance(value, dict):
        return {Text(key) if isinstance(key, str) else key: wrap(item) for key, item in value.items()}
    if isinstance(value, list):
        return [wrap(item) for item in value]
    return value


def restore(rendered: str) -> str:
    """The rendered HTML with every token replaced by its value, escaped for HTML (text and attributes alike)."""
    return _TOKEN.sub(lambda m: html.escape(_VALUES[m.group(0)]) if m.group(0) in _VALUES else m.group(0), rendered)


def leftovers(rendered: str) -> list[str]:
    """Tokens no value of this process stands behind (there should be none)."""
    return sorted(set(_TOKEN.findall(rendered)))
