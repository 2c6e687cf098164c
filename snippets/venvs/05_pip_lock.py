# Asks this Python's bundled pip for `pip lock`, which writes a PEP 751 pylock.toml.
import ensurepip
import json
import os
import subprocess
import sys

from local_index import bundled_pip

PIP = bundled_pip()  # the wheel `python -m venv` installs pip from
ENV = {"PATH": os.environ["PATH"], "PIP_CONFIG_FILE": os.devnull, "PIP_NO_INPUT": "1"}
version = PIP.name.split("-")[1]
command = [sys.executable, PIP / "pip", "lock", "--help", "--disable-pip-version-check"]
done = subprocess.run(command, env=ENV, stdout=subprocess.PIPE,
                      stderr=subprocess.STDOUT, text=True)
print(f"Python {sys.version.split()[0]} bundles pip {version} "
      f"(ensurepip.version() = {ensurepip.version()!r})")
print(f"$ pip lock --help   # exit code {done.returncode}\n"
      f"{done.stdout.strip().splitlines()[0]}")
has_lock = done.returncode == 0
assert ensurepip.version() == version, \
    "claim: the wheel found is the one ensurepip installs"
major_minor = tuple(map(int, version.split(".")[:2]))
assert has_lock == (major_minor >= (25, 1)), "claim: pip lock arrived in pip 25.1"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        bundled = sorted(p.name.split("-")[0] + " " + p.name.split("-")[1]
                         for p in PIP.parent.glob("*.whl"))
        json.dump({"pip": version, "has_lock": has_lock,
                   "python": sys.version.split()[0], "bundled": bundled}, f)
