# The requests of one `pip install` to a local index, with and without PEP 658 metadata.
# /// script
# dependencies = ["pip==26.3"]
# [tool.uv]
# exclude-newer = "2026-11-20T00:00:00Z"
# ///
import json
import os
import tempfile
import threading
import venv
from importlib.metadata import version
from pathlib import Path

from local_index import blog_tree, pip, serve

logs = {}
with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp) / "index"
    root.mkdir()
    blog_tree(root)
    for metadata in (True, False):
        env = Path(tmp) / f"env-{len(logs)}"
        # a fresh, empty virtual environment for each install
        venv.create(env, symlinks=True)
        with serve(root, metadata) as (url, log):
            out = pip(env, "install", "--index-url", url, "blog", own=True).stdout
        label = "with" if metadata else "without"
        print("$ pip install --index-url $INDEX/simple/ blog   # pip "
              f"{version('pip')}, an index {label} metadata files", *log, sep="\n  ")
        print(out.strip().splitlines()[-1], end="\n\n")
        assert ("Successfully installed blog-1.0 markup-1.0 "
                "storage-2.0 textutil-1.0") in out, out
        assert url in out and "Looking in links" not in out, \
            "claim: pip saw this index and nothing else"
        assert "Will try" not in out and "INFO:" not in out, \
            "claim: by default pip is silent on a rejection"
        logs[label] = log

assert threading.active_count() == 1, "claim: both index servers have stopped"
got, blind = logs["with"], logs["without"]
wheels = [line for line in got if line.endswith(".whl")]
assert all(w + ".metadata" in got[: got.index(w)] for w in wheels), \
    "claim: each wheel's metadata came first"
last_metadata = max(i for i, line in enumerate(got) if line.endswith(".metadata"))
assert last_metadata < got.index(wheels[0]), \
    "claim: pip read every metadata file it needed before downloading any wheel"
assert "GET /files/markup-2.0-py3-none-any.whl" not in got, \
    "claim: the rejected candidate's wheel was not fetched"
assert "GET /files/markup-2.0-py3-none-any.whl" in blind, \
    "claim: without metadata, pip downloads it just to read it"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        position = {
            name: got.index(f"GET /files/{name}-py3-none-any.whl.metadata") + 1
            for name in ("markup-2.0", "storage-2.0", "markup-1.0")}
        data = {"pip": version("pip"), "with": got, "without": blind,
                "wheels_with": len(wheels), "rejected": position["markup-2.0"],
                "conflict": position["storage-2.0"], "chosen": position["markup-1.0"],
                "wheels_without": sum(line.endswith(".whl") for line in blind)}
        json.dump(data, f)
