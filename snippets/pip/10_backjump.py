# pip undoes a pin (resolvelib backjumps past markup 2.0); a constraint file avoids it.
# /// script
# dependencies = ["pip==26.3"]
# [tool.uv]
# exclude-newer = "2026-11-20T00:00:00Z"
# ///
import json
import os
import re
import tempfile
import threading
import venv
from importlib.metadata import version
from pathlib import Path

from local_index import pip, serve, wheel


# pip's debug lines name a candidate by its URL and a requirement by its class:
# keep the words
def short(line):
    candidate = r"LinkCandidate\('[^']*/files/([a-z]+)-([\d.]+)-[^']*'\)"
    line = re.sub(candidate, r"\1 \2", line)
    line = re.sub(r"SpecifierRequirement\('([^']*)'\)", r"\1", line)
    return line.split(", criteria=")[0] + ", …)" if ", criteria=" in line else line


with tempfile.TemporaryDirectory() as tmp:
    root, env = Path(tmp) / "index", Path(tmp) / "env"
    root.mkdir()
    tree = [("blog", "1.0", ["markup>=1", "storage>=2"]),
            ("markup", "1.0", ["textutil"]), ("markup", "2.0", ["theme"]),
            ("theme", "1.0", ["storage<2"]), ("storage", "1.0", []),
            ("storage", "2.0", []), ("textutil", "1.0", [])]
    for name, number, requires in tree:
        wheel(root, name, number, requires)
    venv.create(env, symlinks=True)
    (Path(tmp) / "constraints.txt").write_text("markup<2\n")
    runs = {}
    constrained = ["-c", Path(tmp) / "constraints.txt"]
    for label, extra, debug in [("debug", [], True), ("plain", [], False),
                                ("constrained", constrained, False)]:
        with serve(root) as (url, log):
            out = pip(env, "install", "--dry-run", "-vv", "--index-url", url, *extra,
                      "blog", own=True, resolver_debug=debug).stdout
        runs[label] = out.splitlines(), log
        assert "Would install blog-1.0 markup-1.0 storage-2.0 textutil-1.0" in out, \
            "claim: the same set each time"
    assert threading.active_count() == 1, "claim: the index servers have stopped"

steps, after_rejection = [], False
# every pin and rejection, and the state the round of a rejection ends in
for line in runs["debug"][0]:
    step = line.startswith(("Reporter.pinning", "Reporter.rejecting"))
    if step or (after_rejection and ", State(" in line):
        steps.append(short(line))
        after_rejection = line.startswith("Reporter.rejecting")
print("$ PIP_RESOLVER_DEBUG=1 pip install --dry-run -vv blog   "
      f"# pip {version('pip')}; what resolvelib did:", *steps, sep="\n")
conflict = [line for line in runs["plain"][0] if line.startswith(("Will try", "    "))]
print("\n$ pip install --dry-run -vv blog   # the same, without the variable: "
      "all it says of it", *conflict, sep="\n")
print("\n$ pip install --dry-run -vv -c constraints.txt blog   "
      "# constraints.txt says markup<2; its requests, "
      f"{len(runs['constrained'][1])} instead of {len(runs['plain'][1])}:",
      *runs["constrained"][1], sep="\n  ")
pins = [line.removeprefix("Reporter.pinning(")[:-1]
        for line in steps if line.startswith("Reporter.pinning")]
assert pins.index("markup 2.0") < pins.index("markup 1.0"), \
    "claim: markup 2.0 was pinned, then replaced"
first_rejection = [line.startswith("Reporter.rejecting") for line in steps].index(True)
undone = steps[first_rejection + 1]
assert re.findall(r"'([a-z]+)'(?:, |: )", undone) == ["blog"], \
    "claim: the backjump undid markup's and storage's pins"
assert conflict[1:] == ["    blog 1.0 depends on storage>=2",
                        "    theme 1.0 depends on storage<2"], \
    "claim: the usual log names the conflict over theme, not the markup pin it undoes"
assert not any("theme" in line or "markup-2.0" in line
               for line in runs["constrained"][1]), \
    "claim: with the constraint pip never looks at markup 2.0 or theme"
assert not any(line.startswith("Will try") for line in runs["constrained"][0]), \
    "claim: and rejects nothing"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"pip": version("pip"), "pins": pins,
                   "requests": len(runs["plain"][1]),
                   "constrained": len(runs["constrained"][1])}, f)
