# Parses -X importtime into trees for json, asyncio and urllib; checks -X importtime=2.
import json
import os
import statistics
import subprocess
import sys

STACKS = {"json": "json", "asyncio": "asyncio", "HTTP client stack": "urllib.request"}
RUNS = 5
MARK = "import sys; sys.stderr.write('--- startup done ---\\n'); sys.stderr.flush()\n"


def importtime(code):
    """The lines -X importtime wrote for `code` after startup, as (depth, name, self us,
    cumulative us)."""
    env = {"PATH": os.environ.get("PATH", "")}  # explicit: no PYTHON* variable leaks in
    err = subprocess.run([sys.executable, "-X", "importtime", "-c", MARK + code],
                         env=env, capture_output=True, text=True, check=True).stderr
    rows = []
    for line in err.split("--- startup done ---\n", 1)[1].splitlines():
        own, total, name = line.removeprefix("import time:").split("|")
        # two spaces per level after "| "
        depth = (len(name) - len(name.lstrip()) - 1) // 2
        rows.append((depth, name.strip(), own.strip(), total.strip()))
    return rows


def tree(rows):
    """Rebuild the tree: importtime prints a module after the modules it imported, one
    level deeper."""
    pending = {}
    for depth, name, own, total in rows:
        node = {"name": name, "self": own, "cumulative": total,
                "children": pending.pop(depth + 1, [])}
        pending.setdefault(depth, []).append(node)
    return pending[0]


def show(node, total, depth=0):
    if node["cumulative"] >= 0.04 * total or depth == 0:
        print(f"  {'  ' * depth}{node['name']:{40 - 2 * depth}} "
              f"self {node['self'] / 1000:6.2f}  "
              f"cumulative {node['cumulative'] / 1000:6.2f} ms")
        for child in node["children"]:
            show(child, total, depth + 1)


data = {"stacks": {}}
samples = {label: [] for label in STACKS}
for _ in range(RUNS):  # in turns, so that machine noise hits every stack alike
    for label, module in STACKS.items():
        samples[label].append(importtime(f"import {module}"))
for label, module in STACKS.items():
    runs = samples[label]
    assert all([row[1] for row in run] == [row[1] for row in runs[0]]
               for run in runs), "the same imports each run"
    medians, spread = [], {}
    for i, (depth, name, _, _) in enumerate(runs[0]):
        own, cum = [int(run[i][2]) for run in runs], [int(run[i][3]) for run in runs]
        medians.append((depth, name, statistics.median(own), statistics.median(cum)))
        spread[name] = [min(own) / 1000, min(cum) / 1000,
                        max(own) / 1000, max(cum) / 1000]
    roots = tree(medians)
    total = sum(node["cumulative"] for node in roots)
    print(f"import {module} ({label}): {len(medians)} modules beyond start-up, "
          f"{total / 1000:.1f} ms\n"
          f"  (medians of {RUNS} runs; subtrees under 4% of the total left out)")
    for root in roots:
        show(root, total)
    top = sorted(medians, key=lambda row: -row[2])[:5]
    named = next(node for node in roots if node["name"] == module)
    assert named["self"] < named["cumulative"] / 2, \
        "claim: most of the time is in the modules it imports"
    data["stacks"][label] = {"module": module, "count": len(medians),
                             "total_ms": total / 1000,
                             "own_share": named["self"] / named["cumulative"],
                             "top_self": [[name, own / 1000, cum / 1000, *spread[name]]
                                          for _, name, own, cum in top]}

lines = subprocess.run(
    [sys.executable, "-X", "importtime=2", "-c", "import json, json"],
    capture_output=True, text=True,
    env={"PATH": os.environ.get("PATH", "")}).stderr.splitlines()
cached = [line for line in lines if "cached" in line]
timed = [line for line in lines if line.startswith("import time:")
         and "cached" not in line and "[us]" not in line]
print(f"\npython{sys.version_info[0]}.{sys.version_info[1]} "
      "-X importtime=2 -c 'import json, json':\n"
      f"  {len(timed)} timed line(s), {len(cached)} marked 'cached'")
for line in cached[:3]:
    print("  " + line)
assert (len(cached) > 0) == (sys.version_info >= (3, 14)), \
    "claim: importtime=2 marks cached imports from 3.14"
assert len(timed) > 10, \
    "claim: -X importtime=2 is accepted and prints the usual timings"
data.update(cached=len(cached), runs=RUNS)
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump(data, f)
