"""Remembers how long each run took last time, so the parallel batch can start the longest runs first."""

from __future__ import annotations

import json
import os
import tempfile

from evidence.page import Request
from evidence.settings import Settings


def name(request: Request) -> str:
    return f"{request.snippet} {request.python or 'build'} {list(request.args)}"


def _file(settings: Settings):
    return settings.cache_dir / "durations.json"


def load(settings: Settings) -> dict[str, float]:
    try:
        return json.loads(_file(settings).read_text())
    except (OSError, ValueError):
        return {}


def save(settings: Settings, measured: dict[str, float]) -> None:
    """Merges this build's wall times into the file, atomically, so concurrent builds never read half a file."""
    if not measured:
        return
    merged = {**load(settings), **measured}
    settings.cache_dir.mkdir(parents=True, exist_ok=True)
    fd, staging = tempfile.mkstemp(dir=settings.cache_dir, suffix=".tmp")
    with os.fdopen(fd, "w") as out:
        json.dump(merged, out, indent=0, sort_keys=True)
    os.replace(staging, _file(settings))
