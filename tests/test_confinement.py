"""A hostile snippet cannot write outside its run folder, so the next snippet of its interpreter starts untouched."""

from __future__ import annotations

import os
import pwd
import re
import sys
import uuid
from pathlib import Path

import pytest

from evidence import sandbox
from helpers import build, exec_block, mini_project, tree_state

pytestmark = pytest.mark.skipif(sandbox.unavailable() is not None,
                                reason=f"snippets cannot be confined here: {sandbox.unavailable()}")

# Each hostile snippet writes a ".pth" file into one folder it must not touch; there, the line would make every later
# start of that interpreter print a first line its snippet never wrote. Its first argument names the evidence cache.
HOSTILE = """\
import os, pathlib, pwd, site, sys
folder = {folder}
pathlib.Path(folder, sys.argv[2]).write_text("import sys; print('polluted by a hostile snippet')\\n")
print("the write went through")
"""
TARGETS = {
    "its environment's site-packages": "site.getsitepackages()[0]",
    "the evidence cache": "sys.argv[1]",
    "the base interpreter's prefix": "sys.base_prefix",
    "the real home": "pwd.getpwuid(os.getuid()).pw_dir",
}
PROBE = "print('clean start')\n"


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_a_write_outside_the_run_folder_fails_by_name_and_the_next_run_starts_clean(target, tmp_path):
    cache = tmp_path / "cache"  # a private evidence cache, so its environment is this test's own
    name = f"hostile-{uuid.uuid4().hex[:8]}.pth"
    project = mini_project(tmp_path / "project", {"faults/01_writes.py": HOSTILE.format(folder=TARGETS[target])},
                           exec_block(f'show("faults/01_writes.py", args=("{cache}", "{name}"))'))
    before = tree_state(project)
    landed = []
    try:
        done = build(project, tmp_path / "site", EVIDENCE_CACHE_DIR=str(cache), EVIDENCE_FRESH="1")
        landed = [p for p in [*cache.rglob(name), *_outside_candidates(name)] if p.exists()]

        assert done.returncode != 0, done.stderr
        assert re.search(r"snippet snippets/faults/01_writes\.py: tried to write outside its run folder \(/[^)]*"
                         + re.escape(name) + r"\), which snippets see read-only \(blocked\)", done.stderr), done.stderr
        assert "the write went through" not in done.stderr
        assert landed == []
        assert tree_state(project) == before

        (project / "snippets" / "demo").mkdir()
        (project / "snippets" / "demo" / "01_probe.py").write_text(PROBE)
        (project / "docs" / "index.md").write_text(exec_block('show("demo/01_probe.py")'))
        again = build(project, tmp_path / "site", EVIDENCE_CACHE_DIR=str(cache), EVIDENCE_FRESH="1")
        assert again.returncode == 0, again.stderr
        html = (tmp_path / "site" / "index.html").read_text()
        assert "clean start" in html and "polluted" not in html
    finally:
        for path in landed or [p for p in [*cache.rglob(name), *_outside_candidates(name)] if p.exists()]:
            path.unlink()


def _outside_candidates(name: str) -> list[Path]:
    """Where a write outside the private cache would land if confinement failed (the test removes it again)."""
    return [Path(sys.base_prefix, name), Path(pwd.getpwuid(os.getuid()).pw_dir, name)]


def test_the_run_folder_home_and_tmpdir_are_writable(tmp_path):
    code = """\
        import os, pathlib, tempfile, venv
        for place in (os.getcwd(), os.environ["HOME"], tempfile.gettempdir()):
            pathlib.Path(place, "note.txt").write_text("mine")
        venv.create("env", with_pip=False)
        print("wrote in", len({os.getcwd(), os.environ["HOME"], tempfile.gettempdir()}), "places and made a venv")
        """
    project = mini_project(tmp_path / "project", {"demo/01_writes_home.py": code},
                           exec_block('show("demo/01_writes_home.py")'))
    done = build(project, tmp_path / "site", EVIDENCE_FRESH="1")
    assert done.returncode == 0, done.stderr
    assert "and made a venv" in (tmp_path / "site" / "index.html").read_text()
