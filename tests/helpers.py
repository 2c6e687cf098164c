"""Shared helpers for the tests: run a strict build, read git's view of a tree, make a throwaway project."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOOKS = ROOT / "scripts" / "evidence" / "mkdocs_hooks.py"
GIT_IDENTITY = {"GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "test@localhost",
                "GIT_COMMITTER_NAME": "test", "GIT_COMMITTER_EMAIL": "test@localhost"}


def build(project: Path, site: Path, **env: str) -> subprocess.CompletedProcess:
    """`properdocs build --strict` of `project` into `site`, reusing cached results unless `env` says otherwise."""
    command = [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", str(site)]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, env={**os.environ, **env}, timeout=900)


def git(tree: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=tree, capture_output=True, text=True, check=True,
                          env={**os.environ, **GIT_IDENTITY}).stdout


def tree_state(tree: Path) -> str:
    """Everything git sees as changed or new, ignored files included, so a stray file cannot hide."""
    return git(tree, "status", "--porcelain", "--ignored", "--untracked-files=all")


def mini_project(root: Path, snippets: dict[str, str], page: str) -> Path:
    """A one-page project that uses the real engine hooks, committed so that git can tell what a build changed."""
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(textwrap.dedent(f"""\
        site_name: fault test
        theme: {{name: material}}
        hooks: [{HOOKS}]
        plugins:
          - macros: {{modules: [evidence.macros], render_by_default: false, on_undefined: strict}}
          - markdown-exec
        markdown_extensions: [admonition, attr_list, pymdownx.details, pymdownx.superfences, tables,
                              {{pymdownx.tabbed: {{alternate_style: true}}}}]
        # No gen-files here: the download links of a page's fields point at snippets this project does not publish.
        validation: {{links: {{not_found: info}}}}
        """))
    (root / "docs" / "index.md").write_text(page)
    for name, code in snippets.items():
        path = root / "snippets" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(code))
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "fixture")
    return root


def exec_block(call: str, block_id: str = "evidence") -> str:
    imports = "from evidence import data, say, show, show_each"
    return f'# Page\n\n```python exec="on" id="{block_id}"\n{imports}\nprint({call})\n```\n'
