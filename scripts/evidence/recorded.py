"""Records what each page's declared runs were in a real build, as JSON, for the page-module tests to replay.

`make record` sets EVIDENCE_RECORD_PAGES to tests/recorded/ and builds every page: each page with an `evidence:`
front matter gets <page>.json, its declared names with the results a page reads (the snippet's data, output, exit
code, interpreter fingerprint, timings), the key each NEWEST name ("newest-cpython") stood for, and the build's
fingerprint of where it ran. The source that ran is left out: it is in snippets/. tests/recorded_pages.py binds
them again, with no interpreter, cache or registry probe, so a page module is tested in milliseconds against what
its snippets really wrote, not against data shaped by hand. (EVIDENCE_RECORD is another thing: a pickle of every
result, which the build benchmark replays.)
"""

from __future__ import annotations

import dataclasses
import json
import os
import platform
from pathlib import Path

from evidence import registry

ENV = "EVIDENCE_RECORD_PAGES"


def _plain(result) -> dict | None:
    """A result as plain JSON: Text and the page's marked numbers become str, int and float again."""
    if result is None:
        return None
    found = dataclasses.asdict(result)
    del found["source"]
    return json.loads(json.dumps(found))


def page_record(bound: dict) -> dict:
    """The JSON of one page's bound names: a `Run` as {"result": ...}, a `Runs` as {"each": [{"key", "result"}]}."""
    runs = {}
    for name, value in bound.items():
        if hasattr(value, "kinds"):  # a Runs (macros imports this module, so no isinstance against it here)
            runs[name] = {"each": [{"key": kind.key, "result": _plain(run.result)}
                                   for kind, run in zip(value.kinds, value.all, strict=True)]}
        else:
            runs[name] = {"result": _plain(value.result)}
    return {"machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
            "newest": {name: registry.newest(name) for name in registry.NEWEST}, "runs": runs}


def save(src_uri: str, bound: dict) -> None:
    """Write tests/recorded/<page>.json (EVIDENCE_RECORD_PAGES names the folder) when the build was asked to."""
    folder = os.environ.get(ENV)
    if not folder or not bound:
        return
    path = Path(folder) / src_uri.replace("/", "_").replace(".md", ".json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(page_record(bound), indent=1, sort_keys=True) + "\n")
