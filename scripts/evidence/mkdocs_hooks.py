"""ProperDocs hooks: tell the engine which page is rendering, and append each page's provenance note."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import pickle
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from properdocs import plugins
from properdocs.exceptions import PluginError

from evidence import highlight_cache, prefetch, registry, render, sandbox, text
from evidence.page import BUILD, fill_after_build, marking_volatile
from evidence.runner import TreeGuard
from evidence.settings import Project, Settings


def _commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=Project.root, capture_output=True, text=True).stdout.strip()

    commit = git("rev-parse", "--short=12", "HEAD") or "uncommitted"
    return commit + ("+local changes" if git("status", "--porcelain", "--untracked-files=no") else "")


def _only_pages() -> set[str]:
    """PAGE=bytecode (or bytecode,gil): build only those pages, so only their snippets run (make serve, make check)."""
    return {f"{name.strip().removesuffix('.md')}.md" for name in os.environ.get("PAGE", "").split(",") if name.strip()}


def on_config(config, **_):
    Project.use(Path(config.config_file_path).parent)
    if _only_pages():  # links and nav entries to the pages left out are expected, not mistakes
        for check in (config.validation.nav, config.validation.links):
            check.not_found = logging.INFO
        config.validation.links.anchors = logging.INFO
    highlight_cache.install()
    if not config.repo_url:
        config.edit_uri = None  # no repository to edit in (a local build without REPO_URL)
    render.SITE.update(repo_url=config.repo_url or "", commit=_commit(),
                       built=datetime.now(UTC).isoformat(timespec="seconds"))
    return config


def on_pre_build(config, **_):
    BUILD.reset()
    # markdown-exec registered its fences in its on_config; from here, an exec block whose output varies between
    # builds (it used a timing=True result, or called volatile()) is wrapped in volatile markers as a whole.
    for fence in config.mdx_configs.get("pymdownx.superfences", {}).get("custom_fences", []):
        fence["format"] = marking_volatile(fence["format"])
    TreeGuard.start()
    _report_confinement(Settings.from_environment())
    # Benchmark only: EVIDENCE_REPLAY renders from a recorded set of results, with no interpreter or cache work.
    if replay := os.environ.get("EVIDENCE_REPLAY"):
        BUILD.results.update(pickle.loads(Path(replay).read_bytes()))
    # EVIDENCE_REQUIRE (comma-separated keys or group names) lists interpreters this build must have: deploy sets all.
    required = [name.strip() for name in os.environ.get("EVIDENCE_REQUIRE", "").split(",") if name.strip()]
    for kind in registry.missing_required(required):
        render.log.error("evidence: the build requires %s (%s) but this machine does not have it; add it with: %s",
                         kind.title, kind.key, kind.how_to_add)


def _report_confinement(settings: Settings) -> None:
    # A build that cannot confine its snippets says so as an error (a strict build stops); serve goes on unconfined.
    if not settings.confine:
        render.log.info("evidence: EVIDENCE_CONFINE=off: snippets run unconfined; only a change to the repository's "
                        "working tree is noticed")
    elif reason := sandbox.unavailable():
        render.log.error("evidence: snippets cannot be confined on this machine, so they would run unconfined (only a "
                         "change to the repository's working tree is noticed): %s. Set EVIDENCE_CONFINE=off to "
                         "accept that knowingly.", reason)


def on_files(files, config, **_):
    # Run every snippet the pages declare in their front matter now, in parallel, so that rendering only reads
    # results. (A run an exec block asks for starts when the block renders, and the build says so at its end.)
    if only := _only_pages():
        if unknown := only - {f.src_uri for f in files.documentation_pages()}:
            raise PluginError(f"PAGE names no page of docs/: {', '.join(sorted(unknown))}")
        for file in [f for f in files.documentation_pages() if f.src_uri not in only]:
            files.remove(file)
    requests = [r for f in files.documentation_pages() for r in prefetch.declared_in(f.content_string, f.src_uri)]
    prefetch.run_all(requests)
    return files


@plugins.event_priority(100)  # before mkdocs-macros renders the page's fields, which ask for its results
def on_page_markdown(markdown, page, **_):
    BUILD.start_page(page.file.src_uri, page.url)
    return markdown


SECTIONS_NOT_SEARCHED = ("run-it-yourself", "further-reading")


def on_page_content(html, page, **_):
    # Values from evidence were held back from Markdown as tokens (text.py); here they return, escaped for HTML.
    # Code stays out of the search index, which every page loads: source listings, snippet outputs and the other
    # code blocks were two thirds of it, and filled its previews with code; the prose, tables and headings stay.
    # Material's search skips an element marked data-search-exclude, which no Markdown extension sets on a pymdownx
    # block, so the mark is added to the tags those blocks render as (a folded source, every highlighted block, the
    # output tabs of a run on several interpreters).
    html = html.replace('<details class="source">', '<details class="source" data-search-exclude>')
    html = html.replace('<div class="highlight">', '<div class="highlight" data-search-exclude>')
    html = html.replace('<div class="tabbed-labels">', '<div class="tabbed-labels" data-search-exclude>')
    html = html.replace('<div class="tabbed-content">', '<div class="tabbed-content" data-search-exclude>')
    # So do two sections of every layer page that are lists, not explanation: the snippets with their commands, and
    # the reading list (a sixth of the index between them). Material skips a section whose heading has the mark.
    for section in SECTIONS_NOT_SEARCHED:
        html = html.replace(f'<h2 id="{section}">', f'<h2 id="{section}" data-search-exclude>')
    return text.restore(html) + render.provenance(BUILD.used.get(page.file.src_uri, []))


def on_post_page(output, page, **_):
    # Runs after every page has been rendered, so the report can list the runs of the whole build.
    output = fill_after_build(output)
    output = text.restore(output)  # a value in a heading also reaches the table of contents and the title
    if left := text.leftovers(output):
        render.log.error("evidence: page docs/%s: %d value token(s) with no value behind them: %s",
                         page.file.src_uri, len(left), ", ".join(left[:3]))
    return output


def on_post_build(config, **_):
    if BUILD.late:  # each is a run the pages waited for, one at a time, instead of a run in the parallel batch
        render.log.info("evidence: %d run(s) started while pages rendered, not prefetched: %s", len(BUILD.late),
                        "; ".join(f"{r.snippet} ({r.python or 'build'})" for r in BUILD.late))
    # EVIDENCE_REPORT names a file to receive every run of this build as JSON (used by scripts/bench_build.py).
    if record := os.environ.get("EVIDENCE_RECORD"):
        Path(record).write_bytes(pickle.dumps(BUILD.results))
    if target := os.environ.get("EVIDENCE_REPORT"):
        runs = [dict(dataclasses.asdict(r), page=page) for page, results in BUILD.used.items() for r in results]
        Path(target).write_text(json.dumps(runs, indent=1))
