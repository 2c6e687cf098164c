"""Stores snippet results on disk under a key made of everything that can change them, so rebuilds reuse them."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from pathlib import Path

from evidence.runner import Result, companions
from evidence.settings import Project, Settings

# The engine files whose change can change a result: how snippets are run and fingerprinted.
_ENGINE_FILES = ["runner.py", "interpreters.py", "probe.py", "js/run_pyodide.mjs", "js/run_micropython.mjs"]


def engine_version() -> str:
    digest = hashlib.sha256()
    for name in _ENGINE_FILES:
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()[:16]


def key(snippet_file: Path, fingerprint: dict, options: dict, reads: tuple[str, ...] = ()) -> str:
    """The snippet's bytes and its companions', the project files it reads, the interpreter's fingerprint, the engine
    and the options."""
    digest = hashlib.sha256(snippet_file.relative_to(Project.snippets().resolve()).as_posix().encode() + b"\0")
    digest.update(snippet_file.read_bytes())
    for companion in companions(snippet_file):
        digest.update(companion.name.encode() + b"\0" + companion.read_bytes())
    for rel in sorted(reads):
        digest.update(rel.encode() + b"\0" + (Project.root / rel).read_bytes())
    digest.update(json.dumps([fingerprint, options, engine_version()], sort_keys=True).encode())
    return digest.hexdigest()


def _path(settings: Settings, cache_key: str) -> Path:
    return settings.cache_dir / "results" / cache_key[:2] / f"{cache_key}.json"


def load(settings: Settings, cache_key: str) -> Result | None:
    if settings.fresh:
        return None
    try:
        fields = json.loads(_path(settings, cache_key).read_text())
    except (OSError, ValueError):
        return None
    return dataclasses.replace(Result(**fields), cached=True)


def store(settings: Settings, cache_key: str, result: Result) -> None:
    path = _path(settings, cache_key)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, staging = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w") as out:
        json.dump(dataclasses.asdict(result), out)
    os.replace(staging, path)  # atomic, so a concurrent build never reads half a file


def discard(settings: Settings, cache_key: str) -> None:
    """Forgets one stored result, so that the next build runs it again."""
    _path(settings, cache_key).unlink(missing_ok=True)
