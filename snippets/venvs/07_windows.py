# Reads a venv's Windows layout from the stdlib's own rules (sysconfig, venv) on any OS.
import json
import os
import sys
import sysconfig
import venv
from pathlib import Path

where = {"base": "VENV", "platbase": "VENV", "installed_base": "VENV",
         "installed_platbase": "VENV"}  # as EnvBuilder
posix, nt = (sysconfig.get_paths(scheme, vars=where)
             for scheme in ("posix_venv", "nt_venv"))
print(f"sysconfig schemes (Python {sys.version.split()[0]}): "
      f"{', '.join(sysconfig.get_scheme_names())}")
alias = "nt_venv" if os.name == "nt" else "posix_venv"
print(f"`venv` is an alias of {alias} here; "
      "venv.EnvBuilder asks the `venv` scheme for its folders:")
print(f"  {'path':8} {'POSIX (posix_venv)':36} Windows (nt_venv)")
for key in ("scripts", "purelib", "platlib", "include"):
    print(f"  {key:8} {posix[key]:36} {nt[key]}")

source = Path(venv.__file__).read_text()
lines = source.splitlines()
default = next(i for i, line in enumerate(lines) if "use_symlinks = False" in line)
launcher = [i for i, line in enumerate(lines)
            if "venvlauncher" in line and not line.strip().startswith("#")]
print("\nvenv/__init__.py, what `python -m venv` does by default (symlinks or copies):")
print(*(f"  {i + 1:4}: {lines[i]}" for i in range(default - 1, default + 3)), sep="\n")
print("and how it makes Scripts\\python.exe on Windows: a copy of a small launcher, "
      "not of the interpreter")
print(*(f"  {i + 1:4}: {lines[i].strip()}" for i in launcher), sep="\n")
assert (posix["scripts"] == "VENV/bin"
        and nt["scripts"].replace("\\", "/") == "VENV/Scripts"), "claim: bin vs Scripts"
assert nt["purelib"].replace("\\", "/") == "VENV/Lib/site-packages", \
    "claim: Windows has no pythonX.Y folder level"
assert sysconfig.get_paths("venv", vars=where) == (nt if os.name == "nt" else posix), \
    "claim: venv is the alias"
assert "venvlauncher" in source, \
    "claim: on Windows, venv installs a launcher as python.exe"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"posix": posix, "nt": nt}, f)
