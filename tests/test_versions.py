"""The bytecode page's claims hold when another CPython produces the evidence (the build itself runs on ours)."""

from __future__ import annotations

import pytest

from evidence.registry import find_cpython
from helpers import ROOT, build

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("version", ["3.12", "3.13"])
def test_bytecode_page_builds_with_evidence_from(version, tmp_path):
    python = find_cpython(version)
    if python is None:
        pytest.skip(f"CPython {version} was not found (pyenv or PATH); CI must provide it")
    done = build(ROOT, tmp_path, EVIDENCE_PYTHON=str(python))
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "bytecode" / "index.html").read_text()
    tag = "cpython-" + version.replace(".", "")
    assert f".{tag}.pyc" in html
    assert f"CPython {version}." in html
