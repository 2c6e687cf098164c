# pip's --dry-run --report: what it would install, drawn as a tree from its JSON report.
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
from pathlib import Path

from local_index import blog_tree, pip, serve

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp) / "index"
    root.mkdir()
    blog_tree(root)
    venv.create(Path(tmp) / "env", symlinks=True)
    with serve(root) as (url, log):
        done = pip(Path(tmp) / "env", "install", "--dry-run", "--report", "-",
                   "--quiet", "--index-url", url, "blog", own=True)
    assert threading.active_count() == 1, "claim: the index server has stopped"

report = json.loads(done.stdout)
found = {item["metadata"]["name"]: item for item in report["install"]}


def draw(name, prefix=""):
    """One line per requirement of `name`: the requirement, then the version pip chose
    for it."""
    requirements = found[name]["metadata"].get("requires_dist", [])
    for i, requirement in enumerate(requirements):
        child, last = re.match(r"[\w.-]+", requirement)[0], i == len(requirements) - 1
        version = found[child]["metadata"]["version"]
        branch = "└── " if last else "├── "
        print(f"{prefix}{branch}{requirement}  ->  {child} {version}")
        draw(child, prefix + ("    " if last else "│   "))


top = [n for n, item in found.items() if item["requested"]]
print(f"pip {report['pip_version']}, report format {report['version']}: would install",
      len(found), "distributions")
for name in top:
    print(f"{name} {found[name]['metadata']['version']}  (requested)")
    draw(name)
print("\nwhere each comes from:")
for item in found.values():
    info = item["download_info"]
    where = info["url"].replace(url.removesuffix("/simple/"), "$INDEX")
    print(f"  {where}  {info['archive_info']['hash'][:23]}…")
print("\nrequests during the dry run:", *log, sep="\n  ")
downloaded = [line.split("/")[-1] for line in log if line.endswith(".whl")]
assert all(f"GET /files/{w}.metadata" in log[: log.index(f"GET /files/{w}")]
           for w in downloaded), "claim: metadata 1st"
assert {n: i["metadata"]["version"] for n, i in found.items()} == {
    "blog": "1.0", "markup": "1.0", "storage": "2.0", "textutil": "1.0"}, \
    "claim: the resolved set"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"pip": report["pip_version"], "dry_run_wheels": len(downloaded),
                   "count": len(found)}, f)
