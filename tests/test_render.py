"""Rendering works from what a run carries: the source shown is the Result's, not the snippets folder's."""

from __future__ import annotations

from evidence import render
from evidence.runner import Result


def _result(source: list) -> Result:
    return Result(snippet="nowhere/01_gone.py", interpreter={"implementation": "CPython", "version": "3.15.2"},
                  command="python3 snippets/nowhere/01_gone.py", output="hello\n", exit_code=0, wall_seconds=0.1,
                  peak_rss_kib=1, started="2026-12-06T00:00:00+00:00", source=source)


def test_the_source_shown_is_the_one_that_ran_even_when_no_such_file_exists_now():
    render.new_page()
    block = render.evidence_tabs(_result([["01_gone.py", "print('as it ran')\n"], ["helper.py", "X = 1\n"]]), "p/")
    assert "print('as it ran')" in block and "X = 1" in block
    assert 'download="01_gone.py"' in block and 'download="helper.py"' in block and "01_gone.zip" in block


def test_a_module_two_blocks_import_is_listed_in_the_first_only():
    render.new_page()
    source = [["01_gone.py", "import helper\n"], ["helper.py", "X = 1\n"]]
    first, second = render.evidence_tabs(_result(source), "p/"), render.evidence_tabs(_result(source), "p/")
    assert "X = 1" in first and "X = 1" not in second
    assert "listed in the first block on this page that uses it" in second
    render.new_page()
    assert "X = 1" in render.evidence_tabs(_result(source), "p/"), "a new page lists it again"
