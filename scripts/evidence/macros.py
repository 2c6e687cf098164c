"""Evidence in Markdown prose: the mkdocs-macros pluglet that binds a page's declared runs to Jinja fields.

A page declares the runs it shows once, in its front matter, and writes its prose in Markdown around them:

    ---
    render_macros: true
    evidence:
      io: {snippet: gil/02_io_bound.py, timing: true}
      ft: {snippet: gil/01_cpu_scaling.py, python: free-threaded, timing: true}
    ---
    {{ show(io) }}

    One after another, {{ io.data.requests }} waits of {{ io.data.delay_ms | fmt(".0f") }} ms add up.
    {% if ft %}The free-threaded build ran it too.{% endif %}

Each declared name is a `Run` (or, with `each:`, a `Runs`); one whose interpreter this machine lacks is empty and
false, so `{% if %}` keeps a passage to the builds where it ran. The prefetcher reads the same declarations
(`declared`), so every run starts before the first page renders.

Every field is text unless the engine made it: a value from data is held back and escaped like any other
(text.py), and only what `show()` and the page modules return is Markdown. A field that reads a timing run's data
is marked volatile (it differs between builds) by itself, as exec blocks are.

Why mkdocs-macros and not a template layer of our own: it is the maintained way to put Jinja2 in MkDocs pages, its
`{% if %}`, loops and filters are documented for any writer, and it runs under ProperDocs beside markdown-exec (every
page of this site is rendered through it). What it lacks, this module adds through its documented hooks: the
front-matter declarations, escaping by default (Jinja's `finalize`) and the volatile marks.
"""

from __future__ import annotations

import functools
import importlib
import json
import posixpath
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from properdocs.exceptions import PluginError

from evidence import packages, page, recorded, registry, render, runner, text
from evidence.errors import EvidenceError
from evidence.page import BUILD, Request
from evidence.runner import Result
from evidence.settings import Project

# What a declaration may say, besides `snippet`; `each` is a group or list of registry keys, and `commands` one whose
# interpreters this machine has, passed to the snippet as one JSON argument: [[label, argv...], ...]; `pythons` a
# list of registry keys whose executables this machine has, passed as arguments (a snippet that makes its own venvs).
_OPTIONS = {"python", "timeout", "args", "allow_failure", "reads", "timing", "each", "commands", "pythons"}


@dataclass(frozen=True)
class Declaration:
    """One name in a page's `evidence:` front matter: the request(s) it stands for."""

    name: str
    snippet: str
    options: dict

    @property
    def each(self) -> str | list[str] | None:
        return self.options.get("each")

    def request_options(self) -> dict:
        found = {k: v for k, v in self.options.items() if k not in ("each", "commands", "pythons")}
        if "commands" in self.options:
            found["args"] = (json.dumps(_commands(self.options["commands"])),)
        if "pythons" in self.options:
            found["args"] = tuple(argv[0] for key in registry.keys(self.options["pythons"])
                                  if (argv := registry.locate(key)))
        if found.get("python") in registry.NEWEST:  # "free-threaded": the newest such build this machine has
            found["python"] = registry.newest(found["python"])
        found["args"] = tuple(found.get("args", ()))
        found["reads"] = tuple(found.get("reads", ()))
        return found

    def requests(self) -> list[Request]:
        """The runs this declaration needs on this machine (an interpreter it lacks needs none)."""
        options = self.request_options()
        if self.each is None:
            python = options.get("python")
            return [Request(self.snippet, **options)] if _available(python) else []
        options.setdefault("allow_failure", True)
        return [Request(self.snippet, **{**options, "python": key}) for key in registry.keys(self.each)
                if registry.locate(key)]


@functools.cache
def _commands_of(keys: tuple[str, ...]) -> list[list[str]]:
    here = [key for key in keys if registry.locate(key)]
    with ThreadPoolExecutor(max_workers=max(1, len(here))) as pool:  # probing Jython or Pyodide takes seconds
        found = list(pool.map(registry.interpreter, here))
    return [[render.interpreter_label(i.fingerprint), *i.argv] for i in found]


def _commands(group: str | list[str]) -> list[list[str]]:
    """How this build runs each interpreter of `group` it has, labelled: what a snippet that times them needs."""
    return _commands_of(tuple(registry.keys(group)))


def _available(python: str | None) -> bool:
    # A registry key may be missing on this machine; a path, or the build's own interpreter, is left to the run,
    # which names the page when it is not there.
    return python not in registry.KINDS or bool(registry.locate(python))


def declared(meta: dict, where: str) -> list[Declaration]:
    """The declarations of a page's front matter (`where` is its path under docs/), checked: a mistake names the
    page and the entry."""
    entries = meta.get("evidence") or {}
    if not isinstance(entries, dict):
        raise EvidenceError(f"its front matter's `evidence:` must map names to snippets, not {entries!r}", page=where)
    found = []
    for name, entry in entries.items():
        spec = {"snippet": entry} if isinstance(entry, str) else entry
        if not isinstance(spec, dict) or not isinstance(spec.get("snippet"), str):
            raise EvidenceError(f"evidence `{name}` needs a snippet path (`{name}: layer/NN_name.py`), got "
                                f"{entry!r}", page=where)
        unknown = set(spec) - _OPTIONS - {"snippet"}
        if unknown:
            raise EvidenceError(f"evidence `{name}` has unknown options {sorted(unknown)}; known: "
                                f"{sorted(_OPTIONS)}", spec["snippet"], where)
        found.append(Declaration(name, spec["snippet"], {k: v for k, v in spec.items() if k != "snippet"}))
    return found


def _fail(cause: str, snippet: str | None = None) -> EvidenceError:
    """The error for a page's mistake, logged at once (mkdocs-macros reports a template's exception in its own
    words, without the page's snippet), to be raised."""
    error = EvidenceError(cause, snippet, BUILD.page)
    render.log_failure(error)
    return error


class Run:
    """A declared run as a page reads it: `data`, `output`, `exit_code`, `label` (its interpreter) and `result`.

    Empty (false in `{% if %}`) when the interpreter it asks for is not on this machine.
    """

    def __init__(self, declaration: Declaration, result: Result | None, data=None,
                 failure: EvidenceError | None = None):
        self.declaration, self.result, self._data, self.failure = declaration, result, data, failure

    def __bool__(self) -> bool:
        return self.result is not None

    @property
    def data(self):
        if self.failure is not None:  # logged when it failed; the page stops here, and the build goes on to others
            raise self.failure
        if self.result is None:
            raise _fail(f"the page reads `{self.declaration.name}.data`, but this build did not run it (its "
                        f"interpreter is missing): put the passage inside {{% if {self.declaration.name} %}}",
                        self.declaration.snippet)
        if self._data is None:
            raise _fail("wrote no data (EVIDENCE_DATA) but the page asked for it", self.declaration.snippet)
        return self._data

    @property
    def kind(self) -> registry.Kind | None:
        """The registry entry of the interpreter it asks for (None for the build's own or a path)."""
        python = self.declaration.options.get("python")  # not request_options(): that probes `commands:` interpreters
        return registry.KINDS.get(registry.newest(python) if python in registry.NEWEST else python)

    @property
    def label(self) -> str:
        return text.Text(render.interpreter_label(self.result.interpreter))

    def __getattr__(self, name):  # output, exit_code, wall_seconds, command, ... of the result
        if name.startswith("_") or self.result is None:
            raise AttributeError(name)
        if self.declaration.options.get("timing") and BUILD.block_volatile is not None:
            BUILD.block_volatile.add("timing")  # a timing run's output and times vary
        value = getattr(self.result, name)
        return text.Text(value) if isinstance(value, str) else value


class Runs(list):
    """A declaration with `each:`: one `Run` per interpreter of the group, those that ran first; false if none ran."""

    def __init__(self, declaration: Declaration, kinds: list, runs: list[Run], newest: dict[str, str] | None = None):
        super().__init__(r for r in runs if r)
        self.declaration, self.kinds, self.all = declaration, kinds, runs
        # The key each NEWEST name ("newest-cpython") stood for when the runs were made: this machine's unless given
        # (runs recorded on another machine, as the page-module tests replay them).
        self.newest = newest or {}

    def _key(self, name: str) -> str:
        if name not in registry.NEWEST:
            return name
        return self.newest.get(name) or registry.newest(name)

    def by_key(self) -> dict[str, Run]:
        """The runs that happened, by registry key ("pypy", "cpython-3.12", ...)."""
        return {kind.key: r for kind, r in zip(self.kinds, self.all, strict=True) if r}

    def of(self, name: str) -> Run | None:
        """The run of one registry key, or of the one interpreter a name such as "newest-cpython" stands for."""
        return self.by_key().get(self._key(name))

    def labels(self, *leaving_out: str) -> list[str]:
        """The interpreters that ran it, as labels, leaving out the given registry keys (or names that stand for
        one, such as "newest-cpython")."""
        skip = {self._key(n) for n in leaving_out}
        return [r.label for key, r in self.by_key().items() if key not in skip]


def bind(declaration: Declaration):
    """The page's value for one declaration, from this build's results (prefetched before pages render)."""
    options = declaration.request_options()
    if declaration.each is None:
        if not _available(options.get("python")):
            return Run(declaration, None)
        found = page.result(declaration.snippet, **options)
        return Run(declaration, found, found.data)
    pairs = page.results_each(declaration.snippet, declaration.each, **options)
    return Runs(declaration, [kind for kind, _ in pairs],
                [Run(declaration, r, r.data if r else None) for _, r in pairs])


def listed(names) -> text.Markdown:
    """`{{ labels | listed }}`: names joined as in a sentence ("a", "a and b", "a, b and c"), each still text."""
    names = [f"{text.Text(n) if isinstance(n, str) else n}" for n in names]
    return text.Markdown(" and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names))


def _here() -> str:
    """Where links in a page's Markdown start from: its source file's folder, since the build checks such links and
    rewrites them for the page's URL (unlike the HTML an exec block prints, which links from the URL)."""
    folder = posixpath.dirname(BUILD.page or "")
    return f"{folder}/" if folder else ""


def show(run: Run | Runs) -> text.Markdown:
    """The evidence block of a declared run: its output (one tab per interpreter for `each`), source, how to run it."""
    timing = run.declaration.options.get("timing", False)
    if timing:
        page.volatile("timing")  # its output and run line vary, as an exec block showing it does
    if isinstance(run, Runs):
        pairs = [(kind, r.result) for kind, r in zip(run.kinds, run.all, strict=True)]
        return text.Markdown(render.evidence_tabs_each(run.declaration.snippet, pairs, _here(), timing,
                                                       source=runner.read_source(run.declaration.snippet)))
    if run.failure is not None:
        return text.Markdown(f'!!! failure "Evidence failed"\n\n    {text.Text(run.failure)}\n')
    if not run:
        raise _fail("the page shows a run this build did not make (its interpreter is missing): put it inside "
                    f"{{% if {run.declaration.name} %}}", run.declaration.snippet)
    return text.Markdown(render.evidence_tabs(run.result, _here(), timing))


def not_run(run: Run) -> text.Markdown:
    """The note a page shows where a declared run's interpreter is missing: what it is and how to add it."""
    return text.Markdown(render.not_run_note([run.kind] if run.kind else []))


def volatile(reason: str, caller=None) -> text.Markdown:
    """`{% call volatile("timing") %}...{% endcall %}`: a passage whose choice varies between builds (an `{% if %}`
    on a timing run's data), marked as a whole; a field alone is marked by itself."""
    if caller is None:
        raise _fail("volatile() marks a passage: write {% call volatile(\"timing\") %}...{% endcall %}")
    passage = caller()
    if BUILD.block_volatile is not None:
        BUILD.block_volatile.clear()  # reads inside the passage are marked by it, not by the field after it
    if passage.startswith("\n"):  # a passage of whole paragraphs: its marks go on lines of their own
        return text.Markdown(render.volatile(f"\n\n{passage.strip(chr(10))}\n\n", reason))
    return text.Markdown(render.volatile(passage, reason))  # inside a sentence: so are its marks


def fmt(value, spec: str = "") -> str:
    """`{{ x | fmt(".2f") }}`: Python's format mini-language, as in an f-string (`{x:.2f}`)."""
    if getattr(value, "_measured", False) and BUILD.block_volatile is not None:
        BUILD.block_volatile.add("timing")  # the field printing it comes next, and marks itself
    return format(str.__str__(value) if isinstance(value, text.Text) else value, spec)


def _field(value) -> str:
    """Jinja's `finalize`: every field is text unless the engine made it Markdown, and says if it varies.

    A value is written as a token (text.py) and put back after rendering: escaped, and marked volatile in the HTML
    when it came from a timing run, wherever it stands (a code span, the start of a line). Markdown the engine made
    stays Markdown; a table, chart or evidence block that varies is marked on lines of its own.
    """
    pending = (BUILD.block_volatile or set()) | ({"timing"} if getattr(value, "_measured", False) else set())
    reasons, BUILD.block_volatile = tuple(sorted(pending)), set()
    if isinstance(value, text.Markdown):
        shown = str.__str__(value)
        if not reasons:
            return shown
        if "\n" in shown or shown.startswith("<"):  # a block: the field stands on a line of its own
            for reason in reasons:
                shown = render.volatile(f"\n\n{shown}\n\n", reason)
            return shown
        return text.token(shown, reasons, escape=False)  # inline markup: text, or HTML, with values inside
    if isinstance(value, bool | int | float):
        return text.token(str(value), reasons) if reasons else str(value)
    if isinstance(value, str):
        return text.token(str.__str__(value), reasons)
    raise _fail(f"a field printed {type(value).__name__} {value!r}: print a value from data, a formatted number "
                "(`| fmt('.2f')`) or what show() returns")


class _PageCode:
    """A page's own module (scripts/pages/<page>.py) as templates see it: what its functions return is Markdown."""

    def __init__(self, module):
        self._module = module

    def __getattr__(self, name):
        function = getattr(self._module, name)
        if not callable(function):
            return function  # a constant of the page's code (a threshold, a margin)

        def call(*args, **kwargs):
            before, BUILD.block_volatile = BUILD.block_volatile or set(), set()
            # Handed a timing run, the code may read its output or timings, which no data access marks.
            runs = [a for a in (*args, *kwargs.values()) if isinstance(a, Run | Runs)]
            if any(a.declaration.options.get("timing") for a in runs):
                BUILD.block_volatile.add("timing")
            try:
                found = function(*args, **kwargs)
            except AssertionError as error:  # a claim failed: its message names values, not the tokens of them
                error.args = tuple(text.plain(a) if isinstance(a, str) else a for a in error.args)
                raise
            finally:
                read, BUILD.block_volatile = BUILD.block_volatile, before | BUILD.block_volatile
            if isinstance(found, str) and not isinstance(found, text.Text):
                return text.Markdown(found)
            # Values computed from a timing run's data mark the fields that print them later, as the data does.
            return page.measured(found) if "timing" in read else found

        return call


def page_module(src_uri: str):
    """scripts/pages/<page>.py for docs/<page>.md (dashes become underscores), or None."""
    name = src_uri.removesuffix(".md").replace("-", "_").replace("/", ".")
    try:
        return importlib.import_module(f"pages.{name}")
    except ModuleNotFoundError as error:
        if error.name not in ("pages", f"pages.{name}"):
            raise
        return None


def snippet_list(layer: str) -> text.Markdown:
    """A table of a layer's snippets, each linked for download, with what it shows (its first comment line) and,
    where any of them declares packages (PEP 723), what each needs."""
    paths = sorted((Project.snippets() / layer).glob("[0-9]*.py"))
    needs = {p: [d for d in packages.dependencies(p.read_text()) if not d.startswith("--")] for p in paths}
    with_needs = any(needs.values())
    rows = ["| Snippet | What it shows | Needs |" if with_needs else "| Snippet | What it shows |",
            "|---|---|---|" if with_needs else "|---|---|"]
    for path in paths:
        purpose = path.read_text().splitlines()[0].removeprefix("# ")  # the project's own words: Markdown
        link = render.url_from_page(f"snippets/{layer}/{path.name}", _here())
        extra = f" {', '.join(f'`{d}`' for d in needs[path]) or 'the standard library'} |" if with_needs else ""
        rows.append(f"| [`{path.name}`]({link}) | {purpose} |{extra}")
    return text.Markdown("\n".join(rows))


# What every page's template can call, and its filters: for mkdocs-macros below, and for tests that render a page.
FUNCTIONS = {f.__name__: f for f in (show, not_run, volatile, snippet_list)}
FILTERS = {f.__name__: f for f in (fmt, listed)}


def define_env(env) -> None:
    """Called by mkdocs-macros once per build: the functions and filters every page can use."""
    for function in FUNCTIONS.values():
        env.macro(function)
    for function in FILTERS.values():
        env.filter(function)


_BOUND: list[str] = []  # names bound for the page being rendered, unbound after it


def on_pre_page_macros(env) -> None:
    """Before a page's template renders: bind its declared runs and its own module; track volatile fields."""
    env.env.finalize = _field  # read when the page's template is compiled, just after this
    src_uri = env.page.file.src_uri
    try:
        declarations = declared(env.page.meta, src_uri)
    except EvidenceError as error:  # the prefetch logged it already
        raise PluginError(f"evidence: {error}") from None
    bound = {}
    for declaration in declarations:
        try:
            bound[declaration.name] = bind(declaration)
        except EvidenceError as error:  # logged by page.result, naming the page: shown where the page shows it
            bound[declaration.name] = Run(declaration, None, failure=error)
        env.variables[declaration.name] = bound[declaration.name]
        _BOUND.append(declaration.name)
    recorded.save(src_uri, bound)  # with EVIDENCE_RECORD_PAGES only: the runs the page-module tests replay
    if (module := page_module(src_uri)) is not None:
        name = module.__name__.rsplit(".", 1)[1]
        env.variables[name] = _PageCode(module)
        _BOUND.append(name)
    BUILD.block_volatile = set()


def on_post_page_macros(env) -> None:
    BUILD.block_volatile = None
    for name in _BOUND:
        env.variables.pop(name, None)
    _BOUND.clear()
