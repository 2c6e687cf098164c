# A venv per CPython given, compared: extra names in bin/, lib64, where pip comes from.
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

PROBE = """import ensurepip, json, pathlib, sys, sysconfig
wheels = sysconfig.get_config_var("WHEEL_PKG_DIR") or ""
bundled = pathlib.Path(ensurepip.__file__).parent / "_bundled"
pkg_dir = pathlib.Path(wheels or "/nonexistent")
print(json.dumps({"version": sys.version.split()[0], "wheel_pkg_dir": wheels,
                  "pip": ensurepip.version(),
                  "bundled": sorted(p.name for p in bundled.glob("*.whl")),
                  "pkg_dir": sorted(p.name for p in pkg_dir.glob("*.whl"))}))"""
rows = []
with tempfile.TemporaryDirectory() as tmp:
    for python in sys.argv[1:] or [sys.executable]:
        probe = subprocess.run([python, "-I", "-c", PROBE], capture_output=True,
                               text=True, check=True)
        info = json.loads(probe.stdout)
        env = Path(tmp) / f"venv-{info['version']}"
        subprocess.run([python, "-m", "venv", env], env={"PATH": os.environ["PATH"]},
                       check=True)
        site = next(env.glob("lib/python*/site-packages"))
        lib64 = env / "lib64"
        info |= {"extra": sorted(p.name for p in (env / "bin").iterdir()
                                 if p.name.lower().endswith("thon")
                                 and p.name != "python"),
                 "lib64": ("symlink" if lib64.is_symlink() else "folder")
                          if lib64.exists() else "none",
                 "installed": sorted(p.name.removesuffix(".dist-info")
                                     for p in site.glob("*.dist-info"))}
        from_pkg_dir = any(w.startswith("pip-") for w in info["pkg_dir"])
        info["source"] = "WHEEL_PKG_DIR" if from_pkg_dir else "_bundled"
        rows.append(info)
print(f"{'CPython':9} {'bin/ also has':14} {'lib64':8} {'pip from':14} installed")
for r in rows:
    extra, installed = ", ".join(r["extra"]) or "-", ", ".join(r["installed"])
    print(f"{r['version']:9} {extra:14} {r['lib64']:8} {r['source']:14} {installed}")
for r in rows:
    where = (r["wheel_pkg_dir"] if r["source"] == "WHEEL_PKG_DIR"
             else "ensurepip/_bundled")
    print(f"\n{r['version']}: ensurepip.version() = {r['pip']!r}, read from {where}")
    print(f"  WHEEL_PKG_DIR = {r['wheel_pkg_dir'] or '(not set)'}: "
          f"{', '.join(r['pkg_dir']) or 'no wheels'}")
    print(f"  ensurepip/_bundled: {', '.join(r['bundled']) or 'empty'}")

for r in rows:
    minor = tuple(map(int, r["version"].split(".")[:2]))
    assert (r["extra"] == ["𝜋thon"]) == (minor == (3, 14)), \
        "claim: only 3.14's venv adds a 𝜋thon link"
    assert (r["lib64"] == "symlink") == (minor < (3, 15)), \
        "claim: 3.15 stopped making the lib64 -> lib link"
    assert f"pip-{r['pip']}" in r["installed"], \
        "claim: the venv gets the pip that ensurepip.version() names"
    assert r["source"] == "_bundled" or not r["bundled"], \
        "claim: a distribution's build takes pip from WHEEL_PKG_DIR"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump(rows, f)
