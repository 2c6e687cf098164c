# Asks the pip bundled with this Python for `pip lock`, the command that writes a PEP 751 pylock.toml.
import ensurepip
import json
import os
import subprocess
import sys

from local_index import bundled_pip

PIP = bundled_pip()  # the wheel `python -m venv` installs pip from
ENV = {"PATH": os.environ["PATH"], "PIP_CONFIG_FILE": os.devnull, "PIP_NO_INPUT": "1"}
version = PIP.name.split("-")[1]
done = subprocess.run([sys.executable, PIP / "pip", "lock", "--help", "--disable-pip-version-check"], env=ENV,
                      stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
print(f"Python {sys.version.split()[0]} bundles pip {version} (ensurepip.version() = {ensurepip.version()!r})")
print(f"$ pip lock --help   # exit code {done.returncode}\n{done.stdout.strip().splitlines()[0]}")
has_lock = done.returncode == 0
assert ensurepip.version() == version, "claim: the wheel found is the one ensurepip installs"
assert has_lock == (tuple(map(int, version.split(".")[:2])) >= (25, 1)), "claim: pip lock arrived in pip 25.1"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        bundled = sorted(p.name.split("-")[0] + " " + p.name.split("-")[1] for p in PIP.parent.glob("*.whl"))
        json.dump({"pip": version, "has_lock": has_lock, "python": sys.version.split()[0], "bundled": bundled}, f)
