# When an import reuses, rewrites or wrongly trusts a timestamp .pyc, per `python -v`.
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import magic_history


def header(pyc):
    raw = pyc.read_bytes()[:16]
    fields = [int.from_bytes(raw[i:i + 4], "little") for i in (0, 4, 8, 12)]
    return {"magic": fields[0] & 0xFFFF, "flags": fields[1],
            "mtime": fields[2], "size": fields[3]}


def import_hello(step):
    """Import `hello` in a fresh interpreter with -v; show the value it got and what
    importlib said."""
    command = [sys.executable, "-v", "-c", "import hello; print(hello.MESSAGE)"]
    run = subprocess.run(command, cwd=root, env={"PATH": os.environ.get("PATH", "")},
                         capture_output=True, text=True, check=True)
    said = [line for line in run.stderr.splitlines()
            if "hello" in line and line.startswith("# ")
            and "cleanup" not in line and "destroy" not in line]
    print(f"\n{step}\n  imported MESSAGE = {run.stdout.strip()!r}")
    for line in said:
        print("  python -v:", line.replace(str(root), "$TMP"))
    print(f"  header: {header(pyc)}")
    return run.stdout.strip(), header(pyc)


with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp).resolve()
    source = root / "hello.py"
    pyc = Path(importlib.util.cache_from_source(str(source)))
    source.write_text('MESSAGE = "v1"\n')
    # a fixed mtime, so every build prints the same headers
    os.utime(source, (1_700_000_000, 1_700_000_000))
    _, first = import_hello("1. first import: compiled from source, .pyc written")
    value, again = import_hello("2. second import: the .pyc matches, it is used")
    assert again == first and value == "v1"

    source.write_text('MESSAGE = "v2 (longer)"\n')
    os.utime(source, (first["mtime"] + 10, first["mtime"] + 10))
    value, edited = import_hello(
        "3. source edited, new mtime and size: stale, recompiled, rewritten")
    assert (value == "v2 (longer)" and edited["mtime"] != first["mtime"]
            and edited["size"] != first["size"])

    # same size, then the same mtime as recorded
    source.write_text('MESSAGE = "v3 (longer)"\n')
    os.utime(source, (edited["mtime"], edited["mtime"]))
    value, _ = import_hello(
        "4. source edited, same size, same mtime second: old .pyc trusted")
    assert value == "v2 (longer)", \
        "claim: a timestamp pyc checks only mtime and size, not the content"

    # The previous release's newest magic number, from the history this interpreter
    # ships: importlib's source up to 3.13, Include/internal/pycore_magic_number.h
    # since 3.14 (where importlib only asks the C code for it).
    found, where, _ = magic_history.here()
    previous = magic_history.newest_of(found, sys.version_info.minor - 1)
    tag, other = previous or ("?", header(pyc)["magic"] - 1)
    pyc.write_bytes(other.to_bytes(2, "little") + pyc.read_bytes()[2:])
    print(f"\n(patched in magic number {other}: "
          f"Python {tag} in {where or 'no history: a guess'})")
    value, fixed = import_hello(
        "5. another version's magic number: rejected, recompiled, rewritten")
    assert (value == "v3 (longer)"
            and pyc.read_bytes()[:4] == importlib.util.MAGIC_NUMBER)

assert tag != "?" or not found, \
    "claim: the history names the previous release's magic number"
data = {"other_magic": other, "other_version": tag, "magic": fixed["magic"],
        "history_source": where or "none"}
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump(data, f)
