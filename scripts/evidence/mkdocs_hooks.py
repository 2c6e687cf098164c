"""ProperDocs hooks: tell the engine which page is rendering, and append each page's provenance note."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime

from evidence import render
from evidence.page import BUILD
from evidence.settings import ROOT


def _commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    commit = git("rev-parse", "--short=12", "HEAD") or "uncommitted"
    return commit + ("+local changes" if git("status", "--porcelain", "--untracked-files=no") else "")


def on_config(config, **_):
    if not config.repo_url:
        config.edit_uri = None  # no repository to edit in (a local build without REPO_URL)
    render.SITE.update(repo_url=config.repo_url or "", commit=_commit(),
                       built=datetime.now(UTC).isoformat(timespec="seconds"))
    return config


def on_page_markdown(markdown, page, **_):
    BUILD.start_page(page.file.src_uri, page.url)
    return markdown


def on_page_content(html, page, **_):
    return html + render.provenance(BUILD.used.get(page.file.src_uri, []))
