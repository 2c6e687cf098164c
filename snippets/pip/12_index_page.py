# pip reads Requires-Python and yanked from the index's project page, not file names.
# /// script
# dependencies = ["pip==26.3"]
# [tool.uv]
# exclude-newer = "2026-11-20T00:00:00Z"
# ///
import json
import os
import platform
import tempfile
import threading
import urllib.request
import venv
from importlib.metadata import version
from pathlib import Path

from local_index import pip, serve, wheel

REASON = "corrupts data on save"
with tempfile.TemporaryDirectory() as tmp:
    root, env = Path(tmp) / "index", Path(tmp) / "env"
    root.mkdir()
    for number in ("1.0", "2.0", "2.1"):
        wheel(root, "storage", number)
    # METADATA says it; the index repeats it on its page
    wheel(root, "storage", "3.0", requires_python=">=3.99")
    # the index yanks 2.1 (PEP 592)
    (root / "storage-2.1-py3-none-any.whl.yanked").write_text(REASON)
    venv.create(env, symlinks=True)
    with serve(root) as (url, log):
        json_type = {"Accept": "application/vnd.pypi.simple.v1+json"}
        ask = urllib.request.Request(url + "storage/", headers=json_type)
        files = json.load(urllib.request.urlopen(ask))["files"]
        mark = len(log)  # the requests before this one are the snippet's own
        newest = pip(env, "install", "--dry-run", "-vv", "--index-url", url, "storage",
                     own=True).stdout
        first = log[mark:]
        pinned = pip(env, "install", "--dry-run", "--index-url", url, "storage==2.1",
                     own=True).stdout
    index = url.removesuffix("/simple/")
    assert threading.active_count() == 1, "claim: the index server has stopped"

print("GET /simple/storage/ (JSON): every file name reads as an installable "
      "py3-none-any wheel")
for f in files:
    said = {k: v for k, v in f.items() if k in ("requires-python", "yanked")}
    print(f"  {f['filename']:30} {said or ''}")
print(f"\n$ pip install --dry-run -vv storage   # pip {version('pip')} "
      f"on Python {platform.python_version()}; its lines about the files:")
keep = ("  Link requires", "  Skipping link: 3.0", "Collecting", "  Downloading",
        "Would")
print(*(line.replace(index, "$INDEX") for line in newest.splitlines()
        if line.startswith(keep)), sep="\n")
print("\n$ pip install --dry-run storage==2.1",
      *(line.replace(index, "$INDEX") for line in pinned.splitlines()
        if line.startswith(("WARNING", "Reason", "Would"))), sep="\n")
print("\nrequests of the first install:", *first, sep="\n  ")
assert ("Link requires a different Python "
        f"({platform.python_version()} not in: '>=3.99')") in newest, \
    "claim: pip skips 3.0 for the Requires-Python the page gave"
assert "Would install storage-2.0" in newest and "yanked" not in newest, \
    ("claim: pip passes over the yanked 2.1 when nothing pins it, without a word even "
     "at -vv")
assert first == ["GET /simple/storage/ (json)",
                 "GET /files/storage-2.0-py3-none-any.whl.metadata"], \
    "claim: pip set 3.0 and 2.1 aside from the page alone, fetching nothing of theirs"
assert ("is a yanked version" in pinned
        and f"Reason for being yanked: {REASON}" in pinned), "claim: == still gets it"
assert "Would install storage-2.1" in pinned, \
    "claim: a yanked file is still installed when pinned with =="
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"pip": version("pip"), "python": platform.python_version(),
                   "reason": REASON}, f)
