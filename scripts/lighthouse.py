"""Measure the built site with Lighthouse: the four scores and the bytes transferred, for the home and heaviest page.

    uv run python scripts/lighthouse.py                # strict build into a temporary folder, then measure
    uv run python scripts/lighthouse.py --site site    # measure an existing build (its SITE_URL is ignored)
    uv run python scripts/lighthouse.py --all          # every page, not only the home and the heaviest one
    uv run python scripts/lighthouse.py pip/ venvs/    # these pages

The site is served on 127.0.0.1 with gzip, as GitHub Pages serves it. Lighthouse (npm) is installed on first use
into the user cache, outside the repository, and drives Debian's Chromium (CHROME_PATH, default /usr/bin/chromium)
with the browser tests' flags. It emulates a mid-range phone on a throttled network (its default "mobile" run).
The figures are printed, not asserted: the goals are performance >= 95, accessibility, best practices and SEO 100,
and no page over 200 KB transferred.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# 12.x runs on Node 18.16+; 13.x needs Node 22.19+, newer than Debian 12's.
LIGHTHOUSE = "12.8.2"
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
GOALS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
BUDGET_BYTES = 200 * 1000  # issue 19: every page under 200 KB transferred with gzip
METRICS = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift",
           "speed-index"]


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "hidden-layers" / f"lighthouse-{LIGHTHOUSE}"


def lighthouse() -> Path:
    """The lighthouse command, installed from npm into the cache on first use."""
    folder = cache_dir()
    binary = folder / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        if not shutil.which("npm"):
            sys.exit("npm is needed to install Lighthouse")
        folder.mkdir(parents=True, exist_ok=True)
        print(f"installing lighthouse {LIGHTHOUSE} into {folder}", file=sys.stderr)
        subprocess.run(["npm", "install", "--prefix", str(folder), "--no-audit", "--no-fund", "--loglevel=error",
                        f"lighthouse@{LIGHTHOUSE}"], check=True)
    return binary


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Pages(SimpleHTTPRequestHandler):
    """Serves the site as GitHub Pages does for what matters here: text compressed with gzip when asked for."""

    COMPRESS = frozenset({".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"})

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if not (path.is_file() and path.suffix in self.COMPRESS and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().do_GET()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def build(site: Path, url: str) -> None:
    env = {**os.environ, "SITE_URL": url}
    command = [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", str(site)]
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def pages(site: Path) -> list[str]:
    found = [p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")]
    return sorted(("" if p == "." else p + "/") for p in found if p.split("/")[0] not in ("assets", "search"))


def heaviest(site: Path, paths: list[str]) -> str:
    """The page with the most HTML: the one whose evidence output makes it largest."""
    return max(paths, key=lambda p: (site / p / "index.html").stat().st_size)


def measure(binary: Path, url: str, chrome: str) -> dict:
    with tempfile.TemporaryDirectory() as profile:
        flags = " ".join([*CHROME_FLAGS, f"--user-data-dir={profile}"])
        done = subprocess.run([str(binary), url, "--output=json", "--output-path=stdout", "--quiet",
                               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"],
                              capture_output=True, text=True, env={**os.environ, "CHROME_PATH": chrome})
    if done.returncode != 0:
        sys.exit(f"lighthouse failed on {url}:\n{done.stderr[-3000:]}")
    report = json.loads(done.stdout)
    requests = report["audits"]["network-requests"]["details"]["items"]
    origin = url.split("/", 3)[:3]
    return {
        "scores": {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES},
        "bytes": int(report["audits"]["total-byte-weight"]["numericValue"]),
        "requests": len(requests),
        "foreign": sorted({r["url"] for r in requests if r["url"].split("/", 3)[:3] != origin
                           and not r["url"].startswith("data:")}),
        "failing": {a["id"]: f"{a['title']}: {a.get('displayValue', '')} (score {a['score']:.2f})"
                    for c in CATEGORIES for ref in report["categories"][c]["auditRefs"]
                    if (a := report["audits"][ref["id"]])["score"] is not None and a["score"] < 0.9
                    and ref["weight"] > 0},
        "metrics": {key: report["audits"][key].get("displayValue", "") for key in METRICS},
        "lighthouse": report["lighthouseVersion"],
        "chrome": report["environment"]["hostUserAgent"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built site folder (default: build one now)")
    parser.add_argument("--all", action="store_true", help="measure every page")
    parser.add_argument("pages", nargs="*", help="pages to measure instead, as paths: bytecode/ pip/")
    args = parser.parse_args()
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not Path(chrome).is_file():
        sys.exit(f"no Chromium at {chrome}: apt-get install chromium, or set CHROME_PATH")
    binary = lighthouse()
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp) / "site"
        if args.site is None:
            build(site, url)
        server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Pages, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            every = pages(site)
            chosen = args.pages or (every if args.all else list(dict.fromkeys(["", heaviest(site, every)])))
            results = {path: measure(binary, url + path, chrome) for path in chosen}
        finally:
            server.shutdown()
            server.server_close()
    first = next(iter(results.values()))
    print(f"Lighthouse {first['lighthouse']}, mobile emulation, simulated throttling; {first['chrome']}")
    print(f"{'page':28} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5} {'KB':>7} {'requests':>9}")
    short = True
    for path, r in results.items():
        s = r["scores"]
        print(f"{'/' + path:28} {s['performance']:>5} {s['accessibility']:>5} {s['best-practices']:>5} "
              f"{s['seo']:>5} {r['bytes'] / 1000:>7.1f} {r['requests']:>9}")
        misses = [c for c in CATEGORIES if s[c] < GOALS[c]]
        if r["bytes"] > BUDGET_BYTES:
            misses.append(f"{r['bytes'] / 1000:.0f} KB > {BUDGET_BYTES / 1000:.0f} KB")
        for miss in misses:
            print(f"  below goal: {miss}")
        print("  " + ", ".join(f"{key.replace('-', ' ')} {value}" for key, value in r["metrics"].items()))
        for title in r["failing"].values():
            print(f"  audit below 0.9: {title}")
        for foreign in r["foreign"]:
            print(f"  request to another origin: {foreign}")
        short = short and not misses and not r["foreign"]
    print("all goals met" if short else "some goals missed (see above)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
