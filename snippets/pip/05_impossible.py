# Asks pip for two requirements no version set can satisfy together, and shows its ResolutionImpossible error.
import tempfile
import threading
import venv
from pathlib import Path

from local_index import blog_tree, pip, serve

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp) / "index"
    root.mkdir()
    blog_tree(root)
    env = Path(tmp) / "env"
    venv.create(env, symlinks=True)
    with serve(root) as (url, log):
        done = pip(env, "install", "--index-url", url, "blog", "storage==1.0")
    assert threading.active_count() == 1, "claim: the index server has stopped"
    installed = sorted(p.name for p in (env / "lib").glob("python*/site-packages/*"))

print(f"$ pip install blog storage==1.0   # exit code {done.returncode}")
print(done.stdout.replace(url.removesuffix("/simple/"), "$INDEX").strip())
print("\nsite-packages afterwards:", installed or "empty")
assert done.returncode == 1 and "ResolutionImpossible" in done.stdout, "claim: pip stops with ResolutionImpossible"
assert "The user requested storage==1.0" in done.stdout and "blog 1.0 depends on storage>=2" in done.stdout
assert not installed, "claim: a failed resolution installs nothing, not even the parts that did resolve"
assert not any(line.endswith(".whl") for line in log), "claim: no wheel was downloaded"
