# Makes pip backtrack: the newest markup conflicts with blog's other requirement; pip says which candidate it dropped.
import tempfile
import threading
import venv
from pathlib import Path

from local_index import blog_tree, pip, serve

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp) / "index"
    root.mkdir()
    blog_tree(root)
    venv.create(Path(tmp) / "env", symlinks=True)
    with serve(root) as (url, log):
        out = pip(Path(tmp) / "env", "install", "--dry-run", "-vv", "--index-url", url, "blog").stdout
    assert threading.active_count() == 1, "claim: the index server has stopped"

keep = ("Collecting", "INFO:", "Will try", "    blog", "    markup", "Would install")
print("$ pip install --dry-run -vv blog   # the resolver's lines, out of", len(out.splitlines()), "lines of -vv output")
print(*(line.replace(url.removesuffix("/simple/"), "$INDEX") for line in out.splitlines() if line.startswith(keep)),
      sep="\n")
print("\nmetadata files pip read, in order:", *(line for line in log if line.endswith(".metadata")), sep="\n  ")
assert "pip is looking at multiple versions of markup" in out, "claim: pip reports the backtracking"
assert "markup 2.0 depends on storage<2" in out and "blog 1.0 depends on storage>=2" in out, "claim: the conflict"
assert log.index("GET /files/markup-2.0-py3-none-any.whl.metadata") < log.index(
    "GET /files/markup-1.0-py3-none-any.whl.metadata"), "claim: the newest candidate is tried first"
assert "Would install blog-1.0 markup-1.0 storage-2.0 textutil-1.0" in out, "claim: backtracking found a solution"
