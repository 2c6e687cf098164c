"""Turns results into Markdown and HTML: the output, its source folded above it, one tab per interpreter, the
run-it-yourself line and the provenance note."""

from __future__ import annotations

import collections
import html
import logging
import posixpath
import re
import shlex
import textwrap
from datetime import datetime

from evidence.errors import EvidenceError
from evidence.interpreters import interpreter_label
from evidence.runner import Result

log = logging.getLogger("mkdocs.plugins.evidence")

SITE = {"repo_url": "", "branch": "main", "commit": "unknown", "built": ""}

# Output that legitimately changes from one build to the next (a measured time, the build's date and commit) sits
# between these comments, so that tests/test_determinism.py can compare two builds outside them. Comments leave
# the page's structure and look untouched; nothing in the build minifies HTML, so they reach the site as written.
_VOLATILE = re.compile(r"<!-- volatile:(?:start ([a-z-]+)|end) -->")
VOLATILE_REASONS = {
    "timing": "a measured duration, or anything computed from one",
    "build": "the build's own record: its date and commit, what the cache supplied, what each run cost",
    "scheduling": "a count that depends on how the operating system schedules threads",
}


def volatile(text: str, reason: str) -> str:
    """`text` (HTML, or Markdown inside a line or a block) marked as varying between builds for `reason`."""
    if reason not in VOLATILE_REASONS:
        raise ValueError(f"unknown volatile reason {reason!r}: use one of {sorted(VOLATILE_REASONS)}")
    return f"<!-- volatile:start {reason} -->{text}<!-- volatile:end -->"


def strip_volatile(page: str) -> str:
    """The page with each outermost volatile region replaced by a placeholder naming its reason."""
    kept, depth, pos = [], 0, 0
    for mark in _VOLATILE.finditer(page):
        if depth == 0:
            kept.append(page[pos:mark.start()])
            reason = mark[1]
        if mark[1] is not None:
            depth += 1
        elif depth == 0:
            raise ValueError(f"volatile:end without a start at offset {mark.start()}")
        else:
            depth -= 1
            if depth == 0:
                kept.append(f"<!-- volatile {reason} -->")
        pos = mark.end()
    if depth:
        raise ValueError("a volatile region is not closed")
    kept.append(page[pos:])
    return "".join(kept)


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


def _configure_args(fp: dict) -> list[str] | None:
    args = fp.get("config_args")
    return None if args is None else shlex.split(args)


def build_flags(fp: dict) -> str:
    """What a timing depends on in how a CPython was built: PGO, LTO, JIT and GIL. Empty for an implementation that
    reports no CONFIG_ARGS (PyPy, Jython, the WebAssembly ones)."""
    given = _configure_args(fp)
    if given is None:
        return ""
    jit = fp.get("jit_available") or any(a.startswith("--enable-experimental-jit") for a in given)
    if fp.get("debian_build"):  # Debian's packaging passes its optimisation flags to make, not to configure
        optimised = ["Debian's package (its PGO and LTO are not recorded in CONFIG_ARGS)"]
    else:
        optimised = [f"PGO {'on' if '--enable-optimizations' in given else 'off'}",
                     f"LTO {'on' if any(a.startswith('--with-lto') for a in given) else 'off'}"]
    return ", ".join([*optimised,
                      "JIT on" if fp.get("jit_enabled") else f"JIT {'built in, off' if jit else 'not built'}",
                      "no GIL" if fp.get("free_threaded_build") else "GIL"])


def configure_options(fp: dict) -> str:
    """The configure options as given, less the install paths; empty where there are none to report."""
    given = _configure_args(fp)
    if given is None:
        return ""
    shown = [a for a in given if not a.startswith(("--prefix=", "--libdir=", "LDFLAGS=", "CPPFLAGS=", "LIBS="))]
    return " ".join(shown) or "none"


def build_options(fp: dict) -> str:
    """build_flags, then the configure options."""
    return f"{build_flags(fp)}; configure options: {configure_options(fp)}" if configure_options(fp) else ""


def repo_link(path: str) -> str:
    base = SITE["repo_url"].rstrip("/")
    return f"{base}/blob/{SITE['branch']}/{path}" if base else ""


def url_from_page(target: str, page_url: str) -> str:
    """A link to a site path that works from the page at `page_url` (raw HTML is not rewritten by the build)."""
    here = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
    return posixpath.relpath(target, here or ".")


def zip_name(snippet: str) -> str:
    """Where scripts/gen_snippet_files.py publishes a snippet and the modules it imports as one zip file."""
    return posixpath.splitext(snippet)[0] + ".zip"


def _link(target: str, page_url: str, text_: str, name: str) -> str:
    """A Markdown link that saves the file under `name` rather than opening it as text (attr_list sets the
    attribute; the build checks and rewrites the link like any other)."""
    return f'[{text_}]({url_from_page(target, page_url)}){{: download="{name}" }}'


def _download(snippet: str, source: list, page_url: str) -> str:
    """The download link; for a snippet that imports modules beside it, a link to each module and a zip of all."""
    folder = posixpath.dirname(snippet)
    link = _link(f"snippets/{snippet}", page_url, "download", posixpath.basename(snippet))
    extra = [_link(f"snippets/{folder}/{module}", page_url, module, module) for module, _ in source[1:]]
    if not extra:
        return link
    zipped = _link(f"snippets/{zip_name(snippet)}", page_url, "as one zip", posixpath.basename(zip_name(snippet)))
    return f"{link} it and {', '.join(extra)} into one folder, or all {len(extra) + 1} {zipped}"


# Companion modules whose source the page being rendered already shows: each is listed once per page, in the first
# block that uses it (the pip page's index module was listed eight times). Reset by new_page() for every page.
_LISTED: set[str] = set()


def new_page() -> None:
    _LISTED.clear()


def source_details(snippet: str, source: list) -> str:
    """The snippet's source (and, the first time on a page, the modules beside it that it imports) folded in a block
    of its own. `source` is what ran: [file name, text] pairs, the snippet first.

    Source is not an alternative to the output, so it is no tab: a reader always sees the output, and opening one
    block's source opens no other (linked tabs switched every tab with the same label, on every page).
    """
    folder = posixpath.dirname(snippet)
    (own, *shared) = source
    fresh = [(name, body) for name, body in shared if f"{folder}/{name}" not in _LISTED]
    _LISTED.update(f"{folder}/{name}" for name, _ in fresh)
    files = [own, *fresh]
    listings = "\n\n".join(fence(body, "python", f"snippets/{folder}/{name}") for name, body in files)
    names = ", ".join(f"`{name}`" for name, _ in files)
    if again := [name for name, _ in shared if all(name != f for f, _ in fresh)]:
        listed = ", ".join(f"`{name}`" for name in again)
        names += f" (it imports {listed}, listed in the first block on this page that uses it)"
    return f'??? source "Source: {names}"\n\n{textwrap.indent(listings, "    ")}\n'


def _others(share: float | None) -> str:
    return "" if share is None else f", while everything else on the machine used about {share:.0%} of its CPU time"


def run_line(result: Result, page_url: str, timing: bool = False) -> str:
    """How to run it, and how it went here; for a timing run, also how busy the rest of the machine was."""
    path = f"snippets/{result.snippet}"
    links = [_download(result.snippet, result.source, page_url)]
    if SITE["repo_url"]:
        links.append(f"[view in the repository]({repo_link(path)})")
    ran = f"in {result.wall_seconds:.2f} s{_others(result.others_cpu) if timing else ''}"
    built = f" · timed on a build with {flags}" if timing and (flags := build_flags(result.interpreter)) else ""
    return (f"Run it yourself from a clone: `{result.command}` · {' · '.join(links)} · exit {result.exit_code} "
            f"{volatile(ran, 'timing')}{built}")


def evidence_tabs(result: Result, page_url: str, timing: bool = False) -> str:
    """The output, always shown and titled with its interpreter; the source folded above it; how to run it."""
    output = result.output if result.output.strip() else "(no output)"
    return "\n".join([
        source_details(result.snippet, result.source),
        fence(output, "text", f"Output · {interpreter_label(result.interpreter)}"),
        "",
        run_line(result, page_url, timing),
        "",
    ])


def evidence_tabs_each(snippet: str, runs: list, page_url: str, timing: bool = False,
                       source: list | None = None) -> str:
    """The source folded, then one output tab per interpreter that ran the snippet; then the ones this build lacked.
    The source is the first run's, or `source` where none ran."""
    source = next((r.source for _, r in runs if r is not None and r.source), source)
    if not source:
        raise EvidenceError("no run of it in this build, and no source given to show", snippet)
    parts = [source_details(snippet, source)]
    ran = [(kind, r) for kind, r in runs if r is not None]
    for i, (_kind, r) in enumerate(ran):
        output = r.output if r.output.strip() else "(no output)"
        if r.exit_code:
            output += f"\n[exit code {r.exit_code}]"
        parts.append(_tab(interpreter_label(r.interpreter), fence(output, "text"), selected=i == 0))
    commands = ", ".join(f"`{r.command}`" for _, r in ran)
    parts.append(f"Run it yourself from a clone: {commands} · {_download(snippet, source, page_url)}")
    shares = [f"{r.others_cpu:.0%} ({interpreter_label(r.interpreter)})" for _, r in ran if r.others_cpu is not None]
    if timing and shares:
        # The mark inside the sentence: a line that starts with an HTML comment is a raw HTML block to Markdown,
        # which drops the comment that ends it.
        parts.append("\nWhile these ran, everything else on the machine used about this share of its CPU time: "
                     + volatile(", ".join(shares), "timing") + ".")
    builds = [f"{interpreter_label(r.interpreter)}: {flags}" for _, r in ran if (flags := build_flags(r.interpreter))]
    if timing and builds:
        parts.append("\nHow each CPython timed here was built: " + "; ".join(dict.fromkeys(builds)) + ".")
    if missing := [kind for kind, r in runs if r is None]:
        parts.append("\n" + not_run_note(missing))
    return "\n".join([*parts, ""])


def not_run_note(missing: list) -> str:
    """The admonition for interpreters this build lacked (registry kinds): each named, with how to add it."""
    items = "".join(f"\n- **{kind.title}**: {kind.how_to_add}" for kind in missing)
    return (f'!!! note "Not run in this build"\n\n    This machine did not have these, so they show no output '
            f"here:\n{textwrap.indent(items, '    ')}\n")


def _when(iso: str) -> str:
    return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M UTC")


def provenance(results: list[Result]) -> str:
    """The note at the foot of every page: who produced its evidence, where, from which commit, and when."""
    commit = html.escape(SITE["commit"])
    if not results:
        built = volatile(f"from commit <code>{commit}</code> on {html.escape(_when(SITE['built']))}", "build")
        body = f"<p>This page runs no snippet. It was built {built}.</p>"
    else:
        # One item per interpreter and machine, its build options once: runs that differ only in the packages
        # installed beside it (an isolated venv per set) are counted under it, not listed again.
        machines: dict[tuple, list[Result]] = {}
        for r in results:
            fp = r.interpreter
            machine = fp["host"]
            key = (interpreter_label(fp), machine["platform"], machine["machine"], machine["cpu"], machine["cpu_count"],
                   build_flags(fp), configure_options(fp))
            machines.setdefault(key, []).append(r)
        items = []
        for (label, platform, machine, cpu, cpus, flags, options), runs in machines.items():
            first = min(r.started for r in runs)
            fresh = sum(not r.cached for r in runs)
            sets = collections.Counter(" ".join(r.interpreter.get("packages", [])) for r in runs)
            with_packages = "; ".join(f"{n} with {html.escape(packages)}" for packages, n in sorted(sets.items())
                                      if packages)
            with_packages = f" ({with_packages})" if with_packages else ""
            built = f" ({html.escape(flags)})" if flags else ""
            configure = (f"<details><summary>Its configure options</summary><code>{html.escape(options)}</code>"
                         "</details>" if options else "")
            when = volatile(f"{fresh} fresh, produced from {html.escape(_when(first))}", "build")
            items.append(
                f"<li><strong>{html.escape(label)}</strong>{built} on {html.escape(platform)} "
                f"({html.escape(machine)}, {html.escape(str(cpu))}, {cpus} CPUs): {len(runs)} snippet run(s)"
                f"{with_packages}, {when}{configure}</li>")
        body = (f"<p>The evidence on this page was produced when the site was built from commit "
                f"{volatile(f'<code>{commit}</code>', 'build')}:</p><ul>{''.join(items)}</ul>")
    return ('<div class="admonition info provenance" id="provenance"><p class="admonition-title">'
            f"Where this page's evidence comes from</p>{body}</div>")
