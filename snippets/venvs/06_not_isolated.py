# What a venv shares with its base interpreter: binary, stdlib, extensions, system libs.
import json
import os
import re
import shutil
import subprocess
import tempfile
import venv
from pathlib import Path

PROBE = """import json, os, site, sys, sysconfig, _ssl
print(json.dumps({"base_prefix": sys.base_prefix,
                  "stdlib": sysconfig.get_paths()["stdlib"], "os": os.__file__,
                  "_ssl": _ssl.__file__, "user_site": site.ENABLE_USER_SITE,
                  "path": sys.path}))"""

with tempfile.TemporaryDirectory() as tmp:
    env = Path(tmp) / "venv"
    venv.create(env, symlinks=True)
    print("the venv's interpreter, link by link:")
    path = env / "bin" / "python"
    while path.is_symlink():
        target = path.parent / os.readlink(path)
        print(f"  {str(path).replace(tmp, '$TMP')} -> {os.readlink(path)}")
        path = target
    real = Path(os.path.realpath(path))
    probe = subprocess.run([env / "bin" / "python", "-c", PROBE],
                           env={"PYTHONPATH": "/opt/elsewhere"},
                           capture_output=True, text=True, check=True)
    inside = json.loads(probe.stdout)
    print(f"  = {real}, a file of the base installation\n\n"
          "inside the venv (started with PYTHONPATH=/opt/elsewhere):")
    for key in ("base_prefix", "stdlib", "os", "_ssl", "user_site"):
        print(f"  {key:11} = {inside[key]}")
    shown = [p.replace(tmp, "$TMP") or "'' (the current directory, for -c)"
             for p in inside["path"]]
    print("  sys.path    =", *shown, sep="\n    ")
    if shutil.which("ldd"):
        for name, binary in [("the interpreter", real), ("_ssl", inside["_ssl"])]:
            libs = subprocess.run(["ldd", binary], capture_output=True,
                                  text=True).stdout
            print(f"\nldd {name}: shared libraries the dynamic linker loads "
                  "from the system")
            print(*(f"  {re.sub(r' [(]0x[0-9a-f]+[)]', '', line.strip())}"
                    for line in libs.splitlines()), sep="\n")

base = inside["base_prefix"]
assert str(real).startswith(base), \
    "claim: the venv runs the base installation's binary through a symlink"
assert all(inside[key].startswith(base) for key in ("stdlib", "os", "_ssl")), \
    "claim: stdlib and extensions are shared"
assert "/opt/elsewhere" in inside["path"], \
    "claim: environment variables such as PYTHONPATH still reach a venv"
assert inside["user_site"] is False, \
    "claim: a venv turns off the user site-packages folder"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        ssl = Path(inside["_ssl"]).name
        json.dump({"base": base, "real": str(real), "ssl": ssl}, f)
