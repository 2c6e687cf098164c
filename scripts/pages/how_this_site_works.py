"""The "How this site works" page's tables, its confinement sentence and the report of every run, from the engine's
own state and this build's runs."""

from __future__ import annotations

import html

from evidence import registry, runner, sandbox, text
from evidence.page import after_build
from evidence.registry import resolve
from evidence.render import interpreter_label, volatile
from evidence.runner import Result
from evidence.settings import Settings


def confinement() -> dict:
    """Whether this build's snippets ran confined, and if not, why."""
    settings = Settings.from_environment()
    if runner.confined(settings):
        return {"confined": True, "why": ""}
    return {"confined": False, "why": "EVIDENCE_CONFINE was off" if not settings.confine else sandbox.unavailable()}


def settings_table() -> str:
    rows = ["| Setting | Value in this build | Environment variable | What it does |", "|---|---|---|---|"]
    for s in Settings.from_environment().describe():
        rows.append(f"| {s.name} | `{s.value}` | `{s.env}` | {s.meaning} |")
    return "\n".join(rows)


def interpreter_table() -> str:
    """What the default evidence interpreter says about itself, read by running the engine's probe in it."""
    interp = resolve(None, Settings.from_environment().python)
    fp = interp.fingerprint
    keys = ["implementation", "version", "cache_tag", "free_threaded_build", "gil_enabled", "compiler", "platform"]
    rows = ["| Field | Value |", "|---|---|", f"| runs snippets with | `{' '.join(interp.argv)}` |",
            f"| isolation | {interp.isolation} |"]
    rows += [f"| {k.replace('_', ' ')} | `{fp.get(k)}` |" for k in keys]
    rows += [f"| host {k.replace('_', ' ')} | `{v}` |" for k, v in fp["host"].items()]
    return "\n".join(rows)


def registry_table() -> str:
    """Every implementation the engine knows, whether this build found it, and how to add it if not."""
    rows = ["| Interpreter | Key | In this build | Run a file with | How to add it |", "|---|---|---|---|---|"]
    for kind in registry.KINDS.values():
        found = registry.interpreter(kind.key)
        status = interpreter_label(found.fingerprint) if found else "not found"
        rows.append(f"| {kind.title} | `{kind.key}` | {status} | `{kind.reader_command} FILE` | {kind.how_to_add} |")
    for name, candidates in registry.NEWEST.items():
        picked = registry.newest(name)
        now = f"`{picked}`" if registry.locate(picked) else "none of them (reported as not run)"
        rows.append("")
        rows.append(f"A page that asks for `{name}` gets the first of {', '.join(f'`{k}`' for k in candidates)} that "
                    f"the machine has; in this build, {now}.")
    return "\n".join(rows)


def run_report() -> text.Markdown:
    """The report of every run, filled in once the whole build has rendered: only then are all pages' runs known."""
    return text.Markdown(after_build(report_table))


def report_table(used: dict[str, list[Result]]) -> str:
    """One row per snippet run in this build: where it was used, by which interpreter, how long and how big."""
    rows = []
    for page, results in sorted(used.items()):
        for r in results:
            fp = r.interpreter
            rows.append(
                f"<tr><td><code>snippets/{html.escape(r.snippet)}</code></td><td><code>docs/{html.escape(page)}</code>"
                f"</td><td>{html.escape(interpreter_label(fp))}</td>"
                # What the run cost and whether the cache supplied it change from build to build.
                + volatile(f"<td>{r.wall_seconds:.2f}</td><td>{r.peak_rss_kib / 1024:.1f}</td>"
                           f"<td>{'&ndash;' if r.others_cpu is None else f'{r.others_cpu:.0%}'}</td>"
                           f"<td>{'cached' if r.cached else 'fresh'}</td>", "build")
                + "</tr>")
    if not rows:
        return "<p>No snippet ran in this build.</p>"
    table = ('<table><thead><tr><th>Snippet</th><th>Page</th><th>Interpreter</th><th>Wall time (s)</th>'
             "<th>Peak memory (MiB)</th><th>CPU used elsewhere</th><th>Result</th></tr></thead>"
             "<tbody>" + "".join(rows) + "</tbody></table>")
    # Folded: a reader skims the summary line, and opens the table (one row a run) only to look one up.
    return (f'<details class="run-report"><summary>{run_summary(used)}</summary>{table}</details>')


def run_summary(used: dict[str, list[Result]]) -> str:
    """One line for the folded report: how many runs on how many interpreters, how many fresh, and the slowest."""
    runs = [r for results in used.values() for r in results]
    interpreters = {interpreter_label(r.interpreter) for r in runs}
    slowest = max(runs, key=lambda r: r.wall_seconds)
    fresh = sum(not r.cached for r in runs)
    counts = volatile(f"{fresh} of them fresh, the slowest <code>{html.escape(slowest.snippet)}</code> at "
                      f"{slowest.wall_seconds:.1f} s", "build")
    return f"{len(runs)} snippet runs on {len(interpreters)} interpreters in this build: {counts}"
