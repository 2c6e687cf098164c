"""Every snippet runs on its own, is used by a page, and every snippet a page names exists."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
from properdocs.utils import meta

from evidence import macros
from evidence.packages import dependencies
from evidence.runner import companions
from helpers import ROOT, tree_state

ALL = sorted((ROOT / "snippets").rglob("*.py"))
# A module beside snippets that they import (snippets/pip/local_index.py): run with them, never on its own.
COMPANIONS = sorted({c.relative_to(ROOT / "snippets").as_posix() for p in ALL for c in companions(p)})
SNIPPETS = sorted({p.relative_to(ROOT / "snippets").as_posix() for p in ALL} - set(COMPANIONS))
PAGES = sorted((ROOT / "docs").rglob("*.md"))
# A snippet is named in a page's exec block as a string like "bytecode/01_pipeline.py".
NAMED = re.compile(r"""["']([\w-]+/\d\d_[\w-]+\.py)["']""")


def named_by_pages() -> dict[str, set[str]]:
    """Every snippet a page names: in its front matter's `evidence:` declarations, or as a string in its code."""
    names: dict[str, set[str]] = {}
    for page in PAGES:
        source, where = page.read_text(), page.relative_to(ROOT / "docs").as_posix()
        declared = {d.snippet for d in macros.declared(meta.get_data(source)[1], where)}
        for name in declared | set(NAMED.findall(source)):
            names.setdefault(name, set()).add(page.relative_to(ROOT).as_posix())
    return names


def test_there_are_snippets():
    assert SNIPPETS


def alone(path) -> list[str]:
    """How a reader runs a snippet: plain Python, or `uv run` for one that declares its packages inline."""
    if dependencies(path.read_text()):
        uv = os.environ.get("UV") or shutil.which("uv")
        return [uv, "run", "--no-project", "--python", sys.executable, str(path)]
    return [sys.executable, str(path)]


@pytest.mark.parametrize("snippet", SNIPPETS)
def test_snippet_runs_alone(snippet, tmp_path):
    before = tree_state(ROOT)
    done = subprocess.run(alone(ROOT / "snippets" / snippet), cwd=tmp_path, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip(), "a snippet prints what its page shows"
    assert tree_state(ROOT) == before, "running a snippet changed the repository"


@pytest.mark.parametrize("snippet", SNIPPETS + COMPANIONS)
def test_snippet_starts_with_what_it_is_for(snippet):
    first = (ROOT / "snippets" / snippet).read_text().splitlines()[0]
    assert first.startswith("# ") and len(first) > 12, first


def test_every_snippet_is_used_by_a_page():
    unused = set(SNIPPETS) - set(named_by_pages())
    assert not unused, f"snippets no page uses: {sorted(unused)}"


def test_every_snippet_a_page_names_exists():
    missing = {name: pages for name, pages in named_by_pages().items() if name not in SNIPPETS}
    assert not missing, f"pages name snippets that do not exist: {missing}"
