"""ProperDocs hooks: tell the engine which page is rendering, and append each page's provenance note."""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from evidence import highlight_cache, prefetch, registry, render, report
from evidence.page import BUILD, marking_volatile
from evidence.runner import TreeGuard
from evidence.settings import Project


def _commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=Project.root, capture_output=True, text=True).stdout.strip()

    commit = git("rev-parse", "--short=12", "HEAD") or "uncommitted"
    return commit + ("+local changes" if git("status", "--porcelain", "--untracked-files=no") else "")


def on_config(config, **_):
    Project.use(Path(config.config_file_path).parent)
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
    # Benchmark only: EVIDENCE_REPLAY renders from a recorded set of results, with no interpreter or cache work.
    if replay := os.environ.get("EVIDENCE_REPLAY"):
        BUILD.results.update(pickle.loads(Path(replay).read_bytes()))
    # EVIDENCE_REQUIRE (comma-separated keys or group names) lists interpreters this build must have: deploy sets all.
    required = [name.strip() for name in os.environ.get("EVIDENCE_REQUIRE", "").split(",") if name.strip()]
    for kind in registry.missing_required(required):
        render.log.error("evidence: the build requires %s (%s) but this machine does not have it; add it with: %s",
                         kind.title, kind.key, kind.how_to_add)


def on_files(files, config, **_):
    # Run every snippet the pages ask for now, in parallel, so that rendering only reads results.
    requests = [r for f in files.documentation_pages() for r in prefetch.requests_in(f.content_string)]
    prefetch.run_all(requests)
    return files


def on_page_markdown(markdown, page, **_):
    BUILD.start_page(page.file.src_uri, page.url)
    return markdown


def on_page_content(html, page, **_):
    return html + render.provenance(BUILD.used.get(page.file.src_uri, []))


def on_post_page(output, page, **_):
    # Runs after every page has been rendered, so the report can list the runs of the whole build.
    if report.REPORT_MARKER in output:
        output = output.replace(report.REPORT_MARKER, report.run_report(BUILD.used))
    return output


def on_post_build(config, **_):
    # EVIDENCE_REPORT names a file to receive every run of this build as JSON (used by scripts/bench_build.py).
    if record := os.environ.get("EVIDENCE_RECORD"):
        Path(record).write_bytes(pickle.dumps(BUILD.results))
    if target := os.environ.get("EVIDENCE_REPORT"):
        runs = [dict(dataclasses.asdict(r), page=page) for page, results in BUILD.used.items() for r in results]
        Path(target).write_text(json.dumps(runs, indent=1))
