"""Finds the interpreter that produces evidence, gives it an isolated environment and reads its fingerprint."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from evidence.settings import Settings

PROBE = Path(__file__).with_name("probe.py")


@dataclass(frozen=True)
class Interpreter:
    """An interpreter ready to run snippets: the isolated executable and what it says about itself."""

    executable: Path
    base: Path
    fingerprint: dict

    @property
    def label(self) -> str:
        fp = self.fingerprint
        flavour = " (free-threaded)" if fp.get("free_threaded_build") else ""
        return f"{fp['implementation']} {fp['version']}{flavour}"

    @property
    def command_name(self) -> str:
        """What a reader types to start this interpreter, e.g. `python3.12`."""
        major, minor = self.fingerprint["version"].split(".")[:2]
        return f"python{major}.{minor}"


def clean_environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment a snippet sees: no PYTHON* variables from the build machine, a neutral locale."""
    keep = {"PATH", "LANG", "LC_ALL", "TZ", "SYSTEMROOT", "TERM"}
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.setdefault("LANG", "C.UTF-8")
    env["PYTHONUNBUFFERED"] = "1"  # so stdout and stderr interleave as they would on a terminal
    env.update(extra or {})
    return env


def base_executable(python: str) -> Path:
    """The real interpreter behind a virtual environment or a shim."""
    code = "import sys; print(getattr(sys, '_base_executable', None) or sys.executable)"
    out = subprocess.run([python, "-I", "-c", code], capture_output=True, text=True, check=True,
                         env=clean_environment(), timeout=60)
    return Path(os.path.realpath(out.stdout.strip()))


def _isolated_venv(base: Path, cache_dir: Path) -> Path:
    """A virtual environment of `base` with no packages: the machine's site-packages and .pth files stay out."""
    key = hashlib.sha256(f"{base}:{base.stat().st_mtime_ns}:{base.stat().st_size}".encode()).hexdigest()[:12]
    home = cache_dir / "envs" / f"{base.name}-{key}"
    python = home / "bin" / "python"
    if python.exists():
        return python
    home.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=home.name + ".", dir=home.parent))
    try:
        subprocess.run([str(base), "-I", "-m", "venv", "--without-pip", "--clear", str(staging)],
                       check=True, capture_output=True, env=clean_environment(), timeout=120)
        # The venv records its own path in scripts only, not in the interpreter; a rename keeps it usable.
        staging.rename(home)
    except OSError:
        if not python.exists():
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return python


def fingerprint(executable: Path) -> dict:
    out = subprocess.run([str(executable), str(PROBE)], capture_output=True, text=True, check=True,
                         env=clean_environment(), timeout=60)
    return json.loads(out.stdout)


@functools.cache
def resolve(python: str | None = None, settings: Settings | None = None) -> Interpreter:
    """The interpreter named by `python` (a path or command), by EVIDENCE_PYTHON, or the build's own."""
    settings = settings or Settings.from_environment()
    wanted = python or settings.python or sys.executable
    found = shutil.which(wanted) or wanted
    if not Path(found).exists():
        raise FileNotFoundError(f"interpreter {wanted!r} was not found")
    base = base_executable(found)
    executable = _isolated_venv(base, settings.cache_dir)
    return Interpreter(executable=executable, base=base, fingerprint=fingerprint(executable))


def find_cpython(version: str) -> Path | None:
    """A CPython `version` ("3.12") on this machine: pyenv's versions first (its shims may refuse), then PATH."""
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    for candidate in sorted(pyenv.glob(f"{version}.*/bin/python{version}"), reverse=True):
        if "t" not in candidate.parent.parent.name.removeprefix(version):
            return candidate
    found = shutil.which(f"python{version}")
    if found and subprocess.run([found, "-c", "pass"], capture_output=True, timeout=60).returncode == 0:
        return Path(found)
    return None
