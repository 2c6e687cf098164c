# Follows one import through its audit events: search, load (source or .pyc), execution.
import json
import os
import re
import sys
import tempfile
from pathlib import Path

EVENTS = {"import", "os.listdir", "open", "compile", "marshal.loads", "exec",
          "os.rename"}
log = []


def hook(event, args):
    """Keep the events of the import machinery, with the argument that says what each
    one touched."""
    if event in EVENTS and recording:
        what = args[0]
        if event == "exec":
            what = f"code object of {args[0].co_filename}"
        elif event == "marshal.loads":
            what = f"{len(args[0])} bytes of bytecode"
        elif event == "compile":
            what = args[1]
        elif isinstance(what, int):
            what = f"file descriptor {what}, wrapped in a file object"
        log.append(event)
        # importlib writes the .pyc under a temporary name ending in id() of the path,
        # new in every run.
        what = re.sub(r"(\.pyc)\.\d+$", r"\1.<id>", str(what))
        print(f"  audit {event:14} {what.replace(root, '$TMP')}")


recording = False
# write .pyc files even if PYTHONDONTWRITEBYTECODE is set where you run this
sys.dont_write_bytecode = False
# an audit hook cannot be removed: it lives as long as this process
sys.addaudithook(hook)
with tempfile.TemporaryDirectory() as tmp:
    root = str(Path(tmp).resolve())
    # __pycache__ is made now, so that writing the .pyc later changes no directory
    # time the finders watch.
    for name in ("a", "b", "b/__pycache__"):
        Path(root, name).mkdir()
    Path(root, "b", "hello.py").write_text(
        'print("  hello.py: top-level code runs")\nWORD = "hello"\n')
    sys.path[:0] = [f"{root}/a", f"{root}/b"]
    steps = {}
    for attempt in ("no .pyc yet", "with the .pyc the first import wrote"):
        sys.modules.pop("hello", None)
        log.clear()
        print(f"import hello ({attempt}):")
        recording = True
        import hello
        recording = False
        assert hello.WORD == "hello"
        steps[attempt] = list(log)

first, second = steps.values()
for wanted in ("import", "os.listdir", "compile", "exec"):
    assert wanted in first, f"claim: the first import raises the {wanted!r} event"
assert first.index("os.listdir") < first.index("compile") < first.index("exec"), \
    "claim: search, compile, execute"
assert "marshal.loads" in second and "compile" not in second, \
    "claim: the second import reads the .pyc, no compile"
assert second[-1] == "exec", \
    "claim: the module's code runs again in a fresh import, even from a .pyc"
assert "os.listdir" not in second, \
    "claim: the path finders cached the directory listings"

if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"first": len(first), "second": len(second),
                   "listdirs": first.count("os.listdir")}, f)
