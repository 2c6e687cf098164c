"""Fixtures shared by the test modules: one fresh strict build of the repository for the whole session."""

from __future__ import annotations

import pytest

from helpers import ROOT, build, tree_state


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The site built with `--strict` and EVIDENCE_FRESH=1: every claim re-checked, nothing taken from the cache.

    Session-scoped so that tests/test_build.py and tests/test_determinism.py share one build (tests/browser has
    its own, served and built as CI builds it).
    """
    before = tree_state(ROOT)
    out = tmp_path_factory.mktemp("site")
    done = build(ROOT, out, EVIDENCE_FRESH="1")
    assert done.returncode == 0, done.stderr
    (out.parent / "build.log").write_text(done.stderr)  # beside the site, for the tests that read the build's log
    assert tree_state(ROOT) == before, "the build changed the working tree"
    return out
