"""Values from evidence reach a page as text, never as markup: each is held back from Markdown and escaped in HTML.

A snippet's data can hold anything (a traceback's `<module>`, `__pycache__`, a `|`, a package summary). If those
strings went into the Markdown a page prints, Markdown and HTML would read them: `<module>` would vanish as an
unknown tag, `__pycache__` would turn bold, a `|` would split a table cell. So every string in a snippet's data is a
`Text`: formatting it (an f-string, `str.format`, `say`) writes an opaque token instead of the value. Markdown passes
the token through untouched, wherever it stands (prose, a table, a code span, a link), and after rendering the hooks
put the value back, escaped for HTML (`restore`). A value shows exactly as the snippet wrote it.

In an exec block, markup is a plain `str`: what the engine's render functions return (tables, charts, links) and
what the block's own code writes. In a page with fields (macros.py), every field is text except `Markdown`, which
`show()`, the page's module and `markup(value)` return: the one explicit way to print a value as markup.

Why not an existing library: MarkupSafe (Jinja's) escapes for HTML only, and its escaped text would still be read
as Markdown (`__pycache__`, `*`, `|`), while a value inside a code span would show its entities (`&lt;`).
"""

from __future__ import annotations

import hashlib
import html
import re

_VALUES: dict[str, tuple[str, tuple[str, ...], bool]] = {}  # token -> (value, volatile reasons, escape?)
_TOKEN = re.compile(r"EvidenceText([0-9a-f]{20})")


def token(value: str, volatile: tuple[str, ...] = (), escape: bool = True) -> str:
    """The token that stands for `value` until `restore`; `volatile` names why it varies between builds (its HTML is
    then marked, as render.volatile does), and `escape=False` puts back HTML the engine made (tokens inside it are
    put back too)."""
    # Letters and digits only, so no Markdown or Pygments rule splits it; the same value always gets the same
    # token, so builds stay identical and the highlight memo stays valid.
    key = "\0".join([value, *volatile, "raw" if not escape else ""])
    found = "EvidenceText" + hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=10).hexdigest()
    _VALUES[found] = (value, tuple(volatile), escape)
    return found


class Text(str):
    """A string from a snippet's data: compares, hashes and slices as its value; formats as a token (see module)."""

    __slots__ = ()

    def __format__(self, spec: str) -> str:
        return token(format(str(self), spec))


class Markdown(str):
    """Markup on purpose: what the engine's render functions and a page's own module return. A template field
    prints it as it is (macros.py); an f-string formats it as a plain string."""

    __slots__ = ()


def markup(value: str) -> Markdown:
    """The value as Markdown, which a page prints as it is: only for values that are markup on purpose."""
    return Markdown(str.__str__(value))


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
    from evidence.render import volatile  # render imports the engine's runner; text is imported before it

    def value(match: re.Match) -> str:
        if match.group(0) not in _VALUES:
            return match.group(0)
        found, reasons, escape = _VALUES[match.group(0)]
        shown = html.escape(found) if escape else _TOKEN.sub(value, found)
        for reason in reasons:
            shown = volatile(shown, reason)
        return shown

    return _TOKEN.sub(value, rendered)


def plain(message: str) -> str:
    """A message for a log or a failed claim, with every token replaced by its value as it is (no HTML)."""
    return _TOKEN.sub(lambda match: _VALUES[match.group(0)][0] if match.group(0) in _VALUES else match.group(0),
                      message)


def leftovers(rendered: str) -> list[str]:
    """Tokens no value of this process stands behind (there should be none)."""
    return sorted(set(_TOKEN.findall(rendered)))
