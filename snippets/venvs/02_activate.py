# Diffs bash before and after sourcing bin/activate: only a few shell variables change.
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

SNAPSHOT = r"""snapshot() {
    # the environment, the shell's own variables and functions, and which `python` runs
    { env | sed 's/^/environment: /'
      (set -o posix; set) | grep -v '^BASH_\|^_=' | sed 's/^/shell variable: /'
      declare -F | sed 's/^declare -f /shell function: /'
      echo "command -v python: $(command -v python)"; } >"$1"
}
snapshot before; source venv/bin/activate; snapshot after"""

with tempfile.TemporaryDirectory() as tmp:
    env = Path(tmp) / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", env], env={},
                   check=True)  # no pip needed here
    subprocess.run(["bash", "-c", SNAPSHOT], cwd=tmp,
                   env={"PATH": os.environ["PATH"], "HOME": tmp}, check=True)
    before, after = ((Path(tmp) / name).read_text().replace(tmp, "$TMP")
                     .replace(os.environ["PATH"], "$PATH").splitlines()
                     for name in ("before", "after"))
    exported = {line.split(": ", 1)[1].split("=")[0] for line in before + after
                if line.startswith("environment: ")}
    changes = [("-", line) for line in before if line not in after]
    changes += [("+", line) for line in after if line not in before]
    print("$ source venv/bin/activate   # every difference, before (-) and after (+):")

    def by_name(change):
        return re.split("=|: /", change[1])[0], change[0] == "+"

    for sign, line in sorted(changes, key=by_name):
        shell_variable = line.startswith("shell variable: ")
        if not (shell_variable and line.split(": ", 1)[1].split("=")[0] in exported):
            print(f"  {sign} {line}")
    ask = "import sys; print(sys.prefix)"
    direct = subprocess.run([env / "bin" / "python", "-c", ask], env={},
                            capture_output=True, text=True).stdout
    activated = f"source venv/bin/activate; python -c '{ask}'"
    active = subprocess.run(["bash", "-c", activated], cwd=tmp,
                            env={"PATH": os.environ["PATH"]}, capture_output=True,
                            text=True).stdout
    print("\nactivated, `python`:                   "
          f"sys.prefix = {active.strip().replace(tmp, '$TMP')}")
    print("not activated, venv/bin/python, env={}: "
          f"sys.prefix = {direct.strip().replace(tmp, '$TMP')}")
    gitignore = (env / ".gitignore").exists()  # Python 3.13's `python -m venv` adds one

exported = {line.split(": ", 1)[1].split("=")[0] for _, line in changes
            if line.startswith("environment: ")}
names = {line.split(": ", 1)[1].split("=")[0] for _, line in changes
         if line.startswith("shell variable: ")}
assert {"PATH", "VIRTUAL_ENV"} <= exported <= {"PATH", "PS1", "VIRTUAL_ENV",
                                               "VIRTUAL_ENV_PROMPT"}, \
    ("claim: what programs inherit changes only in PATH, VIRTUAL_ENV and the prompt "
     "variables")
assert names <= {"PATH", "PS1", "VIRTUAL_ENV", "VIRTUAL_ENV_PROMPT",
                 "_OLD_VIRTUAL_PATH", "_OLD_VIRTUAL_PS1"}, names
assert ("+", "shell function: deactivate") in changes, \
    "claim: activation defines a deactivate shell function"
assert direct == active, \
    ("claim: running the venv's python directly is enough; activation adds nothing "
     "to Python")
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        prompt = next((line.split("=", 1)[1] for line in after
                       if "VIRTUAL_ENV_PROMPT=" in line), None)
        json.dump({"exported": sorted(exported), "shell_only": sorted(names - exported),
                   "prompt": prompt, "gitignore": gitignore}, f)
