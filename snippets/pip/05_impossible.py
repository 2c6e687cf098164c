# Two requirements no version set satisfies together: pip's ResolutionImpossible error.
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

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp) / "index"
    root.mkdir()
    blog_tree(root)
    env = Path(tmp) / "env"
    venv.create(env, symlinks=True)
    with serve(root) as (url, log):
        done = pip(env, "install", "--index-url", url, "blog", "storage==1.0", own=True)
        alone = pip(env, "install", "--dry-run", "--index-url", url, "storage==1.0",
                    own=True).stdout
    assert threading.active_count() == 1, "claim: the index server has stopped"
    installed = sorted(p.name for p in (env / "lib").glob("python*/site-packages/*"))

print(f"$ pip install blog storage==1.0   # pip {version('pip')}, "
      f"exit code {done.returncode}")
print(done.stdout.replace(url.removesuffix("/simple/"), "$INDEX").strip())
print("\nsite-packages afterwards:", installed or "empty")
print("\n$ pip install --dry-run storage==1.0   # on its own\n"
      + alone.strip().splitlines()[-1])
assert done.returncode == 1 and "ResolutionImpossible" in done.stdout, \
    "claim: pip stops with ResolutionImpossible"
assert ("The user requested storage==1.0" in done.stdout
        and "blog 1.0 depends on storage>=2" in done.stdout)
assert not installed, \
    "claim: a failed resolution installs nothing, not even the parts that did resolve"
assert not any(line.endswith(".whl") for line in log), "claim: no wheel was downloaded"
no_match = "no matching distributions available for your environment:\n    storage"
assert no_match in done.stdout and "Would install storage-1.0" in alone, \
    "claim: pip says storage has no distribution here, yet it installs alone"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"pip": version("pip"), "exit": done.returncode}, f)
