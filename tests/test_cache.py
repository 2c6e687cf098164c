"""Results are reused across builds until something that can change them changes; runs go in parallel."""

from __future__ import annotations

import json
import re

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
    assert "1 snippet run(s), 0 fresh" in (sites[1] / "index.html").read_text()

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
    calls = [f'show("{names[0]}")', f'show("{names[1]}")', f'show("{names[2]}", timing=True)']
    page = "".join(exec_block(call, f"b{i}") for i, call in enumerate(calls))
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
