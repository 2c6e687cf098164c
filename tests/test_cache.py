"""Results are reused across builds until something that can change them changes; runs go in parallel."""

from __future__ import annotations

import json
import re

from evidence.runner import companions
from helpers import build, exec_block, mini_project

NONCE = """\
    # Prints a random number, so a reused result can be told from a fresh run.
    import json, os
    nonce = os.urandom(8).hex()
    print("nonce " + nonce)
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"nonce": nonce}, f)
    """


def _nonce(site) -> str:
    return re.search(r"nonce ([0-9a-f]{16})", (site / "index.html").read_text()).group(1)


def test_cached_result_is_reused_until_the_snippet_changes_or_fresh_is_asked(tmp_path):
    project = mini_project(tmp_path / "p", {"demo/01_nonce.py": NONCE}, exec_block('show("demo/01_nonce.py")'))
    env = {"EVIDENCE_CACHE_DIR": str(tmp_path / "cache"), "EVIDENCE_FRESH": "0"}
    sites = [tmp_path / f"site{i}" for i in range(4)]

    assert build(project, sites[0], **env).returncode == 0
    assert build(project, sites[1], **env).returncode == 0
    assert _nonce(sites[1]) == _nonce(sites[0])
    # The fresh count varies from build to build, so it sits in a volatile region (tests/test_determinism.py).
    assert "1 snippet run(s), <!-- volatile:start build -->0 fresh" in (sites[1] / "index.html").read_text()

    snippet = project / "snippets" / "demo" / "01_nonce.py"
    snippet.write_text(snippet.read_text() + "# edited\n")
    assert build(project, sites[2], **env).returncode == 0
    assert _nonce(sites[2]) != _nonce(sites[1])

    assert build(project, sites[3], **{**env, "EVIDENCE_FRESH": "1"}).returncode == 0
    assert _nonce(sites[3]) != _nonce(sites[2])


SLEEPER = """\
    # Records when it ran, to show which snippets overlapped.
    import json, os, time
    start = time.time()
    time.sleep(1.5)
    print("ran")
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"start": start, "end": time.time()}, f)
    """


def test_independent_snippets_overlap_and_timing_snippets_run_alone(tmp_path):
    names = ["demo/01_a.py", "demo/02_b.py", "demo/03_timed.py"]
    page = (f"---\nrender_macros: true\nevidence:\n  a: {names[0]}\n  b: {names[1]}\n"
            f"  timed: {{snippet: {names[2]}, timing: true}}\n---\n# Page\n\n"
            "{{ show(a) }}\n\n{{ show(b) }}\n\n{{ show(timed) }}\n")
    project = mini_project(tmp_path / "p", dict.fromkeys(names, SLEEPER), page)
    report = tmp_path / "runs.json"

    done = build(project, tmp_path / "site", EVIDENCE_WORKERS="2", EVIDENCE_REPORT=str(report))

    assert done.returncode == 0, done.stderr
    spans = {r["snippet"]: (r["data"]["start"], r["data"]["end"]) for r in json.loads(report.read_text())}
    a, b, timed = (spans[n] for n in names)
    assert a[0] < b[1] and b[0] < a[1], "the two ordinary snippets ran at the same time"
    assert timed[0] >= max(a[1], b[1]), "the timing snippet started after everything else had finished"


def test_the_parallel_batch_starts_with_the_runs_that_took_longest(tmp_path, monkeypatch):
    from evidence import durations, prefetch
    from evidence.page import BUILD, Request
    from evidence.runner import Result
    from evidence.settings import Settings

    settings = Settings(cache_dir=tmp_path / "cache", workers=1)
    quick, slow, new = (Request(f"demo/{name}.py") for name in ("quick", "slow", "new"))
    durations.save(settings, {durations.name(quick): 0.1, durations.name(slow): 9.0})
    started: list[str] = []

    def fake_produce(request):
        started.append(request.snippet)
        BUILD.results[request] = Result(request.snippet, {}, "", "", 0, 5.0, 0, "")

    monkeypatch.setattr(prefetch, "produce", fake_produce)
    BUILD.reset()
    try:
        prefetch.run_all([quick, slow, new], settings)
    finally:
        BUILD.reset()
    assert started == ["demo/new.py", "demo/slow.py", "demo/quick.py"]  # never run before: first
    assert durations.load(settings) == {durations.name(r): 5.0 for r in (quick, slow, new)}


def test_fresh_timing_reruns_only_the_timing_snippets(tmp_path):
    page = ("# Page\n\n```python exec=\"on\" id=\"evidence\"\nfrom evidence import show\n"
            "print(show(\"demo/01_nonce.py\"))\nprint(show(\"demo/02_nonce.py\", timing=True))\n```\n")
    project = mini_project(tmp_path / "p", {"demo/01_nonce.py": NONCE, "demo/02_nonce.py": NONCE}, page)
    env = {"EVIDENCE_CACHE_DIR": str(tmp_path / "cache"), "EVIDENCE_FRESH": "0"}
    nonces = []
    for i, fresh in enumerate(["0", "timing"]):
        assert build(project, tmp_path / f"site{i}", **{**env, "EVIDENCE_FRESH": fresh}).returncode == 0
        nonces.append(re.findall(r"nonce ([0-9a-f]{16})", (tmp_path / f"site{i}" / "index.html").read_text()))
    assert nonces[1][0] == nonces[0][0], "the ordinary run came from the cache"
    assert nonces[1][-1] != nonces[0][-1], "the timing run ran anew"


USES_HELPER = """\
    # Imports a module that sits beside it, and prints a random number so a reused result can be told apart.
    import json, os
    from helper import GREETING
    nonce = os.urandom(8).hex()
    print(GREETING, "nonce " + nonce)
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"nonce": nonce}, f)
    """
HELPER = """\
    # A companion module: the snippet imports it, so the engine runs and publishes it with the snippet.
    GREETING = "hello from the companion"
    """


def test_a_snippet_runs_with_the_module_it_imports_beside_it_and_links_both(tmp_path):
    files = {"demo/01_uses.py": USES_HELPER, "demo/helper.py": HELPER}
    project = mini_project(tmp_path / "p", files, exec_block('show("demo/01_uses.py")'))

    done = build(project, tmp_path / "site", EVIDENCE_CACHE_DIR=str(tmp_path / "cache"))

    assert done.returncode == 0, done.stderr  # the run folder is far from snippets/: the import works from a copy
    html = (tmp_path / "site" / "index.html").read_text()
    assert "hello from the companion nonce" in html
    assert "snippets/demo/helper.py" in html, "the companion's source is shown in a tab of its own"
    assert re.search(r'<a download="01_uses\.py" href="snippets/demo/01_uses\.py">download</a> it and '
                     r'<a download="helper\.py" href="snippets/demo/helper\.py">helper\.py</a> into one folder, or '
                     r'all 2 <a download="01_uses\.zip" href="snippets/demo/01_uses\.zip">as one zip</a>', html), \
        "the run-it-yourself line links both files, and the zip of them"


def test_an_edit_to_the_imported_module_invalidates_the_cached_result(tmp_path):
    files = {"demo/01_uses.py": USES_HELPER, "demo/helper.py": HELPER}
    project = mini_project(tmp_path / "p", files, exec_block('show("demo/01_uses.py")'))
    env = {"EVIDENCE_CACHE_DIR": str(tmp_path / "cache"), "EVIDENCE_FRESH": "0"}
    sites = [tmp_path / f"site{i}" for i in range(3)]

    assert build(project, sites[0], **env).returncode == 0
    assert build(project, sites[1], **env).returncode == 0
    assert _nonce(sites[1]) == _nonce(sites[0]), "nothing changed: the result is reused"

    helper = project / "snippets" / "demo" / "helper.py"
    helper.write_text(helper.read_text().replace("hello", "goodbye"))
    assert build(project, sites[2], **env).returncode == 0
    assert _nonce(sites[2]) != _nonce(sites[1]), "the companion changed: the snippet ran again"
    assert "goodbye from the companion" in (sites[2] / "index.html").read_text()


def test_companions_are_the_modules_beside_a_snippet_that_it_imports(tmp_path):
    for name in ("alpha.py", "beta.py", "gamma.py", "unused.py"):
        (tmp_path / name).write_text("import gamma\n" if name == "beta.py" else "X = 1\n")
    script = tmp_path / "01_main.py"
    script.write_text("# A snippet.\nimport os, alpha as a\nfrom beta import X\nCODE = '''\nimport json\n'''\n")
    assert [p.name for p in companions(script)] == ["alpha.py", "beta.py", "gamma.py"]


def test_a_page_that_allows_failure_and_one_that_does_not_share_one_run_but_not_the_verdict(tmp_path):
    # The default interpreter is the newest CPython, so a group of that one name asks for the very same run.
    calls = (exec_block('show("demo/01_nonce.py")', "plain")
             + exec_block('show_each("demo/01_nonce.py", ["newest-cpython"])', "group"))
    project = mini_project(tmp_path / "p", {"demo/01_nonce.py": NONCE}, calls)
    env = {"EVIDENCE_CACHE_DIR": str(tmp_path / "cache"), "EVIDENCE_FRESH": "1"}
    assert build(project, tmp_path / "site", **env).returncode == 0
    page = (tmp_path / "site" / "index.html").read_text()
    nonces = set(re.findall(r"nonce ([0-9a-f]{16})", page))
    assert len(nonces) == 1, "the group's tab shows the very run the single call asked for"

    failing = mini_project(tmp_path / "q", {"demo/01_fails.py": "raise SystemExit(3)\n"},
                           exec_block('show_each("demo/01_fails.py", ["newest-cpython"])', "group")
                           + exec_block('show("demo/01_fails.py")', "plain"))
    done = build(failing, tmp_path / "site2", **env)
    assert done.returncode != 0 and "exited with code 3" in done.stderr, "a run another page allowed to fail still " \
                                                                          "fails the page that does not allow it"
    stored = [json.loads(f.read_text())["snippet"] for f in (tmp_path / "cache" / "results").rglob("*.json")]
    assert "demo/01_nonce.py" in stored and "demo/01_fails.py" not in stored, "the failure is run again next build"
