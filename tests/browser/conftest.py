"""The built site in a real browser: one build served on 127.0.0.1, Debian's Chromium driven by Playwright.

Every test here works over whatever pages the build has, so it keeps working as layer pages land. Set
BROWSER_TESTS=required (CI does) to fail, rather than skip, when Chromium, Playwright or axe-core is missing.
"""

from __future__ import annotations

import functools
import os
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from helpers import ROOT, build

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
# The flags the brief of the site asks for: no sandbox in containers, no GPU, and no traffic of Chromium's own.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = {"desktop": 1280, "mobile": 390}
REPO_URL = "https://github.com/example/hidden-layers"


def unavailable(reason: str) -> None:
    """Skip with the reason, or fail when the environment says these tests must run."""
    if os.environ.get("BROWSER_TESTS") == "required":
        pytest.fail(reason)
    pytest.skip(reason)


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Handler(SimpleHTTPRequestHandler):
    """Serves the built folder like GitHub Pages does: an unknown path gets the site's 404.html with status 404."""

    def log_message(self, *args):  # keep the test output for failures
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@dataclass
class Site:
    root: Path
    url: str  # http://127.0.0.1:PORT/, with the trailing slash
    pages: list[str] = field(default_factory=list)  # paths under url: "", "bytecode/", ...

    def exists(self, path: str) -> bool:
        return (self.root / path / "index.html").is_file()


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Iterator[Site]:
    """A strict build of the repository, served on 127.0.0.1 for the whole session.

    Evidence comes from the cache when it has it (the build tests run it fresh), and SITE_URL is the served
    address, so canonical links and card images point at this server. REPO_URL is set as CI sets it, so the
    repository link and the edit and view buttons are there (and must not make the page call a third party).
    """
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    out = tmp_path_factory.mktemp("browser-site")
    done = build(ROOT, out, EVIDENCE_FRESH="0", SITE_URL=url, REPO_URL=REPO_URL)
    assert done.returncode == 0, done.stderr
    handler = functools.partial(_Handler, directory=str(out))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    pages = sorted(p.parent.relative_to(out).as_posix() for p in out.rglob("index.html")
                   if p.relative_to(out).parts[0] not in ("assets", "search", "snippets"))
    try:
        yield Site(out, url, [("" if p == "." else p + "/") for p in pages])
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.is_file():
        unavailable(f"no Chromium at {CHROMIUM}: install Debian's package (apt-get install chromium), "
                    "or set CHROMIUM to another Chromium binary")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is missing: uv sync installs it with the test group")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser, site):
    """A fresh profile at desktop width that may read and write the clipboard."""
    ctx = browser.new_context(viewport={"width": WIDTHS["desktop"], "height": 900}, color_scheme="light",
                              permissions=["clipboard-read", "clipboard-write"], base_url=site.url)
    yield ctx
    ctx.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        unavailable(f"axe-core is missing ({AXE.relative_to(ROOT)}): run `npm ci` (make install does)")
    return AXE.read_text()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory, request) -> Path:
    """Where the page screenshots go: SCREENSHOTS if set, else a folder of this test session, printed at the end."""
    folder = Path(os.environ["SCREENSHOTS"]) if os.environ.get("SCREENSHOTS") else \
        tmp_path_factory.mktemp("screenshots", numbered=False)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*-desktop-*.png"):  # only the files an earlier run wrote there
        old.unlink()
    for old in folder.glob("*-mobile-*.png"):
        old.unlink()
    request.config.stash[SCREENSHOTS_KEY] = folder
    return folder


SCREENSHOTS_KEY = pytest.StashKey[Path]()


def pytest_terminal_summary(terminalreporter, config):
    folder = config.stash.get(SCREENSHOTS_KEY, None)
    if folder is not None:
        terminalreporter.write_line(f"page screenshots: {folder}")
