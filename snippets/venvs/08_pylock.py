# pip writes a PEP 751 pylock.toml, uv a hashed lock for blog; installs from each match.
# /// script
# dependencies = ["pip==26.3", "uv==0.13.9"]
# [tool.uv]
# exclude-newer = "2026-11-20T00:00:00Z"
# ///
import collections
import importlib.metadata
import json
import os
import re
import subprocess
import tempfile
import threading
import tomllib
import venv
from pathlib import Path

from local_index import ENV, blog_tree, pip, records, serve
from uv import find_uv_bin


def uv(*args, cwd=None):
    """uv with no configuration file and a throwaway cache, in the same scrubbed
    environment as pip."""
    done = subprocess.run([find_uv_bin(), *args, "--no-config", "--no-cache"], env=ENV,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          cwd=cwd)
    assert done.returncode == 0, done.stdout
    return done.stdout


with tempfile.TemporaryDirectory() as tmp:
    root, out = Path(tmp) / "index", Path(tmp)
    root.mkdir()
    blog_tree(root)
    envs = {name: out / name for name in ("pip install -r pylock.toml",
                                          "uv pip install -r requirements.lock",
                                          "uv pip install -r pylock.toml")}
    for env in envs.values():
        venv.create(env, symlinks=True)
    pip_env, uv_env, cross_env = envs.values()
    python = str(uv_env / "bin" / "python")
    (out / "requirements.in").write_text("blog\n")
    with serve(root) as (url, log):
        locked = pip(pip_env, "lock", "--index-url", url, "blog",
                     "-o", out / "pylock.toml", own=True)
        lock_log = list(log)
        uv("pip", "compile", "--python", python, "--generate-hashes",
           "--index-url", url, "--quiet", "requirements.in", "-o", "requirements.lock",
           cwd=out)
        installed = pip(pip_env, "install", "-r", out / "pylock.toml", own=True)
        uv("pip", "install", "--python", python, "--compile-bytecode",
           "--index-url", url, "-r", out / "requirements.lock")
        uv("pip", "install", "--python", cross_env / "bin" / "python",
           "--compile-bytecode", "-r", out / "pylock.toml")
    assert threading.active_count() == 1, "claim: the index server has stopped"
    assert locked.returncode == 0 and installed.returncode == 0, \
        locked.stdout + installed.stdout
    pylock = (out / "pylock.toml").read_text()
    uv_lock = (out / "requirements.lock").read_text()
    files = {name: records(env) for name, env in envs.items()}

base = url.removesuffix("/simple/")
print("$ pip lock --index-url $INDEX/simple/ blog   "
      f"# pip {importlib.metadata.version('pip')}; it asked the index:",
      *lock_log, sep="\n  ")
print("\npylock.toml:\n" + pylock.replace(base, "$INDEX").strip())
requirements = [line for line in uv_lock.splitlines() if not line.startswith("#")]
print("\n$ uv pip compile --generate-hashes requirements.in   "
      f"# uv {importlib.metadata.version('uv')}\n" + "\n".join(requirements).strip())

parsed = tomllib.loads(pylock)
keys = sorted(key for key in parsed if key != "packages")
markers = [p["name"] for p in parsed["packages"]
           if "marker" in p or "requires-python" in p]
print(f"\npylock.toml's keys besides [[packages]]: {', '.join(keys)}; "
      f"packages with a marker: {len(markers)}")
assert ("requires-python" not in parsed and "environments" not in parsed
        and not markers), \
    "claim: pip's pylock.toml records no requires-python, no environments and no marker"
from_pip = {p["name"]: (p["version"], p["wheels"][0]["hashes"]["sha256"])
            for p in tomllib.loads(pylock)["packages"]}
pinned = r"(?m)^([\w-]+)==(\S+) \\\n\s+--hash=sha256:(\w+)"
from_uv = {m[1]: (m[2], m[3]) for m in re.finditer(pinned, uv_lock)}
assert from_pip == from_uv and len(from_pip) == 4, \
    "claim: both tools locked the same four files, hash for hash"

reference = files["pip install -r pylock.toml"]
code = {p for p in reference if ".dist-info/" not in p}
print("\nthree fresh venvs from the locks; "
      f"RECORD hashes vs the first's ({len(code)} package files):")
differ = set()
for name, found in files.items():
    changed = [p for p in reference.keys() | found.keys()
               if reference.get(p) != found.get(p)]
    same = all(found.get(p) == reference[p] for p in code)
    kinds = collections.Counter(p.split("/")[-1] for p in changed)
    counts = ", ".join(f"{n} x {kind}" for kind, n in sorted(kinds.items()))
    print(f"  $ {name:36} {'same' if same else 'DIFFERENT'}; "
          f"differing: {counts or 'none'}")
    assert same, "claim: the installed code is byte-identical"
    assert all(".dist-info/" in p for p in changed), \
        "claim: only the installers' own records differ"
    differ.update(kinds)
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        data = {"pip": importlib.metadata.version("pip"),
                "uv": importlib.metadata.version("uv"),
                "packages": len(from_pip), "lock_keys": keys, "code_files": len(code),
                "differ": sorted(differ),
                "lock_wheels": sum(line.endswith(".whl") for line in lock_log),
                "lock_metadata": sum(line.endswith(".metadata") for line in lock_log)}
        json.dump(data, f)
