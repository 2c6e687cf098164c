"""The interpreter registry: discovery, required interpreters, and one tab of real output per interpreter."""

from __future__ import annotations

import os
import re
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import yaml

from evidence import registry
from helpers import ROOT, build, exec_block, mini_project

# What CI on the project's own machines must run for real (.ci/run installs them and sets EVIDENCE_REQUIRE).
CI_MUST_HAVE = ["build", "cpython-3.11", "cpython-3.13", "cpython-3.13t", "cpython-3.14", "cpython-3.15",
                "cpython-3.14-jit", "pypy", "jython", "pyodide", "micropython"]

WHO_AM_I = """\
    # Prints which implementation runs it.
    import sys
    name = sys.implementation.name if hasattr(sys, "implementation") else str(sys.platform)
    print("implementation: " + name)
    """


def test_an_interpreter_two_threads_ask_for_at_once_is_prepared_once_and_others_alongside():
    calls, overlapped, jython_started = [], [], threading.Event()

    def slow_prepare(key):  # isolating and fingerprinting Pyodide takes seconds
        calls.append(key)
        if key == "pyodide":  # a lock shared by all keys would keep Jython waiting until this gives up
            overlapped.append(jython_started.wait(timeout=10))
        else:
            jython_started.set()
        time.sleep(0.2)
        return f"ready {key}"

    once = registry._prepared_once(slow_prepare)
    with ThreadPoolExecutor(max_workers=4) as pool:
        found = list(pool.map(once, ["pyodide", "pyodide", "jython", "pyodide"]))
    assert found == ["ready pyodide", "ready pyodide", "ready jython", "ready pyodide"]
    assert sorted(calls) == ["jython", "pyodide"], "each interpreter prepared once, however many threads ask"
    assert overlapped == [True], "two different interpreters are prepared side by side"


def test_build_interpreter_is_always_found():
    assert registry.locate("build")


@pytest.mark.parametrize("version", ["3.11", "3.12", "3.13"])
def test_find_cpython_finds_that_version(version):
    found = registry.find_cpython(version)
    if found is None:
        pytest.skip(f"CPython {version} is not on this machine (pyenv or PATH); CI must provide it")
    out = subprocess.run([str(found), "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                         capture_output=True, text=True, check=True).stdout.strip()
    assert out == version


def test_every_group_names_known_interpreters():
    for group, keys in registry.GROUPS.items():
        assert set(keys) <= set(registry.KINDS) | set(registry.NEWEST), group


@pytest.mark.skipif(not os.environ.get("CI"), reason="only CI promises to have every interpreter it installs")
@pytest.mark.parametrize("key", CI_MUST_HAVE)
def test_ci_has_the_interpreters_it_promises(key):
    assert registry.locate(key), f"{registry.KINDS[key].title} is missing: {registry.KINDS[key].how_to_add}"


def test_ci_requires_what_it_promises():
    run = (ROOT / ".ci" / "run").read_text()
    required = re.search(r'EVIDENCE_REQUIRE="([^"]*)"', run)[1].split(",")
    assert required == CI_MUST_HAVE


def test_deploy_requires_the_full_set():
    deploy = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text())
    build_step = next(s for s in deploy["jobs"]["build"]["steps"] if s.get("run") == "make build")
    required = build_step["env"]["EVIDENCE_REQUIRE"].split(",")
    covered = {k for name in required for k in registry.GROUPS.get(name, [name])}  # free-threaded: named as well
    assert set(registry.KINDS) - {"build"} <= covered


def test_a_missing_required_interpreter_fails_the_build_by_name(tmp_path):
    absent = [k for k in registry.KINDS if not registry.locate(k)]
    if not absent:
        pytest.skip("every interpreter the registry knows is installed here, so none can be missing")
    kind = registry.KINDS[absent[0]]
    project = mini_project(tmp_path / "p", {"demo/01_who.py": WHO_AM_I}, exec_block('show("demo/01_who.py")'))
    done = build(project, tmp_path / "site", EVIDENCE_REQUIRE=kind.key)
    assert done.returncode != 0
    assert f"the build requires {kind.title} ({kind.key})" in done.stderr


def test_an_unknown_required_interpreter_is_an_error(tmp_path):
    project = mini_project(tmp_path / "p", {"demo/01_who.py": WHO_AM_I}, exec_block('show("demo/01_who.py")'))
    done = build(project, tmp_path / "site", EVIDENCE_REQUIRE="cpython-2.0")
    assert done.returncode != 0 and "unknown interpreters: ['cpython-2.0']" in done.stderr


@pytest.mark.slow
def test_each_interpreter_gets_a_tab_with_its_own_output(tmp_path):
    keys = ["build", "pypy", "jython", "pyodide", "micropython", "ironpython", "graalpy"]
    project = mini_project(tmp_path / "p", {"demo/01_who.py": WHO_AM_I},
                           exec_block(f'show_each("demo/01_who.py", {keys!r})'))
    done = build(project, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "site" / "index.html").read_text()
    names = {"build": "cpython", "pypy": "pypy", "jython": "java", "pyodide": "cpython", "micropython": "micropython"}
    for key in keys:
        if registry.locate(key):
            label = re.escape(registry.interpreter(key).fingerprint["implementation"])
            assert re.search(rf"<label[^>]*>{label}[^<]*</label>", html), key
            assert f"implementation: {names.get(key, key)}" in html, key
        else:
            assert registry.KINDS[key].title in html.split("Not run in this build")[1], key


def test_newest_cpython_stands_for_the_newest_release_found(monkeypatch):
    found = {"cpython-3.11", "cpython-3.13"}
    monkeypatch.setattr(registry, "locate", lambda key: (key,) if key in found else None)
    assert registry.keys("newest-cpython") == ["cpython-3.13"]
    found.add("cpython-3.15")
    assert registry.keys("newest-cpython") == ["cpython-3.15"]
    assert registry.keys(["build", "newest-cpython"]) == ["build", "cpython-3.15"]
