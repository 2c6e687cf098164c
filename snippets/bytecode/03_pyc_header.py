# Decodes 16-byte .pyc headers (PEP 552) in the three invalidation modes; runs the rest.
import datetime
import importlib
import importlib.util
import json
import marshal
import os
import py_compile
import subprocess
import sys
import tempfile
import textwrap
import types
from pathlib import Path

import magic_history

SOURCE = b'def greet():\n    return "Hello World"\n'
with tempfile.TemporaryDirectory() as tmp:
    source = Path(tmp, "hello.py")
    source.write_bytes(SOURCE)
    # A fixed modification time (2023-11-14 22:13:20 UTC), so every build prints the
    # same header bytes.
    os.utime(source, (1_700_000_000, 1_700_000_000))
    stat = source.stat()
    modes = {mode.name: Path(tmp, f"{mode.name}.pyc")
             for mode in py_compile.PycInvalidationMode}
    for mode, pyc in modes.items():
        py_compile.compile(str(source), cfile=str(pyc),
                           invalidation_mode=py_compile.PycInvalidationMode[mode])
    blobs = {mode: pyc.read_bytes() for mode, pyc in modes.items()}

magic = blobs["TIMESTAMP"][:4]
number = int.from_bytes(magic[:2], "little")
assert magic == importlib.util.MAGIC_NUMBER and magic[2:] == b"\r\n", \
    "claim: magic = 2-byte number + \\r\\n"
# The number's history: comments in importlib's source up to 3.13, a C header
# (internal/pycore_magic_number.h) since.
found, where, _ = magic_history.here()
data = {"magic": number, "magic_hex": magic.hex(" "), "version": sys.version.split()[0],
        "history": (magic_history.entry(found, number)
                    or "no history found for this number"),
        "history_source": where or "nowhere (this Python has neither list)"}
print(f"magic {magic.hex(' ')} = {number} + b'\\r\\n'")
print(f"  == importlib.util.MAGIC_NUMBER of Python {data['version']}")
print(textwrap.fill(f"its entry in {data['history_source']}: {data['history']}", 76,
                    subsequent_indent="  "))

for mode, blob in blobs.items():
    flags = int.from_bytes(blob[4:8], "little")
    print(f"\n{mode} .pyc, {len(blob)} bytes\n  header: {blob[:16].hex(' ')}")
    print(f"  bytes 0-3   {blob[0:4].hex(' ')}   magic number {number}")
    print(f"  bytes 4-7   {blob[4:8].hex(' ')}   flags {flags:#04b}:", end=" ")
    if flags == 0:
        mtime = int.from_bytes(blob[8:12], "little")
        size = int.from_bytes(blob[12:16], "little")
        moment = datetime.datetime.fromtimestamp(mtime, datetime.UTC)
        when = moment.strftime("%Y-%m-%d %H:%M:%S UTC")
        print("timestamp-based")
        print(f"  bytes 8-11  {blob[8:12].hex(' ')}   source mtime {mtime} ({when})")
        print(f"  bytes 12-15 {blob[12:16].hex(' ')}   source size {size} bytes")
        assert (mtime, size) == (int(stat.st_mtime) & 0xFFFFFFFF, stat.st_size), \
            "claim: mtime and size"
    else:
        checked = bool(flags & 0b10)
        print(f"hash-based, check_source={checked}")
        print(f"  bytes 8-15  {blob[8:16].hex(' ')}")
        print("              = importlib.util.source_hash(source bytes)")
        assert blob[8:16] == importlib.util.source_hash(SOURCE), \
            "claim: importlib.util.source_hash()"
        assert flags == (0b11 if mode == "CHECKED_HASH" else 0b01), \
            "claim: flag bits per PEP 552"
    data[f"flags_{mode}"] = f"{flags:#04b}"

code = marshal.loads(blobs["TIMESTAMP"][16:])
assert isinstance(code, types.CodeType), \
    "claim: after the header, marshal gives back a code object"
namespace = {}
exec(code, namespace)
print(f"\nmarshal.loads(bytes 16-{len(blobs['TIMESTAMP'])}): "
      f"code object {code.co_name!r}, from {code.co_filename.replace(tmp, '$TMP')!r}")
print(f"exec() it, then call greet() -> {namespace['greet']()!r}")
data["size"] = len(blobs["TIMESTAMP"])

# py_compile's default mode, asked in fresh interpreters without and with
# SOURCE_DATE_EPOCH (reproducible builds).
ASK = "import py_compile; print(py_compile._get_default_invalidation_mode().name)"
defaults = {}
for label, extra in (("unset", {}), ("set", {"SOURCE_DATE_EPOCH": "1700000000"})):
    env = {"PATH": os.environ.get("PATH", ""), **extra}
    asked = subprocess.run([sys.executable, "-I", "-c", ASK], env=env,
                           capture_output=True, text=True, check=True)
    defaults[label] = asked.stdout.strip()
print(f"\npy_compile's default mode: {defaults['unset']}; "
      f"with SOURCE_DATE_EPOCH set: {defaults['set']}")
assert defaults == {"unset": "TIMESTAMP", "set": "CHECKED_HASH"}, \
    "claim: SOURCE_DATE_EPOCH switches to checked hashes"
data["default_mode"], data["epoch_mode"] = defaults["unset"], defaults["set"]

if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump(data, f)
