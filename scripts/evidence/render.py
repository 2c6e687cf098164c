"""Turns results into Markdown and HTML: source and output tabs, the run-it-yourself line, the provenance note."""

from __future__ import annotations

import html
import logging
import posixpath
import re
import textwrap
from datetime import datetime

from evidence.errors import EvidenceError
from evidence.runner import Result, snippet_path

log = logging.getLogger("mkdocs.plugins.evidence")

SITE = {"repo_url": "", "branch": "main", "commit": "unknown", "built": ""}


def log_failure(error: EvidenceError) -> None:
    log.error("evidence: %s", error)


def fence(text: str, lang: str, title: str = "") -> str:
    """A fenced code block long enough that no backtick run inside the text can close it."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    ticks = "`" * max(3, longest + 1)
    attrs = f' title="{title}"' if title else ""
    return f"{ticks}{lang}{attrs}\n{text.rstrip()}\n{ticks}"


def _tab(title: str, body: str, selected: bool = False) -> str:
    marker = "===+" if selected else "==="
    return f'{marker} "{title}"\n\n{textwrap.indent(body, "    ")}\n'


def interpreter_label(fp: dict) -> str:
    flavour = " free-threaded" if fp.get("free_threaded_build") else ""
    return f"{fp['implementation']} {fp['version']}{flavour}"


def repo_link(path: str) -> str:
    base = SITE["repo_url"].rstrip("/")
    return f"{base}/blob/{SITE['branch']}/{path}" if base else ""


def url_from_page(target: str, page_url: str) -> str:
    """A link to a site path that works from the page at `page_url` (raw HTML is not rewritten by the build)."""
    here = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
    return posixpath.relpath(target, here or ".")


def run_line(result: Result, page_url: str) -> str:
    path = f"snippets/{result.snippet}"
    links = [f"[download]({url_from_page(path, page_url)})"]
    if SITE["repo_url"]:
        links.append(f"[view in the repository]({repo_link(path)})")
    return (f"Run it yourself from a clone: `{result.command}` · {' · '.join(links)} · "
            f"exit {result.exit_code} in {result.wall_seconds:.2f} s")


def evidence_tabs(result: Result, page_url: str) -> str:
    source = snippet_path(result.snippet).read_text()
    output = result.output if result.output.strip() else "(no output)"
    return "\n".join([
        _tab("Source", fence(source, "python", f"snippets/{result.snippet}")),
        _tab(f"Output · {interpreter_label(result.interpreter)}", fence(output, "text"), selected=True),
        run_line(result, page_url),
        "",
    ])


def _when(iso: str) -> str:
    return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M UTC")


def provenance(results: list[Result]) -> str:
    """The note at the foot of every page: who produced its evidence, where, from which commit, and when."""
    commit = html.escape(SITE["commit"])
    if not results:
        body = (f"<p>This page runs no snippet. It was built from commit <code>{commit}</code> "
                f"on {html.escape(_when(SITE['built']))}.</p>")
    else:
        machines = {}
        for r in results:
            fp = r.interpreter
            key = (interpreter_label(fp), fp["platform"], fp["machine"], fp["cpu"], fp["cpu_count"])
            machines.setdefault(key, []).append(r)
        items = []
        for (label, platform, machine, cpu, cpus), runs in machines.items():
            first = min(r.started for r in runs)
            fresh = sum(not r.cached for r in runs)
            items.append(
                f"<li><strong>{html.escape(label)}</strong> on {html.escape(platform)} ({html.escape(machine)}, "
                f"{html.escape(str(cpu))}, {cpus} CPUs): {len(runs)} snippet run(s), {fresh} fresh, "
                f"produced from {html.escape(_when(first))}</li>")
        body = (f"<p>The evidence on this page was produced when the site was built from commit "
                f"<code>{commit}</code>:</p><ul>{''.join(items)}</ul>")
    return ('<div class="admonition info provenance" id="provenance"><p class="admonition-title">'
            f"Where this page's evidence comes from</p>{body}</div>")
