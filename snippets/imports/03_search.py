# Shows which meta-path finder answers and, in order, the path entries an import probes.
import importlib.machinery
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path


class Logger:
    """A meta-path finder that only watches: it reports each request and which finder
    after it answers."""

    def find_spec(self, name, path, target=None):
        where = [short(p) for p in path] if path else path
        for finder in sys.meta_path[1:]:
            spec = finder.find_spec(name, path, target)
            if spec:
                print(f"  find_spec({name!r}, {where}) -> "
                      f"{finder.__name__}: {short(spec.origin)}")
                return None
        return None


def short(path):
    return (path.replace(root, "$TMP").replace(sys.base_prefix, "$BASE")
            .replace(sys.prefix, "$PREFIX"))


def probes(code, pythonpath=""):
    """The '# trying' lines a child interpreter's -vv trace prints for `code`, and what
    it printed."""
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": pythonpath}
    out = subprocess.run([sys.executable, "-vv", "-c", code], cwd=root, env=env,
                         capture_output=True, text=True)
    tried = [line.split()[-1] for line in out.stderr.splitlines()
             if line.startswith("# trying ")]
    return tried, out.stdout


data = {"meta_path": [f.__name__ for f in sys.meta_path]}
print(f"$BASE = sys.base_prefix = {sys.base_prefix}\n"
      f"$PREFIX = sys.prefix = {sys.prefix}\n")
print("sys.meta_path =", data["meta_path"])
with tempfile.TemporaryDirectory() as tmp:
    root = str(Path(tmp).resolve())
    Path(root, "shop").mkdir()
    Path(root, "shop", "__init__.py").write_text("from . import cart\n")
    Path(root, "shop", "cart.py").write_text("import colorsys\n")
    sys.path.insert(0, root)
    sys.meta_path.insert(0, Logger())
    print("import shop, with a logging finder first on sys.meta_path:")
    import shop
    sys.meta_path.pop(0)
    assert shop.cart.colorsys.__spec__.origin.endswith("colorsys.py")

    dirs = [Path(root, f"d{i:02}") for i in range(1, 21)]
    for d in dirs:
        d.mkdir()
    Path(dirs[-1], "late.py").write_text("")
    tried, _ = probes("import late", os.pathsep.join(map(str, dirs)))
    tried = [short(t) for t in tried if "/late." in t]
    per_dir = {}
    for t in tried:
        per_dir.setdefault(os.path.dirname(t), []).append(t)
    print("\npython -vv -c 'import late', 20 directories on PYTHONPATH, "
          "late.py in the last:")
    print(f"{len(tried)} probes, starting with sys.path[0], '' for -c: "
          "the current directory, $TMP")
    for i, lines in enumerate(per_dir.values()):
        if i in (0, 1, len(per_dir) - 1):
            print("  # trying " + "\n  # trying ".join(lines))
        elif i == 2:
            print(f"  ... the same {len(lines)} probes in each of "
                  "$TMP/d02 to $TMP/d19 ...")
    data.update(late_dirs=list(per_dir), late_counts=[len(v) for v in per_dir.values()],
                suffixes=len(importlib.machinery.all_suffixes()))

    report = ("import json, sys\nfor attempt in (1, 2):\n"
              "    try: import no_such_module\n"
              "    except ImportError as e: error = repr(e)\n"
              "print(json.dumps([error, sys.path]))")
    tried, out = probes(report)
    error, path = json.loads(out)
    tried = [t for t in tried if "no_such_module" in t]
    searched = {os.path.dirname(t) for t in tried}
    print(f"\nTwo attempts at `import no_such_module`, {len(tried) // 2} probes each, "
          f"each ending in\n  {error}")
    print("The sys.path entries they probed (the current directory is $TMP):")
    for entry in path:
        probed = os.path.join(root, entry).rstrip("/") in searched
        print(f"  {'probed ' if probed else 'skipped'} {short(entry) or repr(entry)}")
        data.setdefault("missing", []).append(probed)

assert data["meta_path"] == ["BuiltinImporter", "FrozenImporter", "PathFinder"], \
    "claim: three finders, in order"
assert data["late_dirs"][-20:] == [f"$TMP/d{i:02}" for i in range(1, 21)], \
    "claim: the entries in sys.path order"
assert data["late_counts"][-20:] == [data["suffixes"]] * 19 + [data["suffixes"] - 1], \
    "claim: every suffix, each"
assert data["missing"].count(False) == 1 and not data["missing"][1], \
    "claim: all but the absent zip are probed"
assert len(tried) == 2 * len(searched) * data["suffixes"], \
    "claim: a failed import is searched again in full"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump(data, f)
