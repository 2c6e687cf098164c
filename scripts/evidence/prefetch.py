"""Before pages render, runs every snippet run the pages declare, in parallel; timing ones run alone after them."""

from __future__ import annotations

import contextlib
from concurrent.futures import ThreadPoolExecutor

from properdocs.utils import meta

from evidence import durations, macros, registry, render
from evidence.errors import EvidenceError
from evidence.page import BUILD, Request, produce
from evidence.settings import Settings


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
