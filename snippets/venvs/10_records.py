# What an install leaves: versions, installer, REQUESTED, direct_url.json; no source.
import json
import os
import tempfile
import threading
import venv
from pathlib import Path

from local_index import blog_tree, pip, serve, sha256, wheel

with tempfile.TemporaryDirectory() as tmp:
    root, local = Path(tmp) / "index", Path(tmp) / "local"
    root.mkdir()
    local.mkdir()
    blog_tree(root)
    # a wheel on disk, installed by its path rather than from the index
    wheel(local, "notes", "1.0")
    env = Path(tmp) / "venv"
    venv.create(env, symlinks=True)
    with serve(root) as (url, log):
        done = pip(env, "install", "--index-url", url, "blog",
                   local / "notes-1.0-py3-none-any.whl")
    assert threading.active_count() == 1 and done.returncode == 0, done.stdout
    notes = sha256((local / "notes-1.0-py3-none-any.whl").read_bytes())
    site = next(env.glob("lib/python*/site-packages"))
    infos = sorted(p for p in site.glob("*.dist-info") if not p.name.startswith("pip-"))
    # the files pip downloaded, by hash
    archives = {p.name: sha256(p.read_bytes()) for p in root.glob("*.whl")}
    print("$ pip install --index-url $INDEX/simple/ blog ./notes-1.0-py3-none-any.whl"
          f"\n\n{site.relative_to(env)}/")
    found = {}
    for info in infos:
        files = sorted(p.name for p in info.iterdir())
        text = "".join(p.read_text() for p in info.iterdir())
        metadata = (info / "METADATA").read_text().splitlines()
        version = next(line.split(": ", 1)[1] for line in metadata
                       if line.startswith("Version: "))
        direct = (json.loads((info / "direct_url.json").read_text())
                  if "direct_url.json" in files else None)
        found[info.name] = {"files": files, "version": version,
                            "installer": (info / "INSTALLER").read_text().strip(),
                            "requested": "REQUESTED" in files, "direct_url": direct,
                            "index": url.split("/simple")[0] in text,
                            "archive_hash": any(h in text for h in archives.values())}
        print(f"  {info.name}/  {', '.join(files)}")
        print(f"      Version: {version}, INSTALLER: {found[info.name]['installer']}, "
              f"REQUESTED: {'yes' if found[info.name]['requested'] else 'no'}")
        if direct:
            print("      direct_url.json:", json.dumps(direct).replace(tmp, "$TMP"))

from_index = [name for name in found if not name.startswith("notes-")]
assert all(found[n]["installer"] == "pip" for n in found), \
    "claim: INSTALLER names the tool, pip"
requested = [n for n in found if found[n]["requested"]]
assert requested == ["blog-1.0.dist-info", "notes-1.0.dist-info"], \
    ("claim: REQUESTED marks only what was asked for by name or path, not the "
     "dependencies")
assert all(found[n]["direct_url"] is None for n in from_index), \
    "claim: no direct_url.json for what came from an index"
direct_url = found["notes-1.0.dist-info"]["direct_url"]
assert direct_url["url"].startswith("file://"), \
    "claim: direct_url.json records the path"
assert direct_url["archive_info"]["hashes"] == {"sha256": notes}, \
    "claim: for a file installed by path, direct_url.json records its hash"
assert not any(found[n]["index"] for n in found), \
    "claim: no file of .dist-info names the index"
assert not any(found[n]["archive_hash"] for n in from_index), \
    "claim: no file records the downloaded archive's hash"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"dists": found, "from_index": len(from_index),
                   "direct_keys": sorted(direct_url)}, f)
