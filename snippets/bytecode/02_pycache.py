# Which .pyc files CPython writes, and where: import, script, -m, -O, -OO, -B, env vars.
import importlib.util
import json
import os
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

MAIN = ("import importlib.util, hello\n"
        "print(importlib.util.cache_from_source(hello.__file__))\n")
# (command shown, interpreter arguments, extra environment,
#  data key if a .pyc is expected)
CASES = [
    ("python main.py", [], {}, "plain"),
    ("python -m main", ["-m"], {}, "module"),
    ("python -O main.py", ["-O"], {}, "opt1"),
    ("python -OO main.py", ["-OO"], {}, "opt2"),
    ("python -B main.py", ["-B"], {}, None),
    ("PYTHONDONTWRITEBYTECODE=1 python main.py", [],
     {"PYTHONDONTWRITEBYTECODE": "1"}, None),
    ("PYTHONPYCACHEPREFIX=$TMP/pycs python main.py", [],
     {"PYTHONPYCACHEPREFIX": "{root}/pycs"}, "prefixed"),
]

data = {"cache_tag": sys.implementation.cache_tag}
with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp).resolve()
    for label, options, extra, key in CASES:
        # start each case from a clean tree
        for old in [root / "project", root / "pycs"]:
            for path in sorted(old.rglob("*"), reverse=True):
                path.rmdir() if path.is_dir() else path.unlink()
        project = root / "project"
        project.mkdir(exist_ok=True)
        (project / "hello.py").write_text('def greet():\n    return "Hello World"\n')
        (project / "main.py").write_text(MAIN)
        # explicit: no PYTHON* variable leaks in
        env = {"PATH": os.environ.get("PATH", "")}
        env.update({name: value.format(root=root) for name, value in extra.items()})
        # -m: run as a module, found on sys.path
        target = ["main"] if options == ["-m"] else ["main.py"]
        run = subprocess.run([sys.executable, *options, *target], cwd=project, env=env,
                             capture_output=True, text=True, check=True)
        every = sorted(str(p) for p in root.rglob("*.pyc"))
        written = [p for p in every if "/project/" in p]
        shown = [p.replace(str(root), "$TMP") for p in written]
        print(f"$ {label}\n  wrote: {', '.join(shown) or 'no .pyc'}")
        # only with the prefix: the stdlib's own __pycache__ is not consulted
        if len(every) > len(written):
            stdlib = sum(p.startswith(f"{root}/pycs{sysconfig.get_paths()['stdlib']}/")
                         and "/site-packages/" not in p for p in every)
            data["others"], data["stdlib"] = len(every) - len(written), stdlib
            print(f"  and {data['others']} for modules outside the project "
                  f"({stdlib} from the stdlib)")
        mains = [p for p in written if "/main." in p]
        # runpy gets the code from the module's loader, which caches it like any import
        if key == "module":
            main_cache = project / importlib.util.cache_from_source("main.py")
            assert mains == [str(main_cache)], \
                "claim: python -m main writes a .pyc for main too"
            written = [p for p in written if p not in mains]
            main_pyc = next(p for p in shown if "/main." in p)
            data["module_main"] = main_pyc.removeprefix("$TMP/project/")
        else:
            assert not mains, \
                "claim: the script run by its path as __main__ gets no .pyc"
        if key:
            assert written == [run.stdout.strip()], \
                "claim: the path is importlib.util.cache_from_source()"
            print("  = importlib.util.cache_from_source() in that interpreter")
            pyc = next(p for p in shown if "/main." not in p)
            data[key] = pyc.removeprefix("$TMP/project/")
        else:
            assert written == [], \
                "claim: -B and PYTHONDONTWRITEBYTECODE stop .pyc writing"

if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump(data, f)
