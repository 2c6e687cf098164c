"""Before pages render, finds every snippet run the pages ask for and runs them in parallel; timing ones run alone."""

from __future__ import annotations

import ast
import contextlib
import re
from concurrent.futures import ThreadPoolExecutor

from properdocs.utils import meta

from evidence import durations, macros, registry, render
from evidence.errors import EvidenceError
from evidence.page import BUILD, Request, produce
from evidence.settings import Settings

# Fenced blocks that markdown-exec executes: ```python exec="on" ...
_EXEC_BLOCK = re.compile(r"^(?P<fence>`{3,})python[^\n]*exec=\"(?:on|1|true)\"[^\n]*\n(?P<code>.*?)^(?P=fence)\s*$",
                         re.M | re.S)
_SNIPPET_ARG = {"show": 0, "data": 0, "result": 0, "say": 1, "show_each": 0, "results_each": 0}
_OPTIONS = {"python", "timeout", "args", "allow_failure", "reads", "timing"}


def _literal(node: ast.AST):
    return ast.literal_eval(node)


def requests_in(markdown: str) -> list[Request]:
    """The runs a page's exec blocks will ask for, read from their code; calls with computed arguments are skipped."""
    found: list[Request] = []
    for block in _EXEC_BLOCK.finditer(markdown):
        try:
            tree = ast.parse(block["code"])
        except SyntaxError:
            continue
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)):
            position = _SNIPPET_ARG.get(call.func.id)
            if position is None or len(call.args) <= position:
                continue
            try:
                snippet = _literal(call.args[position])
                options = {k.arg: _literal(k.value) for k in call.keywords if k.arg in _OPTIONS}
                group = _literal(call.args[1]) if call.func.id.endswith("_each") else None
            except (ValueError, TypeError, SyntaxError):
                continue
            options["args"] = tuple(options.get("args", ()))
            options["reads"] = tuple(options.get("reads", ()))
            if group is None:
                found.append(Request(snippet, **options))
            else:
                options.setdefault("allow_failure", True)
                found += [Request(snippet, **{**options, "python": key}) for key in registry.keys(group)
                          if registry.locate(key)]
    return found


def declared_in(markdown: str, where: str) -> list[Request]:
    """The runs a page declares in its front matter (`evidence:`, read by macros.py); a mistake there is logged,
    naming the page, and the page itself fails when it renders."""
    try:
        return [r for d in macros.declared(meta.get_data(markdown)[1], where) for r in d.requests()]
    except EvidenceError as error:
        render.log_failure(error)
        return []


def _prepare(python: str | None, settings: Settings) -> None:
    with contextlib.suppress(OSError, ValueError):  # the page's own call reports it, naming the page
        registry.resolve(python, settings.python)


def run_all(requests: list[Request], settings: Settings | None = None) -> None:
    """Produce every request not yet in BUILD: the ordinary ones in parallel, the timing ones one at a time."""
    settings = settings or Settings.from_environment()
    todo = [r for r in dict.fromkeys(requests) if r not in BUILD.results and r not in BUILD.failures]
    ordinary = [r for r in todo if not r.timing]
    # Longest first, by the wall time of the last run: the pool then ends with short runs, not one long run alone.
    known = durations.load(settings)
    ordinary.sort(key=lambda r: -known.get(durations.name(r), float("inf")))
    with ThreadPoolExecutor(max_workers=max(1, settings.workers)) as pool:
        # Each interpreter is isolated and fingerprinted first, side by side: probing Pyodide or Jython takes seconds.
        # The registry's lock makes a run that needs one still being prepared wait for it rather than prepare it again.
        prepared = [pool.submit(_prepare, python, settings) for python in dict.fromkeys(r.python for r in todo)]
        list(pool.map(produce, ordinary))
        for done in prepared:
            done.result()
    for request in todo:
        if request.timing:
            produce(request)
    durations.save(settings, {durations.name(r): BUILD.results[r].wall_seconds for r in todo if r in BUILD.results})
