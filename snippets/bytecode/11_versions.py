# Asks each CPython in argv (else on PATH) for its magic number and bytecode habits.
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import magic_history

PROBE = r"""
import dis, importlib, importlib.util, json, marshal, os, py_compile, sys
import sysconfig, tokenize, types
pyc = py_compile.compile(os.path.join(sys.argv[1], "m.py"),
                         cfile=os.path.join(sys.argv[1], "m.pyc"))
with open(pyc, "rb") as f:
    blob = f.read()
header_16 = (blob[:4] == importlib.util.MAGIC_NUMBER
             and isinstance(marshal.loads(blob[16:]), types.CodeType))
def add(a, b):
    return a + b
generic = [i.opname for i in dis.get_instructions(add)]
for _ in range(2000):
    add(1, 2)
try:
    specialised = [i.opname for i in dis.get_instructions(add, adaptive=True)
                   if i.opname not in generic]
except TypeError:  # no adaptive interpreter before 3.11
    specialised = None
# how many "opcode" trace events a call of add() gives, the frame asking in its "call"
def opcode_events(early):
    seen = [0]
    def tracer(frame, event, arg):
        if event == "call":
            frame.f_trace_opcodes = True
        elif event == "opcode":
            seen[0] += 1
        return tracer
    here = sys._getframe()
    # ... and with f_trace_opcodes also set on a frame before sys.settrace() is called
    if early:
        here.f_trace_opcodes, here.f_trace = True, tracer
    sys.settrace(tracer)
    add(1, 2)
    sys.settrace(None)
    here.f_trace_opcodes, here.f_trace = False, None
    return seen[0]
# does the expression get a code object of its own, as a nested function does?
def own_code(source):
    consts = compile(source, "<probe>", "eval").co_consts
    return any(isinstance(c, types.CodeType) for c in consts)
print(json.dumps({"version": sys.version.split()[0], "minor": sys.version_info[1],
    "magic": int.from_bytes(importlib.util.MAGIC_NUMBER[:2], "little"),
    "cache_tag": sys.implementation.cache_tag,
    "importlib": os.path.dirname(importlib.__file__),
    "include": sysconfig.get_path("include"),
    "add": generic, "specialised": specialised, "header_16": header_16,
    "comprehension_code": own_code("[x for x in y]"),
    "dict_set_code": [own_code("{x: x for x in y}"), own_code("{x for x in y}")],
    "genexp_code": own_code("(x for x in y)"),
    "tokenize_c": ("_generate_tokens_from_c_tokenizer"
                   in tokenize.generate_tokens.__code__.co_names),
    "free_threaded": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
    "opcode_events": [opcode_events(False), opcode_events(True)],
    # 256 and up: pseudo-instructions
    "opcodes": sorted(name for name, code in dis.opmap.items() if code < 256)}))
"""
ENV = {"PATH": os.environ.get("PATH", "")}  # explicit: no PYTHON* variable leaks in


def on_path():
    """This interpreter and every python3.N on PATH (N any number; free-threaded 3.Nt
    builds left out)."""
    found = [sys.executable]
    for folder in ENV["PATH"].split(os.pathsep):
        found += sorted(str(p) for p in Path(folder or ".").glob("python3.*")
                        if re.fullmatch(r"python3\.\d+", p.name))
    return found


rows = {}
with tempfile.TemporaryDirectory() as tmp:
    Path(tmp, "m.py").write_text("x = 1\n")
    for python in sys.argv[1:] or on_path():
        out = subprocess.run([python, "-I", "-S", "-c", PROBE, tmp],
                             capture_output=True, text=True, env=ENV, timeout=60)
        if out.returncode != 0:
            said = out.stderr.strip().splitlines() or [f"exit code {out.returncode}"]
            reason = said[-1].strip()
            print(f"skipped {python}: the probe failed ({reason})")
            continue
        row = json.loads(out.stdout)
        # one row per feature release: the first found of each
        if not row["free_threaded"]:
            rows.setdefault(row["minor"], row)
rows = [rows[minor] for minor in sorted(rows)]

previous = None
for r in rows:
    found, where, _ = magic_history.history(r.pop("importlib"), r.pop("include"))
    r["history"] = magic_history.entry(found, r["magic"]) or "not found"
    r["history_source"] = where or "none (no C headers installed)"
    opcodes = set(r.pop("opcodes"))
    r["against"] = previous["version"] if previous else None
    r["added"] = sorted(opcodes - previous["_opcodes"]) if previous else []
    r["removed"] = sorted(previous["_opcodes"] - opcodes) if previous else []
    r["instructions"] = len(opcodes)
    r["_opcodes"], previous = opcodes, r

for r in rows:
    spec = ("no adaptive interpreter" if r["specialised"] is None
            else " ".join(r["specialised"]) or "none")
    print(f"Python {r['version']}: magic {r['magic']}, tag {r['cache_tag']}")
    print(f"  history entry ({r['history_source']}): {r['history']}")
    comprehension = "own code object" if r["comprehension_code"] else "inlined"
    genexp = "own code object" if r["genexp_code"] else "inlined"
    print(f"  [x for x in y]: {comprehension}; (x for x in y): {genexp}")
    tokenizer = "the C tokenizer" if r["tokenize_c"] else "pure Python"
    print(f"  tokenize.generate_tokens: {tokenizer}")
    print(f"  return a + b:   {' '.join(r['add'])}")
    print(f"  after warm-up:  {spec}")
    late, early = r["opcode_events"]
    print(f"  opcode events:  {late} with f_trace_opcodes set in the trace function, "
          f"{early} when set before settrace")
    if r["against"]:
        print(f"  {r['instructions']} instructions in dis.opmap; "
              f"against {r['against']}: "
              f"{len(r['added'])} added, {len(r['removed'])} removed")
        for label in ("added", "removed"):
            if r[label]:
                print(f"    {label}: {' '.join(r[label])}")
    else:
        print(f"  {r['instructions']} instructions in dis.opmap")

by_version = {f"3.{r['minor']}": r for r in rows}
assert rows, "claim: at least one CPython ran the probe"
assert len({r["magic"] for r in rows}) == len(rows), \
    "claim: each minor version has its own magic number"
assert all(r["header_16"] for r in rows), \
    "claim: every version found puts marshalled code after 16 bytes"
assert all(r["genexp_code"] for r in rows), \
    "claim: a generator expression keeps its own code object"
assert all(r["opcode_events"][1] > 0 for r in rows), \
    "claim: f_trace_opcodes set before settrace gives opcode events"
for r in rows:
    assert r["dict_set_code"] == [r["comprehension_code"]] * 2, \
        "claim: dict and set comprehensions go as lists do"
    if r["specialised"] is not None:  # 3.11 and later
        assert r["add"][0] == "RESUME" and "BINARY_OP" in r["add"], \
            "claim: RESUME first, generic BINARY_OP"
if "3.11" in by_version and "3.12" in by_version:
    assert (by_version["3.11"]["comprehension_code"]
            and not by_version["3.12"]["comprehension_code"]), \
        "claim: PEP 709 inlines comprehensions from 3.12"
    assert not by_version["3.11"]["tokenize_c"] and by_version["3.12"]["tokenize_c"], \
        "claim: tokenize is pure Python in 3.11 and wraps the C tokenizer from 3.12"
if "3.13" in by_version and "3.14" in by_version:
    new = by_version["3.14"]
    expected_new = {"LOAD_FAST_BORROW", "LOAD_SMALL_INT", "BUILD_TEMPLATE"}
    assert expected_new <= set(new["added"]), "claim: new in 3.14"
    assert "RETURN_CONST" in new["removed"], "claim: 3.14 removed RETURN_CONST"
    assert (new["history_source"].startswith("Include/")
            and by_version["3.13"]["history_source"].startswith("importlib/")), \
        "claim: the history moved to a C header"


def first(test):
    return next((v for v, r in by_version.items() if test(r)), "not observed")


seen = {}  # instruction name -> the first version that has it, and the last one
for version, r in by_version.items():
    for name in r["_opcodes"]:
        seen.setdefault(name, [version, version])[1] = version
for r in rows:
    del r["_opcodes"]
late_versions = ", ".join(v for v, r in by_version.items() if r["opcode_events"][0] > 0)
data = {"rows": rows, "found": ", ".join(by_version),
        "oldest": rows[0]["version"], "newest": rows[-1]["version"],
        "inlined_from": first(lambda r: not r["comprehension_code"]),
        "adaptive_from": first(lambda r: r["specialised"] is not None),
        "c_tokenize_from": first(lambda r: r["tokenize_c"]),
        "header_from": first(lambda r: r["history_source"].startswith("Include/")),
        "opcodes_need_early_from": first(lambda r: r["opcode_events"][0] == 0),
        "opcodes_late": late_versions or "none",
        "first_seen": {name: s[0] for name, s in seen.items()},
        "last_seen": {name: s[1] for name, s in seen.items()}}
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump(data, f)
