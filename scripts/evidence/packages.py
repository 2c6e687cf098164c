"""Snippets that need third-party packages declare them inline (PEP 723); each pinned set gets its own cached venv."""

from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

from evidence.interpreters import Interpreter, clean_environment
from evidence.settings import Settings

# The regular expression given by PEP 723 for `# /// script` blocks.
_BLOCK = re.compile(r"(?m)^# /// (?P<type>[a-zA-Z0-9-]+)$\s(?P<content>(^#(| .*)$\s)+)^# ///$")
# name==version, optionally with an environment marker (PEP 508) for a pin that differs by Python version.
_PINNED = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(\[[A-Za-z0-9,._-]+\])?==[A-Za-z0-9.+!-]+(;.+)?$")


def script_metadata(source: str) -> dict:
    """A snippet's PEP 723 `script` block as a dict (empty without one)."""
    blocks = [m for m in _BLOCK.finditer(source) if m["type"] == "script"]
    if not blocks:
        return {}
    content = "".join(line[2:] if line.startswith("# ") else line[1:] for line in blocks[0]["content"].splitlines(True))
    return tomllib.loads(content)


def dependencies(source: str) -> tuple[str, ...]:
    """The `dependencies` of a snippet's PEP 723 block, each pinned with ==, plus its `exclude-newer` cut-off for
    the packages they pull in: together they make the installed set repeatable."""
    metadata = script_metadata(source)
    deps = tuple(metadata.get("dependencies", []))
    loose = [d for d in deps if not _PINNED.match(d.replace(" ", ""))]
    if loose:
        raise ValueError(f"dependencies must be pinned with == (name==version): {loose}")
    cutoff = metadata.get("tool", {}).get("uv", {}).get("exclude-newer")
    if deps and not cutoff:
        raise ValueError("a [tool.uv] exclude-newer date is needed so that what the pins pull in is fixed too")
    return (*deps, f"--exclude-newer={cutoff}") if deps else ()


def _uv() -> str:
    found = os.environ.get("UV") or shutil.which("uv")
    if not found:
        raise FileNotFoundError("uv is needed to install a snippet's dependencies (run the build with `uv run`)")
    return found


def with_packages(interpreter: Interpreter, deps: tuple[str, ...], settings: Settings) -> Interpreter:
    """The same interpreter in a venv holding exactly `deps`, created once and reused until `deps` change."""
    if not deps:
        return interpreter
    python = Path(interpreter.argv[0])
    key = hashlib.sha256(f"{python}\0{sorted(deps)}".encode()).hexdigest()[:12]
    home = settings.cache_dir / "envs" / f"{python.parent.parent.name}-pkgs-{key}"
    home.parent.mkdir(parents=True, exist_ok=True)
    with open(f"{home}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one builder per set, across threads and processes
        if not (home / ".complete").exists():
            shutil.rmtree(home, ignore_errors=True)
            env = clean_environment({"UV_PYTHON_DOWNLOADS": "never"})
            subprocess.run([str(python), "-m", "venv", "--without-pip", str(home)], check=True, env=env,
                           capture_output=True, timeout=120)
            uv = [_uv(), "pip", "--no-config", "--quiet"]
            target = ["--python", str(home / "bin" / "python")]
            # Wheels only: a pin with no wheel for this interpreter fails at once, naming it, instead of starting a
            # source build of NumPy that takes many minutes and depends on the machine's compilers.
            done = subprocess.run([*uv[:2], "install", *uv[2:], "--no-build", "--compile-bytecode", *target, *deps],
                                  env={**os.environ, **env}, capture_output=True, text=True, timeout=900)
            if done.returncode != 0:
                raise OSError(f"installing {list(deps)} failed: {done.stderr.strip()[-1500:]}")
            frozen = subprocess.run([*uv[:2], "freeze", *uv[2:], *target], env={**os.environ, **env},
                                    capture_output=True, text=True, check=True, timeout=120).stdout
            (home / ".complete").write_text(frozen)
    installed = (home / ".complete").read_text().split()
    # What was installed joins the fingerprint: cached results follow it, and the page footer can name it.
    fingerprint = {**interpreter.fingerprint, "packages": installed}
    return dataclasses.replace(interpreter, argv=(str(home / "bin" / "python"), *interpreter.argv[1:]),
                               fingerprint=fingerprint, reader_command="uv run",
                               isolation=f"{interpreter.isolation}, plus {', '.join(installed)}")
