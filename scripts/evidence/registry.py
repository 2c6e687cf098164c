"""The implementations the engine knows: how to find each on a machine, how to run a file with it, how to add it."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from evidence.interpreters import Interpreter, prepare
from evidence.settings import ROOT, _cache_home

JS = Path(__file__).with_name("js")
CPYTHON_VERSIONS = ["3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14", "3.15"]
FREE_THREADED_VERSIONS = ["3.15t", "3.14t", "3.13t"]  # newest first
# Builds of one release beside its default, which only scripts/install_cpython.sh makes (no setup-python offers them).
VARIANTS = {"3.14-jit": "the experimental JIT compiler, off until PYTHON_JIT=1"}


@dataclass(frozen=True)
class Kind:
    """One implementation (or CPython version) the site can show evidence from."""

    key: str
    title: str
    locate: Callable[[], tuple[str, ...] | None]
    reader_command: str
    how_to_add: str
    venv: bool = False


def _runs(argv: list[str], code: str = "pass") -> bool:
    try:
        return subprocess.run([*argv, "-c", code], capture_output=True, timeout=60).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def find_cpython(version: str) -> Path | None:
    """CPython `version` ("3.12", "3.14t" for free-threaded): pyenv's versions first (shims may refuse), then the one
    scripts/install_cpython.sh builds into the user cache, then PATH. Variants ("3.14-jit") are only in the cache."""
    if "-" in version:  # a variant: built into the cache, or (JIT) the default build when it has the JIT in it
        return _find_variant(version)
    number, threaded = version.removesuffix("t"), version.endswith("t")
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    for candidate in sorted(pyenv.glob(f"{number}.*/bin/python{version}"), reverse=True):
        if candidate.parent.parent.name.endswith("t") == threaded:
            return candidate
    built = _cache_home() / f"python-{version}" / "bin" / f"python{version.split('-')[0]}"
    if built.exists() and _runs([str(built)]):
        return built
    found = shutil.which(f"python{version}")
    return Path(found) if found and _runs([found]) else None


def _find_variant(version: str) -> Path | None:
    release = version.split("-")[0]
    built = _cache_home() / f"python-{version}" / "bin" / f"python{release}"
    if built.exists() and _runs([str(built)]):
        return built
    default = find_cpython(release)
    if version.endswith("-jit") and default and _runs([str(default)], "import sys; assert sys._jit.is_available()"):
        return default
    return None


def _which(*names: str) -> Callable[[], tuple[str, ...] | None]:
    def locate() -> tuple[str, ...] | None:
        for name in names:
            if found := shutil.which(name):
                return (found,)
        return None
    return locate


def _node(package: str, runner: str) -> Callable[[], tuple[str, ...] | None]:
    def locate() -> tuple[str, ...] | None:
        node = shutil.which("node")
        # Node resolves packages upwards from the runner script, so node_modules sits at the engine's own root.
        if node and (ROOT / "node_modules" / package / "package.json").exists():
            return (node, str(JS / runner))
        return None
    return locate


def _cpython(version: str, how_to_add: str = "") -> Kind:
    return Kind(f"cpython-{version}", f"CPython {version}", lambda: (str(p),) if (p := find_cpython(version)) else None,
                f"python{version}", how_to_add or f"pyenv install {version} (or actions/setup-python with {version})",
                venv=True)


KINDS: dict[str, Kind] = {k.key: k for k in [
    Kind("build", "CPython (the build's own)", lambda: (sys.executable,),
         f"python{sys.version_info[0]}.{sys.version_info[1]}", "always present", venv=True),
    *(_cpython(v) for v in CPYTHON_VERSIONS),
    *(_cpython(v, f"scripts/install_cpython.sh {v} (builds it on Debian from the python{v[:-1]} source package into "
                  f"~/.cache/hidden-layers/python-{v}), or actions/setup-python with {v}")
      for v in FREE_THREADED_VERSIONS),
    *(_cpython(v, f"scripts/install_cpython.sh {v} (on Debian: CPython {v.split('-')[0]} from its source package, "
                  f"with {what}; needs LLVM 19)") for v, what in VARIANTS.items()),
    Kind("pypy", "PyPy", _which("pypy3.11", "pypy3.10", "pypy3"), "pypy3",
         "apt-get install pypy3 (or actions/setup-python with pypy3.11)", venv=True),
    Kind("graalpy", "GraalPy", _which("graalpy"), "graalpy", "actions/setup-python with graalpy-24.2", venv=True),
    Kind("jython", "Jython", _which("jython"), "jython", "apt-get install jython"),
    Kind("ironpython", "IronPython", _which("ipy"), "ipy",
         "IronPython 3 from its official release (github.com/IronLanguages/ironpython3/releases) on .NET"),
    Kind("pyodide", "Pyodide", _node("pyodide", "run_pyodide.mjs"), "node scripts/evidence/js/run_pyodide.mjs",
         "npm ci (installs the pyodide package into node_modules)"),
    Kind("micropython", "MicroPython", _node("@micropython/micropython-webassembly-pyscript", "run_micropython.mjs"),
         "node scripts/evidence/js/run_micropython.mjs", "npm ci (installs the MicroPython WebAssembly package)"),
]}

GROUPS: dict[str, list[str]] = {
    "implementations": ["newest-cpython", "free-threaded", "pypy", "graalpy", "jython", "ironpython", "pyodide",
                        "micropython"],
    "cpython-versions": [f"cpython-{v}" for v in CPYTHON_VERSIONS] + ["pyodide"],
    "cpython-releases": [f"cpython-{v}" for v in CPYTHON_VERSIONS],  # the native ones, for snippets given paths
    # One release's builds side by side: default, free-threaded, and JIT (the default build when it has the JIT in).
    "cpython-builds": [f"cpython-{v}" for v in ("3.13", "3.13t", "3.14", "3.14t", "3.14-jit", "3.15", "3.15t")],
}

# Names that stand for one interpreter: the first of their list that this machine has. "free-threaded" is the newest
# free-threaded CPython found, so a page asks for it once and runs on 3.13t here and on 3.14t where that exists;
# "newest-cpython" the newest release found, for what readers of the current release see.
NEWEST: dict[str, list[str]] = {"free-threaded": [f"cpython-{v}" for v in FREE_THREADED_VERSIONS],
                                 "newest-cpython": [f"cpython-{v}" for v in reversed(CPYTHON_VERSIONS)]}


def newest(name: str) -> str:
    """The key a NEWEST name stands for on this machine; the first of its list when none is found (reported missing)."""
    return next((key for key in NEWEST[name] if locate(key)), NEWEST[name][0])


def keys(group: str | list[str]) -> list[str]:
    """The registry keys of a group name, or of a list of keys and names (groups expand, NEWEST names pick one)."""
    found: list[str] = []
    for name in [group] if isinstance(group, str) else group:
        found += keys(GROUPS[name]) if name in GROUPS else [newest(name)] if name in NEWEST else [name]
    return found


@functools.cache
def locate(key: str) -> tuple[str, ...] | None:
    return KINDS[key].locate()


def _prepared_once(function: Callable[[str], Interpreter | None]) -> Callable[[str], Interpreter | None]:
    """functools.cache, plus a lock per argument: a second thread asking for the same interpreter waits for the first
    to finish isolating and fingerprinting it, instead of doing it again beside it."""
    cached = functools.cache(function)
    locks: dict[str, threading.Lock] = {}

    @functools.wraps(function)
    def once(argument: str):
        with locks.setdefault(argument, threading.Lock()):
            return cached(argument)

    once.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return once


@_prepared_once
def interpreter(key: str) -> Interpreter | None:
    """The interpreter for a registry key, isolated and fingerprinted, or None if this machine lacks it."""
    kind = KINDS[key]
    argv = locate(key)
    return prepare(key, argv, kind.reader_command, kind.venv) if argv else None


@_prepared_once
def from_path(python: str) -> Interpreter:
    """An interpreter named by path or command (EVIDENCE_PYTHON), assumed to be a CPython-compatible one with venv."""
    found = shutil.which(python) or python
    if not Path(found).exists():
        raise FileNotFoundError(f"interpreter {python!r} was not found")
    version = subprocess.run([found, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"], capture_output=True,
                             text=True, check=True, timeout=60).stdout.strip()
    return prepare(f"path:{found}", (found,), f"python{version}", venv=True)


def resolve(name: str | None, default: str | None = None) -> Interpreter:
    """A registry key, a path, or (None) the default: EVIDENCE_PYTHON if set, else the build's own interpreter."""
    name = name or default
    if name is None:
        found = interpreter("build")
        assert found is not None
        return found
    if name in NEWEST:
        name = newest(name)
    if name in KINDS:
        found = interpreter(name)
        if found is None:
            raise FileNotFoundError(f"{KINDS[name].title} was not found on this machine; add it with: "
                                    f"{KINDS[name].how_to_add}")
        return found
    return from_path(name)


def missing_required(required: list[str]) -> list[Kind]:
    """The kinds a build was told it must have (EVIDENCE_REQUIRE) that this machine lacks."""
    found = keys(required)
    unknown = [k for k in found if k not in KINDS]
    if unknown:
        raise ValueError(f"EVIDENCE_REQUIRE names unknown interpreters: {unknown}; known: {sorted(KINDS)}")
    return [KINDS[k] for k in dict.fromkeys(found) if locate(k) is None]
