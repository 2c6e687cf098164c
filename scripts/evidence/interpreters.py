"""Turns a located interpreter into one ready for evidence: isolated, fingerprinted, with the command a reader types."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import platform
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from evidence.settings import Settings

PROBE = Path(__file__).with_name("probe.py")


@dataclass(frozen=True)
class Interpreter:
    """An interpreter ready to run snippets: the argv that runs a file, and what it says about itself."""

    key: str
    argv: tuple[str, ...]
    reader_command: str
    fingerprint: dict
    isolation: str

    @property
    def label(self) -> str:
        return interpreter_label(self.fingerprint)


def interpreter_label(fp: dict) -> str:
    """The one way the site names an interpreter (tabs, tables, provenance): its own version, the language version if
    different, and its flavour."""
    own = fp.get("implementation_version")
    label = f"{fp['implementation']} {own or fp['version']}"
    if own and own != fp["version"]:
        label += f" (Python {fp['version']})"
    if fp.get("free_threaded_build"):
        label += " free-threaded"
    if fp.get("jit_enabled"):  # compiled in and switched on (PYTHON_JIT=1); compiled in and off is the usual case
        label += " with JIT on"
    if fp.get("sys_platform") in ("emscripten", "webassembly"):
        label += " on WebAssembly"
    return label


def clean_environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment a snippet sees: no PYTHON* variables from the build machine, a neutral locale."""
    keep = {"PATH", "LANG", "LC_ALL", "TZ", "SYSTEMROOT", "TERM", "JAVA_HOME"}
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.setdefault("LANG", "C.UTF-8")
    env["PYTHONUNBUFFERED"] = "1"  # so stdout and stderr interleave as they would on a terminal
    env.update(extra or {})
    return env


def base_executable(python: str) -> Path:
    """The real interpreter behind a virtual environment or a shim."""
    code = "import sys; print(getattr(sys, '_base_executable', None) or sys.executable)"
    out = subprocess.run([python, "-E", "-s", "-c", code], capture_output=True, text=True, check=True,
                         env=clean_environment(), timeout=60)
    return Path(os.path.realpath(out.stdout.strip()))


def isolated_venv(base: Path, cache_dir: Path) -> Path:
    """A virtual environment of `base` with no packages: the machine's site-packages and .pth files stay out."""
    stat = base.stat()
    key = hashlib.sha256(f"{base}:{stat.st_mtime_ns}:{stat.st_size}".encode()).hexdigest()[:12]
    home = cache_dir / "envs" / f"{base.name}-{key}"
    python = home / "bin" / "python"
    if python.exists():
        return python
    home.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=home.name + ".", dir=home.parent))
    try:
        subprocess.run([str(base), "-m", "venv", "--without-pip", "--clear", str(staging)],
                       check=True, capture_output=True, env=clean_environment(), timeout=120)
        staging.rename(home)  # atomic: a concurrent build either sees the whole venv or none
    except OSError:
        if not python.exists():
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return python


@functools.cache
def host() -> dict:
    """The machine every interpreter here runs on (WebAssembly ones report their own virtual platform)."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"platform": platform.platform(), "machine": platform.machine(), "cpu": cpu, "cpu_count": os.cpu_count()}


def _fingerprint_key(argv: tuple[str, ...]) -> str:
    """What a fingerprint depends on: the command, the files it names as they are now, and the probe."""
    digest = hashlib.sha256(PROBE.read_bytes())
    for arg in argv:
        digest.update(arg.encode())
        path = Path(arg)
        if path.exists():
            real = path.resolve()
            digest.update(f"{real}:{real.stat().st_mtime_ns}:{real.stat().st_size}".encode())
    lock = Path(__file__).resolve().parents[2] / "node_modules" / ".package-lock.json"
    if lock.exists():
        digest.update(lock.read_bytes())
    return digest.hexdigest()[:24]


def fingerprint(argv: tuple[str, ...], settings: Settings | None = None) -> dict:
    """What the interpreter says about itself, from the probe; kept on disk until the interpreter's files change."""
    settings = settings or Settings.from_environment()
    stored = settings.cache_dir / "fingerprints" / f"{_fingerprint_key(argv)}.json"
    if stored.exists() and not settings.fresh:
        return json.loads(stored.read_text())
    found = _probe(argv)
    stored.parent.mkdir(parents=True, exist_ok=True)
    # Atomically: two registry keys can name one interpreter ("build" and "cpython-3.11"), probed side by side.
    partial = stored.with_name(f"{stored.name}.{os.getpid()}.{threading.get_ident()}")
    partial.write_text(json.dumps(found))
    partial.replace(stored)
    return found


def _probe(argv: tuple[str, ...]) -> dict:
    # From the probe's own folder: Pyodide sees only its working folder, mounted at the same path.
    out = subprocess.run([*argv, str(PROBE)], capture_output=True, text=True, env=clean_environment(), timeout=120,
                         cwd=PROBE.parent)
    if out.returncode != 0:
        raise OSError(f"{' '.join(argv)} could not run the fingerprint probe: {out.stderr.strip()[-500:]}")
    return {**json.loads(out.stdout.strip().splitlines()[-1]), "host": host()}


def prepare(key: str, argv: tuple[str, ...], reader_command: str, venv: bool,
            settings: Settings | None = None) -> Interpreter:
    """Isolate (a package-free venv where the implementation has venv) and fingerprint an interpreter."""
    settings = settings or Settings.from_environment()
    if venv:
        base = base_executable(argv[0])
        argv = (str(isolated_venv(base, settings.cache_dir)), *argv[1:])
        isolation = f"package-free virtual environment of {base}"
    else:
        isolation = "clean environment variables only (this implementation has no venv)"
    return Interpreter(key=key, argv=argv, reader_command=reader_command, fingerprint=fingerprint(argv, settings),
                       isolation=isolation)
