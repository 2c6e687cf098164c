# Benchmark helper: times `properdocs serve` from saving an edit to serving the rebuilt page, in a throwaway worktree.
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE, SNIPPET_PAGE = "how-this-site-works.md", "bytecode.md"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode()
    except OSError:
        return ""


def _wait_for(url: str, text: str, limit: float = 300) -> float:
    t0 = time.perf_counter()
    while text not in _fetch(url):
        if time.perf_counter() - t0 > limit:
            raise TimeoutError(f"{url} never showed {text!r}")
        time.sleep(0.05)
    return time.perf_counter() - t0


# What `make serve` sets (its SERVE_ENV), and what `make serve FULL=1` leaves as it is.
FAST = {"SEARCH": "false", "CARDS": "false", "DATES": "false"}


def serve_edit_times(cache: Path, repeats: int, full: bool = False) -> tuple[list[float], list[float]]:
    """Seconds from saving a prose edit, and a snippet edit, until the served page shows it."""
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp, "tree")
        subprocess.run(["git", "worktree", "add", "-q", "--detach", str(tree), "HEAD"], cwd=ROOT, check=True)
        try:
            if (ROOT / "node_modules").exists():
                (tree / "node_modules").symlink_to(ROOT / "node_modules")
            return _measure(tree, cache, repeats, {} if full else FAST)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=True)


def _measure(tree: Path, cache: Path, repeats: int, switches: dict[str, str]) -> tuple[list[float], list[float]]:
    port = _port()
    env = {**os.environ, "EVIDENCE_CACHE_DIR": str(cache), **switches}
    server = subprocess.Popen([sys.executable, "-m", "properdocs", "serve", "-q", "-f", "mkdocs.yml", "-a",
                               f"127.0.0.1:{port}"], cwd=tree, env=env, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait_for(base, "</html>")
        snippet = sorted((tree / "snippets" / SNIPPET_PAGE.removesuffix(".md")).glob("*.py"))[0]
        prose, code = [], []
        for i in range(repeats):
            marker = f"Edited for the benchmark, round {i}."
            with (tree / "docs" / PAGE).open("a") as page:
                page.write(f"\n{marker}\n")
            prose.append(_wait_for(base + PAGE.removesuffix(".md") + "/", marker))
        for i in range(repeats):
            marker = f"# snippet edited for the benchmark, round {i}"
            with snippet.open("a") as f:
                f.write(f"{marker}\n")
            code.append(_wait_for(base + SNIPPET_PAGE.removesuffix(".md") + "/", marker))
        return prose, code
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)
