"""The free-threaded CPython: the registry picks the newest one found, and the one found really runs without a GIL."""

from __future__ import annotations

import json
import subprocess

import pytest

from evidence import registry
from evidence.runner import run
from evidence.settings import Settings

FREE_THREADED = registry.newest("free-threaded")


def needs_free_threaded():
    if registry.locate(FREE_THREADED) is None:
        tried = ", ".join(registry.KINDS[k].title for k in registry.NEWEST["free-threaded"])
        pytest.skip(f"no free-threaded CPython here ({tried}); scripts/install_cpython.sh 3.13t builds CPython 3.13t")


def test_free_threaded_stands_for_the_newest_one_found(monkeypatch):
    found = {"cpython-3.13t"}
    monkeypatch.setattr(registry, "locate", lambda key: (key,) if key in found else None)
    assert registry.keys("free-threaded") == ["cpython-3.13t"]
    assert registry.keys(["cpython-3.13", "free-threaded"]) == ["cpython-3.13", "cpython-3.13t"]
    found.add("cpython-3.14t")
    assert registry.keys("free-threaded") == ["cpython-3.14t"]
    found.add("cpython-3.15t")
    assert registry.keys("free-threaded") == ["cpython-3.15t"]
    found.clear()  # none found: the newest known is named, so the page and EVIDENCE_REQUIRE say what is missing
    newest_known = f"cpython-{registry.FREE_THREADED_VERSIONS[0]}"
    assert registry.keys("free-threaded") == [newest_known]
    assert [k.key for k in registry.missing_required(["free-threaded"])] == [newest_known]


def test_find_cpython_finds_the_build_in_the_user_cache(tmp_path, monkeypatch):
    python = tmp_path / "cache" / "hidden-layers" / "python-3.13t" / "bin" / "python3.13t"
    python.parent.mkdir(parents=True)
    python.write_text("#!/bin/sh\nexit 0\n")
    python.chmod(0o755)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("PYENV_ROOT", str(tmp_path / "no-pyenv"))
    assert registry.find_cpython("3.13t") == python


def test_the_free_threaded_build_found_has_no_gil_and_runs_in_a_package_free_venv():
    needs_free_threaded()
    interp = registry.interpreter(FREE_THREADED)
    assert interp.fingerprint["free_threaded_build"], interp.fingerprint
    code = ("import importlib.metadata, json, site, sys, sysconfig; print(json.dumps({"
            "'disabled': sysconfig.get_config_var('Py_GIL_DISABLED'), 'enabled': sys._is_gil_enabled(), "
            "'venv': sys.prefix != sys.base_prefix, 'site': site.getsitepackages(), 'prefix': sys.prefix, "
            "'packages': [d.metadata['Name'] for d in importlib.metadata.distributions()]}))")
    said = json.loads(subprocess.run([*interp.argv, "-c", code], capture_output=True, text=True, check=True,
                                     timeout=60).stdout)
    assert said["disabled"] == 1 and said["enabled"] is False, said
    assert said["venv"], "snippets run from a virtual environment of the free-threaded build"
    assert all(path.startswith(said["prefix"]) for path in said["site"]), said["site"]
    assert said["packages"] == [], "the environment has no packages"


def test_which_build_snippet_asserts_the_gil_is_off_there(tmp_path):
    needs_free_threaded()
    settings = Settings(cache_dir=tmp_path / "cache")
    done = run("gil/06_which_build.py", registry.interpreter(FREE_THREADED), settings)
    assert done.exit_code == 0, done.output  # its asserts held: a free-threaded build runs without the GIL
    assert done.data["py_gil_disabled"] == 1 and done.data["is_gil_enabled"] is False, done.data

