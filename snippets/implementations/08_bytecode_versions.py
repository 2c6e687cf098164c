# Disassembles a small function, to compare CPython versions instruction by instruction.
import dis
import json
import os
import sys


def scale_all(items, factor):
    total = 0
    for x in items:
        total += x * factor
    print(total)


print(f"CPython {sys.version.split()[0]}, sys.platform {sys.platform}")
dis.dis(scale_all)
names = [i.opname for i in dis.get_instructions(scale_all)]
print("opnames: " + " ".join(names))
# not visible inside Pyodide, which is why the line above is printed
out = os.environ.get("EVIDENCE_DATA")
if out:
    with open(out, "w") as f:
        json.dump({"version": sys.version.split()[0], "opnames": names}, f)
