"""Two clean builds give the same site: the same HTML outside the regions the engine marks as volatile (times,
dates, commit), and the same other files."""

from __future__ import annotations

import dataclasses
import difflib
import re
from pathlib import Path

import pytest

from evidence import page
from evidence.render import strip_volatile, volatile
from evidence.runner import Result
from helpers import ROOT, build

# Not compared: the search index holds the pages' text, volatile parts included, and the compressed sitemap holds
# the same dates as sitemap.xml, which is compared without them (<lastmod> is the build date unless git gives one).
SKIPPED = {"search/search_index.json", "sitemap.xml.gz"}
_LASTMOD = re.compile(r"<lastmod>[^<]*</lastmod>")


def differences(first: Path, second: Path, context: int = 2, limit: int = 40) -> list[str]:
    """Each file that differs between two built sites: HTML with volatile regions removed, shown as a short diff;
    sitemap.xml without its dates; every other file byte for byte."""
    names = {p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file()} - SKIPPED
    other = {p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file()} - SKIPPED
    found = [f"{name}: only in the {'first' if name in names else 'second'} build" for name in sorted(names ^ other)]
    for name in sorted(names & other):
        a, b = (first / name).read_bytes(), (second / name).read_bytes()
        if a == b:
            continue
        if name.endswith(".html"):
            a, b = (strip_volatile(x.decode()).splitlines() for x in (a, b))
        elif name == "sitemap.xml":
            a, b = (_LASTMOD.sub("", x.decode()).splitlines() for x in (a, b))
        else:
            found.append(f"{name}: the bytes differ ({len(a)} and {len(b)} bytes)")
            continue
        if a != b:
            diff = list(difflib.unified_diff(a, b, "first", "second", n=context, lineterm=""))
            cut = f"\n... {len(diff) - limit} more diff lines" if len(diff) > limit else ""
            found.append(f"{name}:\n" + "\n".join(line[:300] for line in diff[:limit]) + cut)
    return found


def _site(root: Path, pages: dict[str, str]) -> Path:
    for name, text in pages.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def test_a_difference_inside_a_volatile_region_is_ignored(tmp_path):
    first = _site(tmp_path / "a", {"x/index.html": f"<p>ran {volatile('in 0.12 s', 'timing')}.</p>\n"})
    second = _site(tmp_path / "b", {"x/index.html": f"<p>ran {volatile('in 3.40 s', 'timing')}.</p>\n"})
    assert differences(first, second) == []


def test_a_difference_outside_volatile_regions_is_reported_with_its_file_and_lines(tmp_path):
    first = _site(tmp_path / "a", {"x/index.html": f"<p>id 0x7f01 {volatile('1 s', 'timing')}</p>\n"})
    second = _site(tmp_path / "b", {"x/index.html": f"<p>id 0x7f99 {volatile('2 s', 'timing')}</p>\n"})
    [report] = differences(first, second)
    assert report.startswith("x/index.html:")
    assert "-<p>id 0x7f01 <!-- volatile timing --></p>" in report
    assert "+<p>id 0x7f99 <!-- volatile timing --></p>" in report


def test_nested_regions_strip_as_one_and_broken_markers_are_errors():
    inner = volatile("0.1 s", "timing")
    assert strip_volatile(f"a {volatile(f'x {inner} y', 'build')} b") == "a <!-- volatile build --> b"
    with pytest.raises(ValueError):
        strip_volatile("<!-- volatile:start timing --> never closed")
    with pytest.raises(ValueError):
        strip_volatile("closed <!-- volatile:end --> never opened")
    with pytest.raises(ValueError):
        volatile("x", "because I said so")  # only the documented reasons


def test_a_page_only_in_one_build_is_reported(tmp_path):
    first = _site(tmp_path / "a", {"index.html": "same", "extra/index.html": "new"})
    second = _site(tmp_path / "b", {"index.html": "same"})
    assert differences(first, second) == ["extra/index.html: only in the first build"]


def test_other_files_must_match_byte_for_byte_except_the_search_index(tmp_path):
    first = _site(tmp_path / "a", {"card.png": "1", "search/search_index.json": "0.12 s"})
    second = _site(tmp_path / "b", {"card.png": "2", "search/search_index.json": "3.40 s"})
    assert differences(first, second) == ["card.png: the bytes differ (1 and 1 bytes)"]


def test_a_block_is_marked_when_it_reads_timing_data_even_from_an_earlier_block(monkeypatch):
    """Exec blocks of a session share variables: the block that prints a measurement is marked, wherever it got it."""
    build = page._Build()
    monkeypatch.setattr(page, "BUILD", build)
    run = Result("t.py", {}, "python t.py", "", 0, 0.1, 1, "", data={"rows": [{"s": 0.25}]})
    build.results[page.Request("t.py", timing=True)] = run
    build.results[page.Request("p.py")] = dataclasses.replace(run, snippet="p.py")
    session = {}

    def block(code) -> str:  # stands in for markdown-exec's formatter: runs the block's code, returns its HTML
        return page.marking_volatile(lambda **_: code())(options={})

    asks = block(lambda: session.setdefault("rows", page.data("t.py", timing=True)["rows"]) and "<p>table</p>")
    reads = block(lambda: f"<p>{session['rows'][0]['s']} s</p>")
    steady = block(lambda: f"<p>{len(page.data('p.py')['rows'])} row</p>")
    assert asks == volatile("<p>table</p>", "timing")
    assert reads == volatile("<p>0.25 s</p>", "timing")
    assert steady == "<p>1 row</p>"


@pytest.mark.slow
def test_two_clean_builds_give_the_same_site_outside_volatile_regions(site, tmp_path):
    # Fresh, like the first: every snippet runs again. Same cache folder, because the folder is an input the pages
    # show (the How page's settings, and sys.prefix of the isolated environments that live in it).
    second = tmp_path / "second"
    done = build(ROOT, second, EVIDENCE_FRESH="1")
    assert done.returncode == 0, done.stderr
    found = differences(site, second)
    assert not found, "\n\n".join(["What differs between two clean builds:", *found])
