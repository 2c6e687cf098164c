"""The CPython installer: each build name gets its own configure options and its own check, and the registry finds a
JIT variant in the default build when Debian compiled the JIT into it."""

from __future__ import annotations

import subprocess

import pytest

from evidence import registry
from evidence.settings import ROOT

SCRIPT = ROOT / "scripts" / "install_cpython.sh"


def shell_function(name: str, *args: str) -> str:
    """Run one function of install_cpython.sh alone (the script's main part is not run) and return what it printed."""
    source = SCRIPT.read_text()
    body = source[source.index(f"{name}() {{"):]
    body = body[:body.index("\n}\n") + 3]
    done = subprocess.run(["bash", "-c", f"{body}\n{name} \"$@\"", name, *args], capture_output=True, text=True)
    return done.stdout.strip()


@pytest.mark.parametrize(("name", "options"), [
    ("3.14", ""),
    ("3.14t", "--disable-gil"),
    ("3.14-jit", "--enable-experimental-jit=yes-off"),  # ends in "t", and is not free-threaded
    ("3.15-tailcall", "--with-tail-call-interp"),
])
def test_each_build_name_gets_its_own_configure_options(name, options):
    assert shell_function("configure_args", name) == options


def test_a_jit_variant_is_the_default_build_when_that_has_the_jit(monkeypatch, tmp_path):
    checked = []
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))  # no variant built into this cache
    monkeypatch.setattr(registry, "find_cpython", lambda v, real=registry.find_cpython: (
        real(v) if "-" in v else tmp_path / f"python{v}"))
    monkeypatch.setattr(registry, "_runs", lambda argv, code="pass": checked.append(code) or "_jit" in code)
    assert registry.find_cpython("3.14-jit") == tmp_path / "python3.14"
    assert any("sys._jit.is_available()" in code for code in checked)
    monkeypatch.setattr(registry, "_runs", lambda argv, code="pass": "_jit" not in code)  # a default build without
    assert registry.find_cpython("3.14-jit") is None
