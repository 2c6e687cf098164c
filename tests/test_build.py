"""The strict build passes, every page carries its provenance, links resolve, and the tree is left as it was.

The build is the `site` fixture of conftest.py, shared with tests/test_determinism.py.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from evidence import registry
from evidence.mkdocs_hooks import SECTIONS_NOT_SEARCHED
from evidence.runner import companions
from evidence.settings import Settings
from helpers import ROOT

pytestmark = pytest.mark.slow


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html") if not p.parent.name.startswith("assets"))


def test_every_page_says_where_its_evidence_comes_from(site):
    for page in pages(site):
        assert 'class="admonition info provenance"' in page.read_text(), page


PROBE = """import dis, importlib.util, json, sys
def add(a, b):
    return a + b
print(json.dumps({"tag": sys.implementation.cache_tag, "magic": importlib.util.MAGIC_NUMBER.hex(" "),
                  "ops": sorted({i.opname for i in dis.get_instructions(add)} - {"CACHE"}),
                  "version": sys.version.split()[0]}))"""


def test_bytecode_page_shows_the_evidence_interpreters_pyc_magic_and_opcodes(site):
    """What the evidence interpreter (the newest CPython here unless EVIDENCE_PYTHON says otherwise) says of itself
    is what the page shows."""
    html = (site / "bytecode" / "index.html").read_text()
    interp = registry.resolve(None, Settings.from_environment().python)
    said = json.loads(subprocess.run([*interp.argv, "-c", PROBE], capture_output=True, text=True, check=True).stdout)
    assert re.search(rf"__pycache__/\w+\.{said['tag']}\.pyc", html), "pyc path with the cache tag"
    magic = bytes.fromhex(said["magic"].replace(" ", ""))
    assert str(int.from_bytes(magic[:2], "little")) in html, "the magic number as a number"
    assert said["magic"] in html, "the magic number's bytes"
    for name in said["ops"]:
        assert name in html, f"opcode {name} from the evidence interpreter's dis"
    assert f"CPython {said['version']}" in html, "the output tab names the interpreter"


def test_every_run_a_page_renders_was_prefetched_with_the_same_options(site):
    """Pages declare their runs in front matter, which the prefetch reads; a run a page asked for that the prefetch
    did not start (other options, a computed argument) would start while pages render, one at a time."""
    log = (site.parent / "build.log").read_text()
    assert "started while pages rendered" not in log, re.findall(r"evidence: .*started while pages rendered.*", log)


def test_how_page_reports_every_snippet_run(site):
    html = (site / "how-this-site-works" / "index.html").read_text()
    files = list((ROOT / "snippets").rglob("*.py"))
    imported = {c for p in files for c in companions(p)}  # modules the snippets import, not run on their own
    for snippet in {p.relative_to(ROOT).as_posix() for p in files if p not in imported}:
        assert f"<code>{snippet}</code>" in html, snippet
    assert "<!-- evidence-after-build" not in html, "every after_build field was filled"
    assert "<details class=\"run-report\"><summary>" in html, "the report is folded under its summary line"


def test_runs_that_are_not_timing_runs_never_say_how_busy_the_machine_was(site):
    """Whether a timing run says it depends on how long it lasted (tests/test_machine_load.py checks that part)."""
    html = (site / "implementations" / "index.html").read_text()
    identity = html.split('id="identity"')[1].split('id="how-it-runs"')[0]
    assert "everything else on the machine used" not in identity, "the identity runs are not timing runs"
    report = (site / "how-this-site-works" / "index.html").read_text().split('id="report"')[1]
    assert re.search(r"<td>(\d+%|&ndash;)</td><td>(fresh|cached)</td>", report), "the run report has the share column"


def test_gil_page_shows_free_threaded_results_from_the_build_found(site):
    key = registry.newest("free-threaded")
    if registry.locate(key) is None:
        pytest.skip(f"no free-threaded CPython here ({registry.KINDS[key].title} or older); "
                    "scripts/install_cpython.sh 3.13t builds CPython 3.13t")
    version = registry.interpreter(key).fingerprint["version"]
    # Read with the volatile marks taken out (their content kept): a value from a timing run is marked where it stands.
    html = re.sub(r"<!-- volatile:(start \w+|end) -->", "", (site / "gil" / "index.html").read_text())
    free_threaded = html.split('id="free-threaded"')[1].split('id="io-bound"')[0]
    assert f"CPython {version} free-threaded" in free_threaded, "the output tab names the free-threaded build"
    assert "GIL enabled: False" in free_threaded, "the countdown ran without the GIL"
    assert f"On the free-threaded build (Python {version}), two threads took" in free_threaded
    assert "Not run in this build" not in free_threaded
    # The which-build table: its snippet asserts sys._is_gil_enabled() is False where Py_GIL_DISABLED is 1.
    assert re.search(rf"<td>CPython {re.escape(version)} free-threaded</td>\s*<td><code>1</code></td>\s*"
                     r"<td><code>False</code></td>", html), "the which-build row of the free-threaded build"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for key in ("href", "src"):
            if attrs.get(key):
                self.hrefs.append(attrs[key])


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text())
    return parser


def test_internal_links_and_anchors_resolve(site):
    broken = []
    for page in pages(site):
        for href in _parse(page).hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("mailto:"):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {href}")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in _parse(target).ids:
                broken.append(f"{page.relative_to(site)} -> {href} (no such anchor)")
    assert not broken, "\n".join(broken)


def test_snippets_are_downloadable_from_the_site(site):
    for path in (ROOT / "snippets").rglob("*.py"):
        published = site / path.relative_to(ROOT)
        assert published.read_bytes() == path.read_bytes(), path


def test_a_snippet_that_imports_modules_is_published_as_one_zip_as_well(site):
    bundled = 0
    for path in (ROOT / "snippets").rglob("*.py"):
        if not (modules := companions(path)):
            continue
        with zipfile.ZipFile(site / path.relative_to(ROOT).with_suffix(".zip")) as archive:
            assert sorted(archive.namelist()) == sorted(p.name for p in [path, *modules]), path
            assert all(archive.read(p.name) == p.read_bytes() for p in [path, *modules]), path
        bundled += 1
    assert bundled, "no snippet imports a module beside it, so no zip was checked"


def test_download_links_save_the_file_instead_of_opening_it(site):
    for page in pages(site):
        links = re.findall(r'<a ([^>]*)>download</a>', page.read_text())
        assert all('download="' in attributes for attributes in links), page


def test_a_companion_module_is_listed_once_per_page(site):
    imported = {c.relative_to(ROOT).as_posix() for p in (ROOT / "snippets").rglob("*.py") for c in companions(p)}
    assert imported, "no snippet imports a module beside it, so nothing was checked"
    for page in pages(site):
        titles = re.findall(r'<span class="filename">(snippets/[^<]+)</span>', page.read_text())
        repeated = {t for t in titles if t in imported and titles.count(t) > 1}
        assert not repeated, f"{page.relative_to(site)} lists {repeated} more than once"


def test_source_listings_stay_out_of_the_search_index(site):
    index = (site / "search" / "search_index.json").read_text()
    first_lines = {p: p.read_text().splitlines()[0] for p in (ROOT / "snippets").rglob("*.py")}
    assert "snippets/" in index  # the index exists and holds the pages' run lines
    listed = [str(p.relative_to(ROOT)) for p, line in first_lines.items() if json.dumps(line)[1:-1] in index]
    assert not listed, f"source listings in the search index: {listed}"
    assert "Output \u00b7" not in index and "Output · " not in index, "snippet outputs stay out of the index too"
    assert "The numbers" not in index, "a chart's numbers stay out of the index (its title and subtitle stay in)"
    titles = [t for page in pages(site) for t in re.findall(r'<figure class="evidence-chart"><figcaption>([^<]+)<',
                                                              page.read_text())]
    assert titles and all(json.dumps(html.unescape(t))[1:-1] in index for t in titles), "charts are found by title"
    locations = [doc["location"] for doc in json.loads(index)["docs"]]
    for section in SECTIONS_NOT_SEARCHED:
        assert any(f'<h2 id="{section}" data-search-exclude>' in p.read_text() for p in pages(site)), section
        assert not [where for where in locations if where.endswith(f"#{section}")], f"{section} is in the index"


def test_no_evidence_shows_a_traceback_or_a_warning_it_did_not_mean_to(site):
    """A snippet can exit 0 and still print an exception from a clean-up, or a warning (3.14's forkserver pools
    printed both until the snippets released them); no page's evidence shows either."""
    for page in pages(site):
        html = page.read_text()
        assert "Traceback (most recent call last)" not in html, f"{page.relative_to(site)} shows a traceback"
        assert not re.search(r"\w+Warning: ", html), f"{page.relative_to(site)} shows a warning"
