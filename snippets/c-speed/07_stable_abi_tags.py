# Which abi3/abi3t files each CPython given imports, which wheel tags it would install.
# /// script
# requires-python = ">=3.9"
# dependencies = ["packaging==26.3"]
# [tool.uv]
# exclude-newer = "2026-11-20T00:00:00Z"
# ///
import importlib.metadata
import json
import os
import subprocess
import sys
from pathlib import Path

import packaging
from packaging import tags
from packaging.specifiers import SpecifierSet

# Run by each interpreter with -I -S: its own import suffixes, and (given packaging's
# folder) its own wheel tags.
PROBE = r"""
import importlib.machinery, json, sys, sysconfig
row = {"version": "%d.%d.%d" % sys.version_info[:3], "abiflags": sys.abiflags,
       "soabi": sysconfig.get_config_var("SOABI"),
       "free_threaded": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
       "suffixes": importlib.machinery.EXTENSION_SUFFIXES}
if sys.argv[1]:
    sys.path.insert(0, sys.argv[1])
    from packaging import tags, utils
    found = list(tags.sys_tags())
    order = []
    # the interpreter-ABI pairs in order of preference, whatever the platform
    for t in found:
        if f"{t.interpreter}-{t.abi}" not in order:
            order.append(f"{t.interpreter}-{t.abi}")
    installs = {w: not set(utils.parse_wheel_filename(w)[3]).isdisjoint(found)
                for w in sys.argv[2:]}
    row.update(tags=len(found), first=[str(t) for t in found[:3]], order=order,
               abis=sorted({t.abi for t in found}), installs=installs)
print(json.dumps(row))
"""
ENV = {"PATH": os.environ.get("PATH", "")}
# pure Python, so every version can import this copy
folder = str(Path(packaging.__file__).parent.parent)
needs = SpecifierSet(importlib.metadata.metadata("packaging")["Requires-Python"])
platforms = list(tags.platform_tags())
# a widely compatible one of this machine: manylinux_2_17 on Linux
platform = next((p for p in platforms if p.startswith("manylinux_2_17_")),
                platforms[-1])
WHEELS = [f"example-1.0-cp312-abi3-{platform}.whl",
          f"example-1.0-cp315-abi3.abi3t-{platform}.whl"]


def probe(python, *args):
    out = subprocess.run([python, "-I", "-S", "-c", PROBE, *args], capture_output=True,
                         text=True, env=ENV, timeout=60, check=True)
    return json.loads(out.stdout)


rows = []
for python in sys.argv[1:] or [sys.executable]:
    row = probe(python, "")
    if needs.contains(row["version"]):
        row = probe(python, folder, *WHEELS)
    build = " free-threaded" if row["free_threaded"] else ""
    row["label"] = f"CPython {row['version']}{build}"
    rows.append(row)
rows.sort(key=lambda r: (tuple(int(p) for p in r["version"].split(".")),
                         r["free_threaded"]))

print(f"packaging {packaging.__version__} (Requires-Python {needs}); "
      f"example wheels: {', '.join(WHEELS)}\n")
for r in rows:
    print(f"{r['label']}: sys.abiflags={r['abiflags']!r}, SOABI={r['soabi']}")
    print(f"  EXTENSION_SUFFIXES: {' '.join(r['suffixes'])}")
    if "tags" not in r:
        print("  wheel tags: not computed, "
              f"packaging {packaging.__version__} needs Python {needs}")
        continue
    print(f"  {r['tags']} wheel tags, first: {', '.join(r['first'])}")
    print(f"  by preference: {' > '.join(r['order'][:6])} ...")
    print("  " + "; ".join(f"{w}: {'installs' if ok else 'no'}"
                           for w, ok in r["installs"].items()))

for r in rows:
    version = tuple(int(p) for p in r["version"].split(".")[:2])
    threaded = r["free_threaded"]
    assert (".abi3t.so" in r["suffixes"]) == (version >= (3, 15)), \
        "claim: only 3.15 and later import .abi3t.so"
    assert (".abi3.so" in r["suffixes"]) != (threaded and version >= (3, 15)), \
        "claim: every build imports .abi3.so except free-threaded 3.15 and later"
    assert ("t" in r["abiflags"]) == threaded, \
        "claim: sys.abiflags has a t on free-threaded builds only"
    if "tags" in r:
        if threaded:
            assert f"cp3{version[1] - 1}-abi3t" in r["order"], \
                "claim: packaging offers older abi3t tags as well"
        assert ("abi3" in r["abis"]) != threaded, \
            "claim: abi3 wheels install on GIL-enabled builds only"
        assert ("abi3t" in r["abis"]) == threaded, \
            "claim: abi3t wheels install on free-threaded builds only"
        cp312, cp315 = r["installs"].values()
        assert cp312 == (not threaded and version >= (3, 12)), \
            "claim: cp312-abi3 fits GIL-enabled 3.12 and later"
        assert cp315 == (version >= (3, 15)), \
            "claim: a cp315-abi3.abi3t wheel fits 3.15 and later, both builds"

if out := os.environ.get("EVIDENCE_DATA"):
    with open(out, "w") as f:
        json.dump({"packaging": packaging.__version__, "needs": str(needs),
                   "wheels": WHEELS, "platform": platform, "rows": rows}, f)
