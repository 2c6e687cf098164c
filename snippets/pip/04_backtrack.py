# Where pip drops the newest markup: while pinning it, before pinning anything to undo.
# /// script
# dependencies = ["pip==26.3"]
# [tool.uv]
# exclude-newer = "2026-11-20T00:00:00Z"
# ///
import json
import os
import re
import tempfile
import threading
import venv
from importlib.metadata import version
from pathlib import Path

from local_index import blog_tree, pip, serve

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp) / "index"
    root.mkdir()
    blog_tree(root)
    venv.create(Path(tmp) / "env", symlinks=True)
    with serve(root) as (url, log):
        out = pip(Path(tmp) / "env", "install", "--dry-run", "-vv", "--index-url", url,
                  "blog", own=True).stdout
        # the resolver's steps: what it pinned, and in which order
        debug = pip(Path(tmp) / "env", "install", "--dry-run", "--index-url", url,
                    "blog", own=True, resolver_debug=True).stdout
    assert threading.active_count() == 1, "claim: the index server has stopped"

keep = ("Collecting", "  Obtaining dependency information", "Will try", "    blog",
        "    markup", "INFO:", "Would")
lines = [line.replace(url.removesuffix("/simple/"), "$INDEX")
         for line in out.splitlines() if line.startswith(keep)]
print(f"$ pip install --dry-run -vv blog   # pip {version('pip')}; "
      f"{len(lines)} of {len(out.splitlines())} lines")
print(*lines, sep="\n")
pins = [re.search(r"/files/([a-z]+)-([\d.]+)-", line).group(1, 2)
        for line in debug.splitlines() if line.startswith("Reporter.pinning")]
print("\nthe same with PIP_RESOLVER_DEBUG=1, the pins in order:",
      ", ".join(f"{n} {v}" for n, v in pins))
conflict = lines.index("Will try a different candidate, due to conflict:")
assert lines[conflict + 1:conflict + 3] == ["    blog 1.0 depends on storage>=2",
                                            "    markup 2.0 depends on storage<2"]
assert lines.index("Collecting storage>=2 (from blog)") < conflict and any(
    "markup-2.0-py3-none-any.whl.metadata" in line for line in lines[:conflict]), \
    ("claim: markup 2.0's and storage 2.0's metadata were read while blog's "
     "requirements were collected")
assert "markup-1.0-py3-none-any.whl.metadata" in lines[conflict + 4], \
    "claim: markup 1.0 comes after the conflict"
assert ("markup", "2.0") not in pins and len(pins) == 4, \
    "claim: markup 2.0 was never pinned, so nothing was undone"
assert not any(line.startswith("INFO:") for line in lines), \
    "claim: one rejected candidate prints no INFO line"
assert "Would install blog-1.0 markup-1.0 storage-2.0 textutil-1.0" in out, \
    "claim: the next markup fits"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"pip": version("pip"), "shown": len(lines),
                   "lines": len(out.splitlines())}, f)
