# Locks blog's tree with hashes, rebuilds the environment from the lock twice, compares.
import json
import os
import tempfile
import threading
import venv
from pathlib import Path

from local_index import blog_tree, pip, records, serve, sha256, wheel

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp) / "index"
    root.mkdir()
    blog_tree(root)
    envs = [Path(tmp) / name for name in ("env-a", "env-b", "env-c")]
    for env in envs:
        venv.create(env, symlinks=True)
    lock = Path(tmp) / "requirements.lock"
    with serve(root) as (url, log):
        dry_run = pip(envs[0], "install", "--dry-run", "--quiet", "--report", "-",
                      "--index-url", url, "blog")
        report = json.loads(dry_run.stdout)
        lines = []
        for item in report["install"]:
            name, version = item["metadata"]["name"], item["metadata"]["version"]
            filename = item["download_info"]["url"].rsplit("/", 1)[1]
            digest = sha256((root / filename).read_bytes())
            seen = item["download_info"]["archive_info"]["hash"]
            assert seen == f"sha256={digest}", "claim: pip saw the same file"
            lines.append(f"{name}=={version} --hash=sha256:{digest}")
        lock.write_text("\n".join(lines) + "\n")
        installs = [pip(env, "install", "--require-hashes", "--no-deps", "-r", lock,
                        "--index-url", url) for env in envs[:2]]
        changed = "VERSION = '2.0'  # changed after locking\n"
        wheel(root, "storage", "2.0", files={"storage/__init__.py": changed})
        tampered = pip(envs[2], "install", "--require-hashes", "--no-deps", "-r", lock,
                       "--index-url", url)
    assert threading.active_count() == 1, "claim: the index server has stopped"
    print("requirements.lock, written from pip's --report and the sha256 of each file "
          "on the index:")
    print(*(f"  {line[:40]}…" for line in lines), sep="\n")
    first, second = records(envs[0]), records(envs[1])
    print(f"\ntwo venvs installed from it: {len(first)} files with a hash in RECORD,",
          "all identical" if first == second else "DIFFERENT")
    for path in sorted(p for p in first if ".dist-info/" not in p):
        print(f"  {path:22} {first[path]}  in both")
    print("\nthe same lock after storage-2.0's wheel changed on the index (exit code",
          f"{tampered.returncode}):")
    out = tampered.stdout.replace(url.removesuffix("/simple/"), "$INDEX")
    out = out.replace(str(lock), "requirements.lock")
    print(*(f"  {line.strip()}" for line in out.splitlines()
            if line.strip().startswith(("ERROR", "storage", "Expected", "Got"))),
          sep="\n")

assert all(done.returncode == 0 for done in installs), \
    "claim: both installs from the lock succeeded"
assert first == second and len(first) > 0, \
    "claim: the two environments hold byte-identical files"
assert tampered.returncode == 1 and "DO NOT MATCH THE HASHES" in tampered.stdout, \
    "claim: a changed file is refused"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"files": len(first), "lock": lines}, f)
