# Checks each PYTHON* variable, set alone, with and without -I; the user site under -I.
import json
import os
import subprocess
import sys
import tempfile

# Each variable, the value set, and the expression the child prints to show whether
# the variable took effect.
# PYTHONNOUSERSITE and PYTHONSAFEPATH are left out: -I sets what they set, so their
# effect cannot be told apart.
VARIABLES = {"PYTHONPATH": ("{tmp}", "'{tmp}' in sys.path"),
             "PYTHONDONTWRITEBYTECODE": ("1", "sys.flags.dont_write_bytecode == 1"),
             "PYTHONOPTIMIZE": ("1", "sys.flags.optimize == 1"),
             "PYTHONHASHSEED": ("0", "sys.flags.hash_randomization == 0"),
             "PYTHONWARNINGS": ("error", "sys.warnoptions == ['error']"),
             "PYTHONVERBOSE": ("1", "sys.flags.verbose == 1"),
             # no flag: the parent looks for its lines
             "PYTHONPROFILEIMPORTTIME": ("1", "True"),
             "PYTHONUSERBASE": ("{tmp}/userbase",
                                "__import__('site').getuserbase() == '{tmp}/userbase'"),
             "PYTHONINTMAXSTRDIGITS": ("640", "sys.flags.int_max_str_digits == 640")}
# explicit: no other PYTHON* variable leaks in
ENV = {"PATH": os.environ.get("PATH", "")}


def effect(tmp, name, options):
    value, test = VARIABLES[name]
    test = test.replace("{tmp}", tmp)
    code = f"import sys; print({test})"
    out = subprocess.run([sys.executable, "-S", *options, "-c", code], cwd=tmp,
                         env={**ENV, name: value.replace("{tmp}", tmp)},
                         capture_output=True, text=True, check=True)
    if name == "PYTHONPROFILEIMPORTTIME":
        return "import time:" in out.stderr
    return out.stdout.split()[-1] == "True"


if not hasattr(sys.flags, "int_max_str_digits"):  # PYTHONINTMAXSTRDIGITS is 3.11's
    del VARIABLES["PYTHONINTMAXSTRDIGITS"]
found = {}
with tempfile.TemporaryDirectory() as tmp:
    tmp = os.path.realpath(tmp)
    print("Each variable set alone; does it take effect?  "
          "(python -S -c ..., then python -S -I -c ...)")
    for name in VARIABLES:
        found[name] = {"plain": effect(tmp, name, []),
                       "isolated": effect(tmp, name, ["-I"])}
        shown = name + "=" + VARIABLES[name][0].replace("{tmp}", "$TMP")
        print(f"  {shown:38} without -I: {found[name]['plain']!s:5}  "
              f"with -I: {found[name]['isolated']}")
    flags = ("isolated", "ignore_environment", "no_user_site", "safe_path")
    ask = ("import json, site, sys; print(json.dumps("
           f"[[getattr(sys.flags, f, None) for f in {flags!r}], "
           "site.ENABLE_USER_SITE, site.getusersitepackages() in sys.path]))")
    # the user site directory is under HOME: make it exist, so site would add it
    home = {**ENV, "HOME": tmp}
    usersite = subprocess.run(
        [sys.executable, "-S", "-c", "import site; print(site.getusersitepackages())"],
        env=home, capture_output=True, text=True, check=True).stdout.strip()
    os.makedirs(usersite)
    # No -S here: site must run to decide about the user site. The package-free venv
    # has no .pth file to run.
    user = {label: json.loads(subprocess.run([sys.executable, *options, "-c", ask],
                                             cwd=tmp, env=home, capture_output=True,
                                             text=True, check=True).stdout)
            for label, options in (("python", []), ("python -I", ["-I"]))}
for label, (values, enabled, on_path) in user.items():
    print(f"{label:9}: "
          + ", ".join(f"sys.flags.{f}={v}" for f, v in zip(flags, values, strict=True))
          + f"; site.ENABLE_USER_SITE={enabled}; user site on sys.path: {on_path}")

assert all(v["plain"] for v in found.values()), \
    "claim: each variable takes effect without -I"
ignored = [name for name, v in found.items() if not v["isolated"]]
assert found["PYTHONUSERBASE"]["isolated"], \
    "claim: site.getuserbase() reads PYTHONUSERBASE even under -I"
assert ignored == [name for name in found if name != "PYTHONUSERBASE"], \
    "claim: -I ignores all the others"
values, enabled, on_path = user["python -I"]
assert values[:3] == [1, 1, 1] and enabled is False and not on_path, \
    "claim: -I implies -E and -s: no user site"
assert user["python"][2] == user["python"][1], \
    "claim: without -I the user site is added where site enables it"
assert values[3] in (True, None), \
    "claim: -I implies -P (3.11+, where sys.flags.safe_path exists)"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"variables": list(found), "found": found, "ignored": ignored,
                   "flags": dict(zip(flags, values, strict=True)),
                   "plain_user_site": user["python"][1],
                   "in_venv": sys.prefix != sys.base_prefix}, f)
