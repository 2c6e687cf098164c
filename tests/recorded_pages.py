"""Replays tests/recorded/<page>.json (made by `make record`): a page's declared runs as its template and module read
them, and the page rendered from them, with no interpreter, cache or registry probe."""

from __future__ import annotations

import html
import json
from pathlib import Path

import jinja2
import yaml

from evidence import macros, registry, runner, text
from evidence.page import BUILD, as_read
from evidence.runner import Result

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "tests" / "recorded"
PAGES = sorted(path.stem for path in FOLDER.glob("*.json"))


class Stale(AssertionError):
    """The recording no longer matches the page's front matter: run `make record`."""


def _split(page: str) -> tuple[dict, str]:
    source = (ROOT / "docs" / f"{page}.md").read_text()
    _, front, body = source.split("---\n", 2)
    return yaml.safe_load(front), body


def _run(declaration: macros.Declaration, recorded: dict | None) -> macros.Run:
    if recorded is None:
        return macros.Run(declaration, None)
    timing = declaration.options.get("timing", False)
    # The recording leaves the source out (scripts/evidence/recorded.py): it is read from snippets/ again.
    found = as_read(Result(**recorded, source=runner.read_source(declaration.snippet)), declaration.snippet, timing)
    return macros.Run(declaration, found, found.data)


def runs(page: str) -> dict:
    """{declared name: Run or Runs} for docs/<page>.md, from its recording."""
    meta, _ = _split(page)
    recording = json.loads((FOLDER / f"{page}.json").read_text())
    bound = {}
    for declaration in macros.declared(meta, f"{page}.md"):
        entry = recording["runs"].get(declaration.name)
        if entry is None or ("each" in entry) != (declaration.each is not None):
            raise Stale(f"tests/recorded/{page}.json has no recorded `{declaration.name}` as docs/{page}.md declares "
                        "it: run `make record`")
        if "each" in entry:
            bound[declaration.name] = macros.Runs(
                declaration, [registry.KINDS[item["key"]] for item in entry["each"]],
                [_run(declaration, item["result"]) for item in entry["each"]], newest=recording["newest"])
        else:
            bound[declaration.name] = _run(declaration, entry["result"])
    return bound


def render(page: str) -> str:
    """The page's Markdown as the build renders it from the same runs, fields filled and escaped."""
    _, body = _split(page)
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined, finalize=macros._field)
    environment.filters.update(macros.FILTERS)
    variables = {**macros.FUNCTIONS, **runs(page)}
    if (module := macros.page_module(f"{page}.md")) is not None:
        variables[module.__name__.rsplit(".", 1)[1]] = macros._PageCode(module)
    BUILD.start_page(f"{page}.md")
    BUILD.block_volatile = set()
    try:
        return text.restore(environment.from_string(body).render(variables))
    finally:
        BUILD.block_volatile = None


def shown(markup: str) -> str:
    """A table or chart as the reader sees it: values put back from their tokens, HTML entities read."""
    return html.unescape(text.restore(markup))


def escaped(value) -> str:
    """A value from the data as a restored table or output shows it: escaped for HTML."""
    return html.escape(str(value))


def cells(row: str) -> list[str]:
    """The cells of one Markdown table row, entities read."""
    return html.unescape(row).removeprefix("| ").removesuffix(" |").split(" | ")
