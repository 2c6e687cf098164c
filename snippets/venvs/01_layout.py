# Creates a virtual environment with `python -m venv` and shows what it is: a folder, pyvenv.cfg and one symlink.
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    env = Path(tmp) / "venv"
    clean = {"PATH": os.environ["PATH"]}  # no PYTHON* or PIP_* variable reaches the children
    subprocess.run([sys.executable, "-m", "venv", env], env=clean, check=True)  # with pip, as by default
    print("$ python -m venv venv   # then every entry of the folder, but only the top level of site-packages\nvenv/")
    for path in sorted(env.rglob("*")):
        rel = path.relative_to(env)
        if len(rel.parts) > 4 or (len(rel.parts) == 4 and rel.parts[-2] != "site-packages"):
            continue
        link = f" -> {os.readlink(path)}" if path.is_symlink() else ""
        slash = "/" if path.is_dir() and not link else ""
        print("    " * len(rel.parts) + rel.name + slash + link.replace(tmp, "$TMP"))
    cfg = (env / "pyvenv.cfg").read_text()
    print("\nvenv/pyvenv.cfg:\n" + cfg.replace(tmp, "$TMP"))
    probe = "import json, sys, site; print(json.dumps([sys.prefix, sys.base_prefix, sys.executable, sys.path]))"
    prefix, base, executable, path = json.loads(subprocess.run([env / "bin" / "python", "-c", probe], env=clean,
                                                               capture_output=True, text=True, check=True).stdout)
    print(f"inside venv/bin/python:\n  sys.prefix      = {prefix.replace(tmp, '$TMP')}\n  sys.base_prefix = {base}")
    print(f"  sys.executable  = {executable.replace(tmp, '$TMP')}  (really {os.path.realpath(executable)})")
    shown = [p.replace(tmp, "$TMP") or "'' (the current directory, for -c)" for p in path]
    print("  sys.path        =", *shown, sep="\n    ")
    home = dict(line.split(" = ", 1) for line in cfg.splitlines() if " = " in line)["home"]
    assert prefix == str(env) and base != prefix, "claim: sys.prefix is the venv, sys.base_prefix the interpreter's"
    assert {"home", "include-system-site-packages", "version", "executable", "command"} <= set(
        line.split(" = ")[0] for line in cfg.splitlines()), "claim: the keys pyvenv.cfg holds"
    assert os.path.realpath(executable) == os.path.realpath(Path(home) / Path(os.path.realpath(executable)).name)
    assert (env / "bin" / "python").is_symlink(), "claim: on POSIX the venv's python is a symlink, not a copy"
    assert [p for p in path if "site-packages" in p] == [str(next(env.glob("lib/python*/site-packages")))], \
        "claim: the venv's own site-packages is the only one on sys.path"
    data = {"cfg_keys": [line.split(" = ")[0] for line in cfg.splitlines() if " = " in line],
            "packages": sorted(p.name for p in env.glob("lib/python*/site-packages/*") if not p.name.endswith("-info")),
            "files": sum(1 for p in env.rglob("*") if p.is_file()), "base": base}

if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump(data, f)
