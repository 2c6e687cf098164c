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


def _run_on(packages: list[str], config_args: str | None = "--enable-shared --with-lto") -> Result:
    fingerprint = {"implementation": "CPython", "version": "3.15.2", "config_args": config_args, "packages": packages,
                   "host": {"platform": "Linux-x86_64", "machine": "x86_64", "cpu": "a CPU", "cpu_count": 2}}
    return Result(snippet="demo/01_x.py", interpreter=fingerprint, command="python3 snippets/demo/01_x.py", output="",
                  exit_code=0, wall_seconds=0.1, peak_rss_kib=1, started="2026-12-06T00:00:00+00:00")


def test_provenance_names_each_interpreter_once_with_its_package_sets_counted_and_its_options_folded():
    note = render.provenance([_run_on([]), _run_on([]), _run_on(["numpy==2.5.5"]), _run_on(["numpy==2.5.5"]),
                              _run_on(["pip==26.3"]), _run_on([], config_args=None)])
    items = note.split("<li>")[1:]
    assert len(items) == 2, "one item for the CPython built with these options, one for the build with none reported"
    assert "5 snippet run(s) (2 with numpy==2.5.5; 1 with pip==26.3)" in items[0]
    assert items[0].count("--enable-shared --with-lto") == 1
    assert "<details><summary>Its configure options</summary><code>--enable-shared --with-lto</code>" in items[0]
    assert "(PGO off, LTO on, JIT not built, GIL)" in items[0]
    assert "<details>" not in items[1] and "1 snippet run(s), " in items[1]
