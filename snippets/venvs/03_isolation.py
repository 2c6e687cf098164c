# Two venvs hold two incompatible versions of one package side by side; one venv cannot.
import subprocess
import tempfile
import threading
import venv
from pathlib import Path

from local_index import pip, serve, wheel


def run(env, code):  # the venv's python, its output or the last line of its error
    done = subprocess.run([env / "bin" / "python", "-c", code], capture_output=True,
                          text=True)
    return (done.stdout or done.stderr).strip().splitlines()[-1]


USE = ("import os, sys, storage, {app}\n"
       "print('{app} works with storage', storage.VERSION, 'from', "
       "os.path.relpath(storage.__file__, sys.prefix))")
with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp) / "index"
    root.mkdir()
    wheel(root, "storage", "1.0",
          files={"storage/__init__.py": "VERSION = '1.0'\ndef save(x): return x\n"})
    wheel(root, "storage", "2.0",
          files={"storage/__init__.py": "VERSION = '2.0'\ndef put(x): return x\n"})
    wheel(root, "oldapp", "1.0", ["storage<2"],
          files={"oldapp/__init__.py": "from storage import save\n"})
    wheel(root, "newapp", "1.0", ["storage>=2"],
          files={"newapp/__init__.py": "from storage import put\n"})
    envs = {name: Path(tmp) / name for name in ("env-old", "env-new", "env-both")}
    for env in envs.values():
        venv.create(env, symlinks=True)
    with serve(root) as (url, log):
        pip(envs["env-old"], "install", "--index-url", url, "oldapp")
        pip(envs["env-new"], "install", "--index-url", url, "newapp")
        both = pip(envs["env-both"], "install", "--index-url", url, "oldapp", "newapp")
        old = run(envs["env-old"], USE.format(app="oldapp"))
        new = run(envs["env-new"], USE.format(app="newapp"))
        # the second project, same venv
        later = pip(envs["env-old"], "install", "--index-url", url, "newapp")
    assert threading.active_count() == 1, "claim: the index server has stopped"
    print("two venvs, side by side:", f"env-old: {old}", f"env-new: {new}", sep="\n  ")
    lines = [line for line in both.stdout.splitlines()
             if line.startswith(("ERROR", "    "))]
    print(f"\none venv, `pip install oldapp newapp` (exit {both.returncode}):", *lines,
          sep="\n  ")
    shared = run(envs["env-old"], USE.format(app="oldapp"))
    print("\nenv-old, which has oldapp, then `pip install newapp`:",
          *[line for line in later.stdout.splitlines()
            if line.startswith(("ERROR", "oldapp", "Successfully"))],
          f"env-old now: {shared.replace(tmp, '$TMP')}", sep="\n  ")

assert "storage 1.0" in old and "storage 2.0" in new, \
    "claim: each venv imports its own version, and each app works"
assert old.endswith("site-packages/storage/__init__.py"), \
    "claim: each import comes from its venv's site-packages"
assert both.returncode == 1 and "ResolutionImpossible" in both.stdout, \
    "claim: one environment cannot hold both"
assert ("oldapp 1.0 requires storage<2, but you have storage 2.0 which is incompatible"
        in later.stdout), \
    "claim: installing one after the other silently breaks the first (pip only warns)"
assert later.returncode == 0, "claim: pip's exit code is still 0"
assert shared.startswith("ImportError: cannot import name 'save'"), \
    "claim: oldapp no longer imports"
