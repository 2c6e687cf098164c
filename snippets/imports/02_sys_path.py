# Prints sys.path for each way of starting Python and names where each entry comes from.
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

SHOW = ("import json, sys; path = list(sys.path); import sysconfig\n"
        "print(json.dumps({'path': path, 'paths': sysconfig.get_paths(), "
        "'prefix': sys.prefix}))\n")


def origin(entry, root, paths):
    """Where a sys.path entry comes from, judged against the child's own sysconfig
    paths."""
    zipped = f"zipped stdlib ({'exists' if os.path.exists(entry) else 'no such file'})"
    rules = [(entry == "", "'': the current dir, at each import"),
             (entry == f"{root}/app", "the script's directory"),
             (entry == f"{root}/work", "the current directory"),
             (entry == f"{root}/extra", "PYTHONPATH"),
             (entry.endswith(".zip"), zipped),
             (entry == paths["stdlib"], "standard library"),
             (entry.endswith("lib-dynload"), "stdlib extension modules"),
             (entry in (paths["purelib"], paths["platlib"]),
              "site-packages (added by site)")]
    return next((label for matched, label in rules if matched), "?")


found = {}
print(f"$BASE = sys.base_prefix = {sys.base_prefix}\n"
      f"$PREFIX = sys.prefix = {sys.prefix}\n")
with tempfile.TemporaryDirectory() as tmp:
    root = str(Path(tmp).resolve())
    for folder in ("app", "work", "extra"):
        Path(root, folder).mkdir()
        Path(root, folder, "show.py").write_text(SHOW)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", f"{root}/venv"],
                   check=True)
    script = f"{root}/app/show.py"
    cases = [("python $TMP/app/show.py", [sys.executable, script], {}),
             ("python -c ...", [sys.executable, "-c", SHOW], {}),
             ("python -m show", [sys.executable, "-m", "show"], {}),
             ("PYTHONPATH=$TMP/extra python $TMP/app/show.py", [sys.executable, script],
              {"PYTHONPATH": "extra"}),
             ("PYTHONPATH=$TMP/extra python -I $TMP/app/show.py",
              [sys.executable, "-I", script], {"PYTHONPATH": "extra"}),
             ("python -P $TMP/app/show.py", [sys.executable, "-P", script], {}),
             ("python -S $TMP/app/show.py", [sys.executable, "-S", script], {}),
             ("$TMP/venv/bin/python $TMP/app/show.py (a new venv)",
              [f"{root}/venv/bin/python", script], {})]
    for label, argv, extra in cases:
        # explicit: no PYTHON* variable leaks in
        env = {"PATH": os.environ.get("PATH", ""), "HOME": root}
        env.update({name: f"{root}/{value}" for name, value in extra.items()})
        done = subprocess.run(argv, cwd=f"{root}/work", env=env, capture_output=True,
                              text=True, check=True)
        out = json.loads(done.stdout)
        print(f"$ {label}    (in $TMP/work)")
        for entry in out["path"]:
            shown = (entry.replace(root, "$TMP").replace(sys.base_prefix, "$BASE")
                     .replace(sys.prefix, "$PREFIX"))
            print(f"    {shown or repr(entry):39} {origin(entry, root, out['paths'])}")
        key = label.split(" (")[0]
        found[key] = [origin(entry, root, out["paths"]) for entry in out["path"]]
        found[key].append(out["prefix"])

plain, dash_c, dash_m, pythonpath, isolated, safe, nosite, venv = found.values()
assert plain[0] == "the script's directory" and dash_c[0].startswith("''"), \
    "claim: script dir, '' for -c"
assert dash_m[0] == "the current directory", \
    "claim: -m puts the full current directory first"
assert pythonpath[:2] == ["the script's directory", "PYTHONPATH"], \
    "claim: PYTHONPATH follows the script's dir"
assert "PYTHONPATH" not in isolated and "the script's directory" not in isolated, \
    "claim: -I drops both"
assert "site-packages (added by site)" in isolated, "claim: -I still adds site-packages"
assert "the script's directory" not in safe, "claim: -P drops the script's directory"
assert not any(o.startswith("site-packages") for o in nosite), \
    "claim: -S adds no site-packages"
assert venv[-1] == f"{root}/venv" and "site-packages (added by site)" in venv, \
    "claim: the venv's own"
assert "standard library" in venv, \
    "claim: in a venv, the standard library is still the base installation's"
