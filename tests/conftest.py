"""Fixtures shared by the test modules: one fresh strict build of the repository for the whole session, and the
runs a real build recorded for the page whose module a test file tests."""

from __future__ import annotations

import pytest
import recorded_pages

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


@pytest.fixture(scope="module")
def recorded(request):
    """The recorded runs (tests/recorded/, `make record`) of the page tests/test_pages_<page>.py tests."""
    return recorded_pages.runs(request.module.__name__.removeprefix("test_pages_").replace("_", "-"))
