"""What a page's exec block calls: run a snippet once per build, then show it, quote its data or state a claim."""

from __future__ import annotations

import collections
import dataclasses
import functools
import threading
from collections.abc import Callable
from dataclasses import dataclass

from evidence import cache, packages, registry, render, runner, text
from evidence.errors import EvidenceError
from evidence.runner import Result, run, snippet_path
from evidence.settings import Settings


@dataclass(frozen=True)
class Request:
    """One snippet run as a page asks for it; equal requests share one run per build."""

    snippet: str
    python: str | None = None
    timeout: float | None = None
    args: tuple[str, ...] = ()
    allow_failure: bool = False
    reads: tuple[str, ...] = ()  # project files the snippet reads: part of its cache key
    timing: bool = False  # measures time: runs alone, after the parallel batch


class _Build:
    """State of the current build: the page being rendered and every result produced so far."""

    def __init__(self) -> None:
        self.page: str | None = None
        self.page_url: str = ""
        self.results: dict[Request, Result] = {}
        self.failures: dict[Request, EvidenceError] = {}
        self.used: dict[str, list[Result]] = {}
        # Requests that differ only in how they name one interpreter ("build", "cpython-3.11") share a run.
        self.by_key: dict[str, Result] = {}
        self.key_locks: dict[str, threading.Lock] = collections.defaultdict(threading.Lock)
        # Why the exec block being rendered varies between builds ("timing", ...); None outside a block.
        self.block_volatile: set[str] | None = None
        # Requests a page asked for that the prefetch had not run: each one started while pages rendered.
        self.late: list[Request] = []
        # Fields filled in after every page has rendered (after_build): their marker, and what fills it.
        self.after: dict[str, Callable[[dict[str, list[Result]]], str]] = {}

    def reset(self) -> None:
        """Forget the previous build's results: `serve` rebuilds in the same process."""
        self.__init__()

    def start_page(self, page: str, url: str = "") -> None:
        self.page, self.page_url = page, url
        render.new_page()
        self.used[page] = []

    def note(self, result: Result) -> None:
        if self.page is not None and result not in self.used.setdefault(self.page, []):
            self.used[self.page].append(result)


BUILD = _Build()


def produce(request: Request) -> None:
    """Run (or load from the cache) one request and record its result or its failure in BUILD."""
    settings = Settings.from_environment()
    try:
        path = snippet_path(request.snippet)
        try:
            deps = packages.dependencies(path.read_text())
        except ValueError as error:
            raise EvidenceError(f"its inline script metadata is not usable: {error}", request.snippet) from None
        try:
            interpreter = packages.with_packages(registry.resolve(request.python, settings.python), deps, settings)
        except (OSError, ValueError) as error:
            raise EvidenceError(f"interpreter unavailable: {error}", request.snippet) from None
        # Not allow_failure: it decides what a page makes of a non-zero exit, not what the run does, so a page
        # that allows failure (a group of interpreters) and one that does not share a single run.
        options = {"timeout": request.timeout, "args": list(request.args)}
        cache_key = cache.key(path, interpreter.fingerprint, options, request.reads)
        with BUILD.key_locks[cache_key]:
            reuse = not (settings.fresh_timing and request.timing)
            found = BUILD.by_key.get(cache_key) or (cache.load(settings, cache_key) if reuse else None)
            if found is None:
                found = run(request.snippet, interpreter, settings, timeout=request.timeout, args=request.args,
                            allow_failure=True)
                cache.store(settings, cache_key, found)
            BUILD.by_key[cache_key] = found
        if found.exit_code != 0 and not request.allow_failure:
            cache.discard(settings, cache_key)  # a failed claim is run again by the next build, whoever stored it
            raise EvidenceError(f"exited with code {found.exit_code}", request.snippet, details=found.output[-4000:])
        BUILD.results[request] = found
    except OSError as error:
        BUILD.failures[request] = EvidenceError(f"could not be run: {error}", request.snippet)
    except EvidenceError as error:
        BUILD.failures[request] = error


def result(snippet: str, python: str | None = None, timeout: float | None = None, args: tuple[str, ...] = (),
           allow_failure: bool = False, reads: tuple[str, ...] = (), timing: bool = False) -> Result:
    """The result of running snippets/<snippet>; run once per build and interpreter, then reused.

    `python` is a registry key ("pypy", "cpython-3.12", ...) or a path; by default EVIDENCE_PYTHON or the build's own.
    """
    request = Request(snippet, python, timeout, tuple(args), allow_failure, tuple(reads), timing)
    if request not in BUILD.results and request not in BUILD.failures:
        BUILD.late.append(request)
        produce(request)
    if request in BUILD.failures:
        error = BUILD.failures[request]
        error = EvidenceError(error.cause, error.snippet, BUILD.page, error.details)
        render.log_failure(error)
        raise error
    found = BUILD.results[request]
    BUILD.note(found)
    if timing:
        _mark("timing")  # its output, and whatever the block computes from it, varies
    return as_read(found, snippet, timing)


def as_read(found: Result, snippet: str, timing: bool) -> Result:
    """A result as a page reads it: every string of its data is Text, which a page cannot print as markup by accident
    (see text.py); every dict names a missing key with the snippet; a timing run's values mark what reads them."""
    return dataclasses.replace(found, data=_page_data(text.wrap(found.data), snippet, timing))


def _mark(reason: str) -> None:
    if BUILD.block_volatile is not None:
        BUILD.block_volatile.add(reason)


class _Data(dict):
    """A snippet's data as a page reads it: a key it lacks is named with the snippet and the keys it has."""

    snippet = ""

    def __missing__(self, key):
        error = MissingKey(f"the page reads {key!r} from the snippet's data, which has no such key (it has: "
                           f"{', '.join(map(repr, dict.keys(self))) or 'none'})", self.snippet, BUILD.page)
        render.log_failure(error)
        raise error


class MissingKey(EvidenceError, KeyError):
    """A key the page reads that the snippet's data lacks (still a KeyError, for code that expects one)."""

    __str__ = EvidenceError.__str__


class _MeasuredDict(_Data):
    """Data of a timing run: reading it marks the exec block that reads it, even a later block of a session."""

    def __getitem__(self, key):
        _mark("timing")
        return super().__getitem__(key)

    def get(self, key, default=None):
        _mark("timing")
        return super().get(key, default)

    def __iter__(self):
        _mark("timing")
        return super().__iter__()

    def items(self):
        _mark("timing")
        return super().items()

    def values(self):
        _mark("timing")
        return super().values()


class _MeasuredList(list):
    """A list inside the data of a timing run, marked like `_MeasuredDict`."""

    def __getitem__(self, index):
        _mark("timing")
        return super().__getitem__(index)

    def __iter__(self):
        _mark("timing")
        return super().__iter__()


class _MeasuredInt(int):
    """A number from a timing run's data: a template field that prints it marks itself (macros.py), even where a
    loop read it ahead of the field."""

    _measured = True


class _MeasuredFloat(float):
    _measured = True


class _MeasuredText(text.Text):
    __slots__ = ()
    _measured = True


def _page_data(value, snippet: str, measured: bool):
    """JSON data with each dict made one that names a missing key; for a timing run (`measured`), every dict and
    list made one that marks the block reading it."""
    if isinstance(value, dict):
        found = (_MeasuredDict if measured else _Data)({k: _page_data(v, snippet, measured) for k, v in value.items()})
        found.snippet = snippet
        return found
    if isinstance(value, list):
        items = [_page_data(item, snippet, measured) for item in value]
        return _MeasuredList(items) if measured else items
    if measured and not isinstance(value, bool):
        measured_type = {int: _MeasuredInt, float: _MeasuredFloat, text.Text: _MeasuredText}.get(type(value))
        return measured_type(value) if measured_type else value
    return value


def measured(value):
    """`value` (dicts and lists of anything) made to mark whatever reads it as a timing measurement."""
    return _page_data(value, "", True)


def volatile(reason: str) -> None:
    """Mark the exec block that calls this as varying between builds for `reason` (see render.VOLATILE_REASONS).

    A block that asks for a `timing=True` result, or reads its data (even through a variable an earlier block of its
    session set), is marked "timing" without asking. Call this for output that legitimately differs from run to run
    for another reason, or that prints a measurement the engine cannot see it read (a number an earlier block parsed
    from a timing run's output); never to hide noise that could be made stable.
    """
    render.volatile("", reason)  # rejects an unknown reason
    if BUILD.block_volatile is None:
        raise RuntimeError("volatile() marks an exec block, so call it from one")
    BUILD.block_volatile.add(reason)


def marking_volatile(formatter):
    """Wrap markdown-exec's formatter so that the HTML of a block marked volatile is enclosed in volatile markers."""
    if getattr(formatter, "marks_volatile", False):
        return formatter

    @functools.wraps(formatter)
    def format_block(*args, **kwargs):
        outer, BUILD.block_volatile = BUILD.block_volatile, set()
        try:
            html = formatter(*args, **kwargs)
            reasons = BUILD.block_volatile
        finally:
            BUILD.block_volatile = outer
        if outer is not None:  # a block printed by a block: the outer one carries the marks
            outer |= reasons
            return html
        for reason in sorted(reasons):
            html = render.volatile(html, reason)
        return html

    format_block.marks_volatile = True
    return format_block


def after_build(fill: Callable[[dict[str, list[Result]]], str]) -> str:
    """A marker for the page, replaced once the whole build has rendered by `fill(runs used by each page)`: for
    content about the build itself, such as the report of every run."""
    marker = f"<!-- evidence-after-build-{len(BUILD.after)} -->"
    BUILD.after[marker] = fill
    return marker


def fill_after_build(html: str) -> str:
    """The page's HTML with every after_build marker replaced."""
    for marker, fill in BUILD.after.items():
        if marker in html:
            html = html.replace(marker, fill(BUILD.used))
    return html


def show(snippet: str, **options) -> str:
    """The Markdown for a snippet's output, its source folded above it, and how to run it."""
    return render.evidence_tabs(result(snippet, **options), BUILD.page_url, options.get("timing", False))


def show_result(found: Result, timing: bool = False) -> str:
    """The tabs for a result already in hand (one of `results_each`'s), as `show` renders them."""
    return render.evidence_tabs(found, BUILD.page_url, timing)


def results_each(snippet: str, group: str | list[str], **options) -> list[tuple[registry.Kind, Result | None]]:
    """The snippet run by every interpreter of a group ("implementations", "cpython-versions") or list of keys.

    Interpreters this machine lacks come back as None. A non-zero exit is kept as evidence, not a failure.
    """
    options.setdefault("allow_failure", True)
    return [(registry.KINDS[key], result(snippet, python=key, **options) if registry.locate(key) else None)
            for key in registry.keys(group)]


def show_each(snippet: str, group: str | list[str], **options) -> str:
    """The source folded, one output tab per interpreter that ran it, then what was not run and how to add it."""
    return render.evidence_tabs_each(snippet, results_each(snippet, group, **options), BUILD.page_url,
                                     options.get("timing", False), source=runner.read_source(snippet))


def data(snippet: str, **options):
    """The structured data the snippet wrote for the page (a dict or list), raising if it wrote none."""
    found = result(snippet, **options)
    if found.data is None:
        error = EvidenceError("wrote no data (EVIDENCE_DATA) but the page asked for it", snippet, BUILD.page)
        render.log_failure(error)
        raise error
    return found.data


def say(template: str, snippet: str, **options) -> str:
    """A sentence whose values come from a snippet's data: `{name}` fields are filled from it."""
    values = data(snippet, **options)
    if not isinstance(values, dict):
        error = EvidenceError(f"the page's sentence needs named values, but the snippet's data is a "
                              f"{type(values).__name__}, not a JSON object", snippet, BUILD.page)
        render.log_failure(error)
        raise error
    try:
        return template.format_map(values)
    except MissingKey as error:
        raise error from None
    except (IndexError, ValueError) as error:
        error = EvidenceError(f"the page's sentence {template!r} cannot be filled: {error}", snippet, BUILD.page)
        render.log_failure(error)
        raise error from None
