# Creates a venv with `python -m venv`: just a folder, pyvenv.cfg and one symlink.
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    env = Path(tmp) / "venv"
    # no PYTHON* or PIP_* variable reaches the children
    clean = {"PATH": os.environ["PATH"]}
    # with pip, as by default
    subprocess.run([sys.executable, "-m", "venv", env], env=clean, check=True)
    print("$ python -m venv venv   # then every entry of the folder, but only the top "
          "level of site-packages\nvenv/")
    for path in sorted(env.rglob("*")):
        rel = path.relative_to(env)
        depth = len(rel.parts)
        if depth > 4 or (depth == 4 and rel.parts[-2] != "site-packages"):
            continue
        link = f" -> {os.readlink(path)}" if path.is_symlink() else ""
        slash = "/" if path.is_dir() and not link else ""
        print("    " * len(rel.parts) + rel.name + slash + link.replace(tmp, "$TMP"))
    cfg = (env / "pyvenv.cfg").read_text()
    print("\nvenv/pyvenv.cfg:\n" + cfg.replace(tmp, "$TMP"))
    probe = ("import json, sys, site; print(json.dumps("
             "[sys.prefix, sys.base_prefix, sys.executable, sys.path]))")
    done = subprocess.run([env / "bin" / "python", "-c", probe], env=clean,
                          capture_output=True, text=True, check=True)
    prefix, base, executable, path = json.loads(done.stdout)
    print("inside venv/bin/python:\n"
          f"  sys.prefix      = {prefix.replace(tmp, '$TMP')}\n"
          f"  sys.base_prefix = {base}")
    print(f"  sys.executable  = {executable.replace(tmp, '$TMP')}  "
          f"(really {os.path.realpath(executable)})")
    shown = [p.replace(tmp, "$TMP") or "'' (the current directory, for -c)"
             for p in path]
    print("  sys.path        =", *shown, sep="\n    ")
    settings = dict(line.split(" = ", 1) for line in cfg.splitlines() if " = " in line)
    home = settings["home"]
    assert prefix == str(env) and base != prefix, \
        "claim: sys.prefix is the venv, sys.base_prefix the interpreter's"
    keys = set(line.split(" = ")[0] for line in cfg.splitlines())
    assert {"home", "include-system-site-packages", "version", "executable",
            "command"} <= keys, "claim: the keys pyvenv.cfg holds"
    real = os.path.realpath(executable)
    assert real == os.path.realpath(Path(home) / Path(real).name)
    assert (env / "bin" / "python").is_symlink(), \
        "claim: on POSIX the venv's python is a symlink, not a copy"
    own = str(next(env.glob("lib/python*/site-packages")))
    assert [p for p in path if "site-packages" in p] == [own], \
        "claim: the venv's own site-packages is the only one on sys.path"
    data = {"cfg_keys": [line.split(" = ")[0] for line in cfg.splitlines()
                         if " = " in line],
            "packages": sorted(p.name for p in env.glob("lib/python*/site-packages/*")
                               if not p.name.endswith("-info")),
            "files": sum(1 for p in env.rglob("*") if p.is_file()), "base": base}

if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump(data, f)
