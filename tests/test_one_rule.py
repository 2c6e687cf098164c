"""The one rule, checked: page prose types no value that evidence can produce (a version, a time or size, an opcode,
a magic number, a count of runs). Code, links and fields are left alone; what is not evidence is allowed below."""

from __future__ import annotations

import dis
import re

import pytest
from properdocs.utils import meta

from helpers import ROOT

# Prose inside an exec block's Python strings is not checked: one more reason pages move to fields (issue 17).
PAGES = sorted((ROOT / "docs").glob("*.md"))

TYPED = {
    "a Python version with its patch level": re.compile(r"\b[23]\.\d{1,2}\.\d{1,2}\b"),
    "a time or a size with its unit": re.compile(
        r"(?<![\w.])\d+(?:[.,]\d+)?(?:\s|&nbsp;)?(?:ns|µs|us|ms|s|seconds?|KB|KiB|MB|MiB|GB|GiB|bytes)\b"),
    "a magic number": re.compile(r"magic number \d{4}\b"),
    "a count of runs": re.compile(r"\b\d+ (?:runs|repeats|batches|iterations)\b"),
    # A threshold a snippet asserts, or a ratio it measured: "four times faster", "stays below 1.3".
    "a ratio or a threshold": re.compile(
        r"\b(?:\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten)\s+times\b"
        r"|\b(?:below|above|under|over|at most|at least) \d+\.\d+\b"),
    # The running interpreter's opcodes: a name only a newer CPython has is not caught (the build's own is 3.11+).
    "an opcode name": re.compile(r"\b(?:" + "|".join(sorted((n for n in dis.opname if n.isupper() and "_" in n),
                                                            key=len, reverse=True)) + r")\b"),
}

# What prose may type because it is not evidence: each entry is (page, the typed text), with why.
ALLOWED = {
    # Documented thresholds and layouts, cited beside the sentence; the evidence shows them at work.
    ("gil.md", "2048 bytes"),  # hashlib releases the GIL from this size (its docs, linked)
    ("c-speed.md", "2047 bytes"),  # the same hashlib threshold, put as "larger than"
    ("bytecode.md", "8 bytes"),  # PEP 552's header layout, which 03_pyc_header.py decodes
    ("bytecode.md", "16 bytes"),  # the same header's length: marshal.loads from byte 16 succeeds in that snippet
    ("implementations.md", "200 times"),  # PyPy's documented trace_eagerness default, named beside it
    # Others' measurements, quoted with their source.
    ("gil.md", "1 GB"),  # Victor Skvortsov's SHA-256 input, 2021
    ("implementations.md", "3 times"),  # PyPy's own benchmark summary against CPython 3.11, linked
}

_STRIPPED = [
    re.compile(r"^(`{3,}|~{3,}).*?^\1\s*$", re.M | re.S),  # fenced code
    re.compile(r"\{%\s*raw\s*%\}.*?\{%\s*endraw\s*%\}", re.S),
    re.compile(r"\{\{.*?\}\}", re.S),  # fields
    re.compile(r"\{%.*?%\}", re.S),  # template blocks
    re.compile(r"\{#.*?#\}", re.S),  # template comments
    re.compile(r"(`+).+?\1"),  # code spans
    re.compile(r"\]\([^)]*\)"),  # link targets (their text stays)
    re.compile(r"<[^>]+>"),  # HTML tags
    re.compile(r"^#+ .*$", re.M),  # headings
]


def prose(markdown: str) -> str:
    """The page's Markdown without front matter, code, fields, template blocks, link targets, tags or headings."""
    text = meta.get_data(markdown)[0]
    for pattern in _STRIPPED:
        text = pattern.sub(" ", text)
    return text


def typed_values(page) -> list[str]:
    found = []
    for what, pattern in TYPED.items():
        for match in pattern.finditer(prose(page.read_text())):
            if (page.name, match[0]) not in ALLOWED:
                found.append(f"{page.name}: {what}: {match[0]!r}")
    return found


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_page_prose_types_no_value_that_evidence_can_produce(page):
    found = typed_values(page)
    assert not found, "print these from evidence (a field) or assert them, or allow them in ALLOWED with why:\n" + \
        "\n".join(found)


def test_the_check_finds_a_version_typed_into_a_sentence(tmp_path):
    page = tmp_path / "demo.md"
    page.write_text("---\nrender_macros: true\n---\n# Python 3.13.0 notes\n\nIt ran on Python 3.13.0 in 12 ms, "
                    "`3.12.1` in code, {{ run.data.version }} as a field, [a link](https://x.org/3.12.1), 5 runs, "
                    "and RETURN_VALUE ended it.\n")
    assert typed_values(page) == ["demo.md: a Python version with its patch level: '3.13.0'",
                                  "demo.md: a time or a size with its unit: '12 ms'",
                                  "demo.md: a count of runs: '5 runs'",
                                  "demo.md: an opcode name: 'RETURN_VALUE'"]


def test_allowed_entries_are_all_still_needed():
    needed = {(page.name, match[0]) for page in PAGES for pattern in TYPED.values()
              for match in pattern.finditer(prose(page.read_text()))}
    assert not ALLOWED - needed, f"no longer typed, so drop from ALLOWED: {sorted(ALLOWED - needed)}"


def test_the_check_finds_a_threshold_or_ratio_typed_into_a_sentence(tmp_path):
    page = tmp_path / "demo.md"
    page.write_text("Both were at least four times faster, and the load stays below 1.3; "
                    "{{ io.data.overlap }} times is a field.\n")
    assert typed_values(page) == ["demo.md: a ratio or a threshold: 'four times'",
                                  "demo.md: a ratio or a threshold: 'below 1.3'"]
