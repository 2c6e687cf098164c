"""What a page's exec block calls: run a snippet once per build, then show it, quote its data or state a claim."""

from __future__ import annotations

from evidence import render
from evidence.errors import EvidenceError
from evidence.interpreters import resolve
from evidence.runner import Result, run
from evidence.settings import Settings


class _Build:
    """State of the current build: the page being rendered and every result produced so far."""

    def __init__(self) -> None:
        self.page: str | None = None
        self.page_url: str = ""
        self.results: dict[tuple, Result] = {}
        self.used: dict[str, list[Result]] = {}

    def reset(self) -> None:
        """Forget the previous build's results: `serve` rebuilds in the same process."""
        self.__init__()

    def start_page(self, page: str, url: str = "") -> None:
        self.page, self.page_url = page, url
        self.used[page] = []

    def note(self, result: Result) -> None:
        if self.page is not None and result not in self.used.setdefault(self.page, []):
            self.used[self.page].append(result)


BUILD = _Build()


def result(snippet: str, python: str | None = None, timeout: float | None = None,
           args: tuple[str, ...] = ()) -> Result:
    """The result of running snippets/<snippet>; run once per build and interpreter, then reused."""
    settings = Settings.from_environment()
    try:
        interpreter = resolve(python, settings)
    except (OSError, ValueError) as error:
        raise EvidenceError(f"interpreter unavailable: {error}", snippet, BUILD.page) from None
    key = (snippet, str(interpreter.executable), timeout, tuple(args))
    if key not in BUILD.results:
        try:
            BUILD.results[key] = run(snippet, interpreter, settings, timeout=timeout, args=tuple(args))
        except EvidenceError as error:
            error = EvidenceError(error.cause, snippet, BUILD.page, error.details)
            render.log_failure(error)
            raise error from None
    found = BUILD.results[key]
    BUILD.note(found)
    return found


def show(snippet: str, **options) -> str:
    """The Markdown for a snippet's source and output, side by side in tabs, with how to run it."""
    return render.evidence_tabs(result(snippet, **options), BUILD.page_url)


def data(snippet: str, **options):
    """The structured data the snippet wrote for the page (a dict or list), raising if it wrote none."""
    found = result(snippet, **options)
    if found.data is None:
        raise EvidenceError("wrote no data (EVIDENCE_DATA) but the page asked for it", snippet, BUILD.page)
    return found.data


def say(template: str, snippet: str, **options) -> str:
    """A sentence whose values come from a snippet's data: `{name}` fields are filled from it."""
    values = data(snippet, **options)
    try:
        return template.format(**values)
    except KeyError as missing:
        raise EvidenceError(f"the page's sentence needs {missing} but the snippet's data has no such key",
                            snippet, BUILD.page) from None
