# Checks what each version has: frozen os, -P, -X importtime=2, PEP 810's `lazy import`.
import importlib.util
import json
import os
import subprocess
import sys

version = sys.version_info[:2]
cpython = sys.implementation.name == "cpython"
found = {"version": sys.version.split()[0], "platform": sys.platform}
print(f"{sys.implementation.name} {found['version']} on {sys.platform}")

found["os_origin"] = importlib.util.find_spec("os").origin
print(f"importlib.util.find_spec('os').origin: {found['os_origin']}")

found["safe_path"] = hasattr(sys.flags, "safe_path")
print(f"-P (sys.flags.safe_path): {'present' if found['safe_path'] else 'absent'}")

try:
    compile("lazy import json\n", "<example>", "exec")
    found["lazy"] = "compiles"
except SyntaxError as error:
    found["lazy"] = (f"SyntaxError: {error.msg} "
                     f"(line {error.lineno}, offset {error.offset})")
print(f"compile('lazy import json'): {found['lazy']}")

namespace = {}
exec("__lazy_modules__ = ['colorsys']\nimport colorsys\n", namespace)
found["lazy_modules_ignored"] = "colorsys" in sys.modules
print("__lazy_modules__ = ['colorsys']; import colorsys -> loaded at once: "
      f"{found['lazy_modules_ignored']}")

if sys.platform in ("emscripten", "wasi"):
    found["cached_lines"] = None
    print("-X importtime=2: not tried, this platform cannot start a child process")
else:
    err = subprocess.run(
        [sys.executable, "-X", "importtime=2", "-c", "import json, json"],
        capture_output=True, text=True, env={"PATH": os.environ.get("PATH", "")}).stderr
    found["cached_lines"] = sum("cached" in line for line in err.splitlines())
    print("-X importtime=2 -c 'import json, json': "
          f"{found['cached_lines']} line(s) marked cached")

if cpython and sys.platform not in ("emscripten", "wasi"):
    assert (found["os_origin"] == "frozen") == (version >= (3, 11)), \
        "claim: os is frozen from 3.11"
    assert found["safe_path"] == (version >= (3, 11)), "claim: -P exists from 3.11"
    assert (found["cached_lines"] > 0) == (version >= (3, 14)), \
        "claim: importtime=2 marks cached from 3.14"
assert (found["lazy"] == "compiles") == (version >= (3, 15)), \
    "claim: `lazy import` is syntax from 3.15 (PEP 810)"
assert found["lazy_modules_ignored"] == (version < (3, 15)), \
    "claim: __lazy_modules__ makes imports lazy from 3.15"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump(found, f)
