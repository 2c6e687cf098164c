# Hash-checking mode: pip skips PEP 658 metadata files and downloads every distribution.
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

from local_index import blog_tree, pip, serve, sha256

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp) / "index"
    root.mkdir()
    blog_tree(root)
    venv.create(Path(tmp) / "env", symlinks=True)
    # the set the other snippets resolve
    wheels = ["blog-1.0", "markup-1.0", "storage-2.0", "textutil-1.0"]
    hashes = {w: sha256((root / f"{w}-py3-none-any.whl").read_bytes()) for w in wheels}
    pinned = [f"{w.replace('-', '==')} --hash=sha256:{hashes[w]}" for w in wheels]
    (Path(tmp) / "requirements.txt").write_text("\n".join(pinned) + "\n")
    with serve(root) as (url, log):
        out = pip(Path(tmp) / "env", "install", "--dry-run", "-vv", "--require-hashes",
                  "--index-url", url, "-r", Path(tmp) / "requirements.txt",
                  own=True).stdout
    assert threading.active_count() == 1, "claim: the index server has stopped"

print(f"requirements.txt, every line pinned and hashed:\n  {pinned[0][:60]}…   "
      f"(and {len(pinned) - 1} more)\n")
keep = ("Collecting", "  Metadata-only", "  Downloading", "Would install")
print("$ pip install --dry-run -vv --require-hashes -r requirements.txt   "
      f"# pip {version('pip')}, its lines about metadata:",
      *(line.split(" (from -r")[0]
        for line in out.splitlines() if line.startswith(keep)), sep="\n")
print("\nrequests:", *log, sep="\n  ")
message = "Metadata-only fetching is not used as hash checking is required"
assert out.count(message) == len(wheels), \
    "claim: pip says so once for each distribution"
assert not any(line.endswith(".metadata") for line in log), \
    "claim: no metadata file was fetched"
fetched = sorted(line for line in log if line.endswith(".whl"))
assert fetched == [f"GET /files/{w}-py3-none-any.whl" for w in wheels], \
    "claim: a dry run in hash-checking mode downloads every wheel, one each"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        data = {"pip": version("pip"), "message": message, "wheels": len(wheels)}
        json.dump(data, f)
