# Asks every CPython 3.8-3.13 found on this machine for its magic number, cache tag and bytecode habits.
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PROBE = r"""
import dis, importlib, importlib.util, json, marshal, os, py_compile, re, sys, types
pyc = py_compile.compile(os.path.join(sys.argv[1], "m.py"), cfile=os.path.join(sys.argv[1], "m.pyc"))
with open(pyc, "rb") as f:
    blob = f.read()
header_16 = blob[:4] == importlib.util.MAGIC_NUMBER and isinstance(marshal.loads(blob[16:]), types.CodeType)
number = int.from_bytes(importlib.util.MAGIC_NUMBER[:2], "little")
with open(os.path.join(os.path.dirname(importlib.__file__), "_bootstrap_external.py")) as f:
    found = re.search(r"#\s+Python (\S+)\s+%d\b" % number, f.read())
def add(a, b):
    return a + b
generic = [i.opname for i in dis.get_instructions(add)]
for _ in range(2000):
    add(1, 2)
try:
    specialised = [i.opname for i in dis.get_instructions(add, adaptive=True) if i.opname not in generic]
except TypeError:  # no adaptive interpreter before 3.11
    specialised = None
comprehension = compile("[x for x in y]", "<probe>", "eval")
print(json.dumps({"version": sys.version.split()[0], "magic": number, "cache_tag": sys.implementation.cache_tag,
    "history": found.group(1) if found else "?", "add": generic, "specialised": specialised,
    "comprehension_code": any(isinstance(c, types.CodeType) for c in comprehension.co_consts),
    "header_16": header_16}))
"""


def find(minor):
    if sys.version_info[:2] == (3, minor):
        return sys.executable
    candidates = sorted(glob.glob(os.path.expanduser(f"~/.pyenv/versions/3.{minor}.*/bin/python3.{minor}")))
    candidates += sorted(glob.glob(f"/root/.pyenv/versions/3.{minor}.*/bin/python3.{minor}"))
    return candidates[-1] if candidates else shutil.which(f"python3.{minor}")


rows, missing = [], []
with tempfile.TemporaryDirectory() as tmp:
    Path(tmp, "m.py").write_text("x = 1\n")
    for minor in range(8, 14):
        python = find(minor)
        if python is None:
            missing.append(f"3.{minor}")
            continue
        out = subprocess.run([python, "-I", "-S", "-c", PROBE, tmp], capture_output=True, text=True,
                             check=True, env={"PATH": os.environ.get("PATH", "")}, timeout=30)
        rows.append(json.loads(out.stdout))

print("after warm-up: what dis(adaptive=True) shows changed after 2000 calls\n")
for r in rows:
    spec = "no adaptive interpreter" if r["specialised"] is None else " ".join(r["specialised"]) or "none"
    print(f"Python {r['version']}: magic {r['magic']} (importlib: {r['history']}), tag {r['cache_tag']}")
    print(f"  [x for x in y]: {'own code object' if r['comprehension_code'] else 'inlined'}")
    print(f"  return a + b:   {' '.join(r['add'])}")
    print(f"  after warm-up:  {spec}")
print(f"\nnot found on this machine, skipped: {', '.join(missing) or 'none'}")

by_version = {r["version"].rsplit(".", 1)[0]: r for r in rows}
assert len({r["magic"] for r in rows}) == len(rows), "claim: each minor version has its own magic number"
assert all(r["header_16"] for r in rows), "claim: every version found puts marshalled code after 16 bytes"
for r in rows:
    if r["specialised"] is not None:  # 3.11 and later
        assert r["add"][0] == "RESUME" and "BINARY_OP" in r["add"], "claim: RESUME first, generic BINARY_OP"
if "3.11" in by_version and "3.12" in by_version:
    assert by_version["3.11"]["comprehension_code"] and not by_version["3.12"]["comprehension_code"]

def first(test):
    return next((v for v, r in by_version.items() if test(r)), "not observed")


data = {"rows": rows, "missing": ", ".join(missing) or "none", "found": ", ".join(by_version),
        "inlined_from": first(lambda r: not r["comprehension_code"]),
        "adaptive_from": first(lambda r: r["specialised"] is not None)}
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump(data, f)
