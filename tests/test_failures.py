"""A snippet that fails makes the strict build fail with one message naming the page, the snippet and the cause."""

from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path

import pytest

from evidence import sandbox
from evidence.runner import TreeGuard
from evidence.settings import Project
from helpers import build, exec_block, mini_project, tree_state

FAULTS = {
    "raises": ("raise ValueError('claim: the moon is cheese')\n", {},
               r"snippet snippets/faults/raises\.py: exited with code 1\n.*ValueError: claim: the moon is cheese"),
    "exits": ("import sys\nprint('partial output')\nsys.exit(3)\n", {},
              r"snippet snippets/faults/exits\.py: exited with code 3\n.*partial output"),
    "hangs": ("""\
        import subprocess, sys, time
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
        print("child pid", child.pid, flush=True)
        time.sleep(600)
        """, {"timeout": 2}, r"snippet snippets/faults/hangs\.py: timed out after 2 s \(its processes were killed\)"),
    "floods": ("import sys\nwhile True:\n    sys.stdout.write('x' * 4096)\n", {"timeout": 30},
               r"snippet snippets/faults/floods\.py: printed more than the output cap of \d+ bytes \(killed\)"),
    "allocates": ("import time\nblocks = []\nwhile True:\n    blocks.append(b'x' * 2**27)\n    time.sleep(0.01)\n",
                  {}, r"snippet snippets/faults/allocates\.py: used more than its memory limit of \d+ MiB \(killed\)"),
    "daemonises": ("""\
        import os, time
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                print("daemon pid", os.getpid(), flush=True)
                time.sleep(600)
            os._exit(0)
        time.sleep(0.5)
        """, {}, r"snippet snippets/faults/daemonises\.py: left processes running after it exited \(killed\)"),
    "lingers": ("import subprocess, sys\nsubprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'])\n",
                {}, r"snippet snippets/faults/lingers\.py: left processes running after it exited \(killed\)"),
}


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"  # a zombie is dead, only not yet reaped


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_fault_fails_the_build_by_name_and_leaves_the_tree_clean(fault, tmp_path):
    code, options, expected = FAULTS[fault]
    call = f'show("faults/{fault}.py"' + "".join(f", {k}={v!r}" for k, v in options.items()) + ")"
    project = mini_project(tmp_path / "project", {f"faults/{fault}.py": code}, exec_block(call))
    before = tree_state(project)

    done = build(project, tmp_path / "site")

    assert done.returncode != 0, done.stderr
    assert re.search(r"ERROR\s+-\s+evidence: page docs/index\.md: " + expected, done.stderr, re.S), done.stderr
    assert tree_state(project) == before
    children = [int(pid) for pid in re.findall(r"(?:child|daemon) pid (\d+)", done.stderr)]
    assert bool(children) == (fault in ("hangs", "daemonises"))
    for pid in children:
        assert not _alive(pid), f"the hung snippet's child {pid} survived the timeout"


def test_missing_snippet_is_named(tmp_path):
    project = mini_project(tmp_path / "project", {}, exec_block('show("nowhere/01_missing.py")'))
    done = build(project, tmp_path / "site")
    assert done.returncode != 0
    assert "page docs/index.md: snippet snippets/nowhere/01_missing.py: no such snippet file" in done.stderr


def test_sentence_needing_a_value_the_snippet_did_not_give_is_named(tmp_path):
    code = """\
        import json, os
        with open(os.environ["EVIDENCE_DATA"], "w") as f:
            json.dump({"answer": 42}, f)
        """
    project = mini_project(tmp_path / "project", {"facts/01_answer.py": code},
                           exec_block('say("The answer is {answer}, the question {question}.", "facts/01_answer.py")'))
    done = build(project, tmp_path / "site")
    assert done.returncode != 0
    assert ("snippet snippets/facts/01_answer.py: the page reads 'question' from the snippet's data, which has no such "
            "key (it has: 'answer')") in done.stderr


DATA_FAULTS = {
    "not JSON": ("f.write('{answer: 42}')", 'say("{answer}", "facts/01_bad.py")',
                 "wrote data (EVIDENCE_DATA) that is not JSON: Expecting property name enclosed in double quotes at "
                 "line 1, column 2"),
    "not UTF-8": ("f.write('caf\\xe9')", 'say("{answer}", "facts/01_bad.py")',
                  "wrote data (EVIDENCE_DATA) that is not UTF-8 text"),
    "a list for a sentence": ("f.write('[1, 2]')", 'say("{answer}", "facts/01_bad.py")',
                              "the page's sentence needs named values, but the snippet's data is a list, not a JSON "
                              "object"),
    "none at all": ("pass", 'data("facts/01_bad.py")', "wrote no data (EVIDENCE_DATA) but the page asked for it"),
}


@pytest.mark.parametrize("fault", sorted(DATA_FAULTS))
def test_data_a_page_cannot_use_is_named_with_its_cause(fault, tmp_path):
    write, call, cause = DATA_FAULTS[fault]
    encoding = "latin-1" if "UTF-8" in fault else "utf-8"
    code = f"import os\nwith open(os.environ['EVIDENCE_DATA'], 'w', encoding='{encoding}') as f:\n    {write}\n"
    if fault == "none at all":
        code = "print('no data')\n"
    project = mini_project(tmp_path / "project", {"facts/01_bad.py": code}, exec_block(call))
    done = build(project, tmp_path / "site")
    assert done.returncode != 0
    assert f"page docs/index.md: snippet snippets/facts/01_bad.py: {cause}" in done.stderr, done.stderr
    assert "interpreter unavailable" not in done.stderr


def test_passing_snippet_renders_source_output_and_data(tmp_path):
    code = """\
        # Says hello through every channel a page must capture.
        import dis, json, logging, os, sys
        print("hello from print")
        sys.stdout.write("hello from sys.stdout.write\\n")
        logging.warning("hello from logging")
        dis.dis(compile("x = 1", "<demo>", "exec"))
        os.system("echo hello from a C-level child")
        with open(os.environ["EVIDENCE_DATA"], "w") as f:
            json.dump({"runs_at_home": os.getcwd() == os.environ["HOME"]}, f)
        """
    page = exec_block('show("demo/01_hello.py")') + '\n```python exec="on" id="s"\nfrom evidence import say\n' \
        'print(say("Data says {runs_at_home}.", "demo/01_hello.py"))\n```\n'
    project = mini_project(tmp_path / "project", {"demo/01_hello.py": code}, page)
    before = tree_state(project)

    done = build(project, tmp_path / "site")

    assert done.returncode == 0, done.stderr
    html = (tmp_path / "site" / "index.html").read_text()
    for text in ["hello from print", "hello from sys.stdout.write", "WARNING:root:hello from logging",
                 "STORE_NAME", "hello from a C-level child", "Data says True.", "Run it yourself",
                 "snippets/demo/01_hello.py", "evidence comes from", "CPython"]:
        assert text in html, text
    assert tree_state(project) == before


SIX = """\
    # Imports a pinned third-party package declared inline, as `uv run` would install it.
    # /// script
    # dependencies = ["six==1.16.0"]
    # [tool.uv]
    # exclude-newer = "2026-11-20T00:00:00Z"
    # ///
    import six
    print("six " + six.__version__)
    """


def test_snippet_dependencies_are_installed_from_its_inline_metadata(tmp_path):
    project = mini_project(tmp_path / "p", {"demo/01_six.py": SIX}, exec_block('show("demo/01_six.py")'))
    done = build(project, tmp_path / "site", EVIDENCE_CACHE_DIR=str(tmp_path / "cache"))
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "site" / "index.html").read_text()
    assert "six 1.16.0" in html and "uv run snippets/demo/01_six.py" in html


def test_unpinned_snippet_dependencies_are_refused(tmp_path):
    loose = SIX.replace("six==1.16.0", "six>=1")
    project = mini_project(tmp_path / "p", {"demo/01_six.py": loose}, exec_block('show("demo/01_six.py")'))
    done = build(project, tmp_path / "site", EVIDENCE_CACHE_DIR=str(tmp_path / "cache"))
    assert done.returncode != 0
    assert "01_six.py: its inline script metadata is not usable: dependencies must be pinned" in done.stderr


CANNOT_CONFINE = pytest.mark.skipif(sandbox.unavailable() is not None,
                                    reason=f"snippets cannot be confined here: {sandbox.unavailable()}")


@CANNOT_CONFINE
def test_writing_into_the_repository_is_blocked(tmp_path):
    root = tmp_path / "project"
    code = "import pathlib, sys\npathlib.Path(sys.argv[1], 'stray.txt').write_text('x')\n"
    project = mini_project(root, {"faults/writes.py": code}, exec_block(f'show("faults/writes.py", args=("{root}",))'))
    done = build(project, tmp_path / "site")
    assert done.returncode != 0
    assert f"snippets/faults/writes.py: tried to write outside its run folder ({root}/stray.txt)" in done.stderr
    assert not (root / "stray.txt").exists()


def test_a_changed_working_tree_is_noticed(tmp_path, monkeypatch):
    """The only check left when snippets run unconfined: git status before and after."""
    root = mini_project(tmp_path / "project", {}, "")
    monkeypatch.setattr(Project, "root", root)
    TreeGuard.start()
    assert TreeGuard.changes() == []
    (root / "stray.txt").write_text("x")
    assert TreeGuard.changes() == ["?? stray.txt"]


@CANNOT_CONFINE
def test_reaching_beyond_loopback_is_blocked(tmp_path):
    # 192.0.2.1 is TEST-NET-1 (RFC 5737); inside the snippet's namespace no route leaves the machine.
    code = "import socket\nsocket.create_connection(('192.0.2.1', 80), timeout=5)\n"
    project = mini_project(tmp_path / "p", {"faults/network.py": code}, exec_block('show("faults/network.py")'))
    done = build(project, tmp_path / "site")
    assert done.returncode != 0
    assert "snippets/faults/network.py: tried to reach beyond 127.0.0.1, which snippets cannot (blocked)" in done.stderr


def test_a_claim_the_page_asserts_itself_fails_the_strict_build_and_the_soak_counts_it(tmp_path):
    spec = importlib.util.spec_from_file_location("soak", Path(__file__).resolve().parents[1] / "scripts" / "soak.py")
    soak = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(soak)
    page = '# Page\n\n```python exec="on" id="page-claim"\nassert 1 + 1 == 3, "claim: arithmetic is odd"\n```\n'
    project = mini_project(tmp_path / "p", {}, page)
    done = build(project, tmp_path / "site")
    assert done.returncode != 0
    assert soak.page_failures(done.stderr) == ["exec block page-claim: AssertionError: claim: arithmetic is odd"]
