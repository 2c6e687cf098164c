# Offers pip a Windows CPython 2.7 wheel, from a file and the index: why pip refuses it.
# /// script
# dependencies = ["pip==26.3"]
# [tool.uv]
# exclude-newer = "2026-11-20T00:00:00Z"
# ///
import tempfile
import threading
import venv
from importlib.metadata import version
from pathlib import Path

from local_index import pip, serve, wheel

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp) / "index"
    root.mkdir()
    wheel(root, "oldthing", "1.0", tag="cp27-cp27mu-win_amd64")
    env = Path(tmp) / "env"
    venv.create(env, symlinks=True)
    direct = pip(env, "install", root / "oldthing-1.0-cp27-cp27mu-win_amd64.whl",
                 own=True).stdout
    with serve(root) as (url, log):
        found = pip(env, "install", "-vv", "--index-url", url, "oldthing",
                    own=True).stdout
    assert threading.active_count() == 1, "claim: the index server has stopped"

print("$ pip install ./oldthing-1.0-cp27-cp27mu-win_amd64.whl   "
      f"# pip {version('pip')}")
print(direct.replace(str(root), ".").strip())
print("\n$ pip install -vv oldthing   # from the index; the lines about the file, "
      "out of", len(found.splitlines()))
print(*(line.replace(url.removesuffix("/simple/"), "$INDEX")
        for line in found.splitlines()
        if "oldthing-1.0" in line or "ERROR" in line), sep="\n")
print("\nrequests:", *log, sep="\n  ")
assert "is not a supported wheel on this platform" in direct, \
    "claim: pip refuses the file outright"
assert "none of the wheel's tags (cp27-cp27mu-win_amd64) are compatible" in found, \
    "claim: pip skips the link"
assert "(from versions: none)" in found, \
    "claim: with its only file skipped, the project has no candidate here"
assert log == ["GET /simple/oldthing/ (json)"], \
    "claim: pip judged the file by its name and downloaded nothing"
