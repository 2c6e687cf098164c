# open() with no encoding, Latin-1 locale: 3.15 writes UTF-8 (PEP 686), older ones not.
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

LOCALE = "fr_FR.ISO-8859-1"
CHILD = """import json, locale, sys
# no encoding: what a tool does when it forgets to say
with open(sys.argv[1], "w") as f:
    f.write("caf\\u00e9\\n")
print(json.dumps({"version": sys.version.split()[0], "utf8_mode": sys.flags.utf8_mode,
                  "open": f.encoding, "getencoding": locale.getencoding(),
                  "preferred": locale.getpreferredencoding(False)}))"""
READ = "import sys; print(repr(open(sys.argv[1]).read()))"

with tempfile.TemporaryDirectory() as tmp:
    # compiled here, read by glibc through LOCPATH: the system's list is untouched
    locales = Path(tmp) / "locales"
    locales.mkdir()
    subprocess.run(["localedef", "-i", "fr_FR", "-f", "ISO-8859-1", locales / LOCALE],
                   check=True)
    env = {"PATH": os.environ["PATH"], "LOCPATH": str(locales), "LC_ALL": LOCALE}
    rows = []
    for python in sys.argv[1:] or [sys.executable]:
        for extra in ({}, {"PYTHONUTF8": "0"}):
            path = Path(tmp) / f"out-{len(rows)}.txt"
            done = subprocess.run([python, "-c", CHILD, path], env=env | extra,
                                  capture_output=True, text=True, check=True)
            row = json.loads(done.stdout)
            row |= {"env": " ".join(f"{k}={v}" for k, v in extra.items()),
                    "bytes": path.read_bytes().hex(" "), "path": path, "python": python}
            row["new"] = tuple(map(int, row["version"].split(".")[:2])) >= (3, 15)
            # PYTHONUTF8=0 changes nothing where the mode is off already
            if extra and not row["new"]:
                continue
            rows.append(row)
    oldest, newest = rows[0], next(r for r in reversed(rows) if not r["env"])
    # The child's messages are in the locale's encoding: read them without failing on
    # bytes UTF-8 does not allow.
    cross = subprocess.run([newest["python"], "-c", READ, oldest["path"]], env=env,
                           capture_output=True, encoding="utf-8",
                           errors="backslashreplace")
print(f"LC_ALL={LOCALE}; each writes 'café\\n' with open(path, 'w'):")
print(f"  {'CPython':22} {'utf8_mode':9} {'getencoding()':14} "
      f"{'getpreferredencoding()':23} {'open()':11} bytes")
for r in rows:
    label = r["version"] + (" " + r["env"] if r["env"] else "")
    print(f"  {label:22} {r['utf8_mode']:<9} {r['getencoding']:14} "
          f"{r['preferred']:23} {r['open']:11} {r['bytes']}")
error = (cross.stderr.strip().splitlines() or [""])[-1]
print(f"\n{newest['version']} reads the file {oldest['version']} wrote, "
      f"open(path).read():\n  {error}")

for r in rows:
    new = r["new"] and not r["env"]
    assert r["getencoding"] == "ISO-8859-1", \
        "claim: locale.getencoding() is the locale's, whatever the mode"
    assert r["utf8_mode"] == int(new) and (r["open"] == "utf-8") == new, \
        "claim: UTF-8 mode is on by default in 3.15"
    assert r["preferred"] == ("utf-8" if new else "ISO-8859-1"), \
        "claim: getpreferredencoding() follows the mode"
    assert r["bytes"].endswith("c3 a9 0a" if new else "e9 0a"), \
        "claim: the same code writes different bytes"
# run alone, with one interpreter, there is no older file to read
if oldest["new"] != newest["new"]:
    assert (cross.returncode == 1
            and error.startswith("UnicodeDecodeError: 'utf-8' codec")), \
        "claim: 3.15 cannot read, with the same code, the file an older Python wrote"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        shown = [{k: v for k, v in r.items() if k not in ("path", "python")}
                 for r in rows]
        json.dump({"locale": LOCALE, "rows": shown, "error": error,
                   "reader": newest["version"], "writer": oldest["version"]}, f)
