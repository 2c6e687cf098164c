"""Every page rendered from the runs a real build recorded (tests/recorded/, `make record`): its template and page
module against what its snippets really wrote, in milliseconds."""

from __future__ import annotations

import json
import re

import jinja2
import pytest
import recorded_pages

from evidence import text
from pages import implementations


@pytest.mark.parametrize("page", recorded_pages.PAGES)
def test_the_page_renders_from_its_recorded_runs(page):
    rendered = recorded_pages.render(page)
    assert not text.leftovers(rendered), "every field was filled"
    assert "Evidence failed" not in rendered
    ran = [name for name, run in recorded_pages.runs(page).items() if run]
    assert ran, f"the recording of {page} holds no run"


def test_a_recording_that_lacks_a_declared_run_asks_for_make_record(tmp_path, monkeypatch):
    recording = json.loads((recorded_pages.FOLDER / "gil.json").read_text())
    del recording["runs"]["io"]
    (tmp_path / "gil.json").write_text(json.dumps(recording))
    monkeypatch.setattr(recorded_pages, "FOLDER", tmp_path)
    with pytest.raises(recorded_pages.Stale, match=r"no recorded `io`.*make record"):
        recorded_pages.runs("gil")


def test_a_page_reading_a_key_its_snippet_no_longer_writes_fails_naming_the_snippet(tmp_path, monkeypatch, caplog):
    recording = json.loads((recorded_pages.FOLDER / "gil.json").read_text())
    recording["runs"]["io"]["result"]["data"].pop("requests")
    (tmp_path / "gil.json").write_text(json.dumps(recording))
    monkeypatch.setattr(recorded_pages, "FOLDER", tmp_path)
    with pytest.raises(jinja2.UndefinedError, match="requests"):
        recorded_pages.render("gil")
    assert "snippets/gil/02_io_bound.py: the page reads 'requests' from the snippet's data, which has no such key" \
        in caplog.text


def test_a_failed_claim_names_the_values_it_read_not_their_tokens(tmp_path, monkeypatch):
    recording = json.loads((recorded_pages.FOLDER / "implementations.json").read_text())
    for item in recording["runs"]["bound"]["each"]:
        if item["key"] == "pypy":  # PyPy made ten times as fast at hashing as CPython: the claim must fail
            item["result"]["data"]["tasks"]["hashlib.sha256, 32 MiB"]["median"] /= 10
    (tmp_path / "implementations.json").write_text(json.dumps(recording))
    monkeypatch.setattr(recorded_pages, "FOLDER", tmp_path)
    with pytest.raises(AssertionError, match=r"work done in C \(hashlib\.sha256, 32 MiB: CPython took \d+\.\d\d times"):
        recorded_pages.render("implementations")


@pytest.mark.parametrize("others", [0.0, 0.6])
def test_the_c_work_sentence_says_which_bound_held_and_why(tmp_path, monkeypatch, others):
    recording = json.loads((recorded_pages.FOLDER / "implementations.json").read_text())
    for item in recording["runs"]["bound"]["each"]:
        if item["result"]:
            item["result"]["others_cpu"] = others
    (tmp_path / "implementations.json").write_text(json.dumps(recording))
    monkeypatch.setattr(recorded_pages, "FOLDER", tmp_path)
    page = " ".join(re.sub(r"<!-- volatile:(start \w+|end) -->", "", recorded_pages.render("implementations")).split())
    quiet = "done by C code under both, kept their speed (ratios"
    busy = ("The build machine was busy while this ran (other programs used up to 60% of its CPU time), which "
            f"slows whichever run it coincides with, so the build asserted only a ratio below {implementations.IN_C}")
    assert (quiet in page, busy in page) == ((False, True) if others else (True, False))
