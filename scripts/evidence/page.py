"""What a page's exec block calls: run a snippet once per build, then show it, quote its data or state a claim."""

from __future__ import annotations

from evidence import registry, render
from evidence.errors import EvidenceError
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


def _fail(error: EvidenceError) -> EvidenceError:
    error = EvidenceError(error.cause, error.snippet, BUILD.page, error.details)
    render.log_failure(error)
    return error


def result(snippet: str, python: str | None = None, timeout: float | None = None, args: tuple[str, ...] = (),
           allow_failure: bool = False) -> Result:
    """The result of running snippets/<snippet>; run once per build and interpreter, then reused.

    `python` is a registry key ("pypy", "cpython-3.12", ...) or a path; by default EVIDENCE_PYTHON or the build's own.
    """
    settings = Settings.from_environment()
    try:
        interpreter = registry.resolve(python, settings.python)
    except (OSError, ValueError) as error:
        raise _fail(EvidenceError(f"interpreter unavailable: {error}", snippet)) from None
    key = (snippet, interpreter.argv, timeout, tuple(args), allow_failure)
    if key not in BUILD.results:
        try:
            BUILD.results[key] = run(snippet, interpreter, settings, timeout=timeout, args=tuple(args),
                                     allow_failure=allow_failure)
        except EvidenceError as error:
            raise _fail(error) from None
    found = BUILD.results[key]
    BUILD.note(found)
    return found


def show(snippet: str, **options) -> str:
    """The Markdown for a snippet's source and output, side by side in tabs, with how to run it."""
    return render.evidence_tabs(result(snippet, **options), BUILD.page_url)


def results_each(snippet: str, group: str | list[str], **options) -> list[tuple[registry.Kind, Result | None]]:
    """The snippet run by every interpreter of a group ("implementations", "cpython-versions") or list of keys.

    Interpreters this machine lacks come back as None. A non-zero exit is kept as evidence, not a failure.
    """
    keys = registry.GROUPS[group] if isinstance(group, str) else group
    options.setdefault("allow_failure", True)
    return [(registry.KINDS[key], result(snippet, python=key, **options) if registry.locate(key) else None)
            for key in keys]


def show_each(snippet: str, group: str | list[str], **options) -> str:
    """One Source tab and one output tab per interpreter that ran it, then what was not run and how to add it."""
    return render.evidence_tabs_each(snippet, results_each(snippet, group, **options), BUILD.page_url)


def data(snippet: str, **options):
    """The structured data the snippet wrote for the page (a dict or list), raising if it wrote none."""
    found = result(snippet, **options)
    if found.data is None:
        raise _fail(EvidenceError("wrote no data (EVIDENCE_DATA) but the page asked for it", snippet))
    return found.data


def say(template: str, snippet: str, **options) -> str:
    """A sentence whose values come from a snippet's data: `{name}` fields are filled from it."""
    values = data(snippet, **options)
    try:
        return template.format(**values)
    except KeyError as missing:
        raise _fail(EvidenceError(f"the page's sentence needs {missing} but the snippet's data has no such key",
                                  snippet)) from None
