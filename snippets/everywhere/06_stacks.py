# What each workload imports: import time in a fresh interpreter, how much is compiled.
# /// script
# requires-python = ">=3.11"
# dependencies = ["fastapi==0.165.0", "pandas==3.1.1"]
# [tool.uv]
# exclude-newer = "2026-11-20T00:00:00Z"
# ///
# NumPy is not pinned here but comes with pandas, resolved for each interpreter under
# the cut-off date: the page runs this on CPython 3.11 and 3.15, and a NumPy wheel is
# built for one Python version (the cp3XX tag printed below).
import json
import os
import platform
import statistics
import subprocess
import sys
import time

WORKLOADS = {"Web API": "fastapi,pydantic", "Data pipeline": "pandas",
             "ML fit": "numpy", "DevOps script": "pathlib,shutil,subprocess,tarfile",
             "Cloud function": "base64,hashlib,json,datetime"}
RUNS = 5  # timed runs per job, after one that also analyses
CHILD = r"""
import sys, time
before = set(sys.modules)
start = time.perf_counter()
for name in sys.argv[1].split(","):
    __import__(name)
elapsed = time.perf_counter() - start
new = [sys.modules[m] for m in set(sys.modules) - before]
if len(sys.argv) == 2:  # a timing run: nothing else
    raise SystemExit(print(elapsed * 1e3))
# only now, so that their own imports are not counted above
import importlib.metadata as md, json
files = [getattr(m, "__file__", None) or "" for m in new]
top = md.packages_distributions()
dists = sorted({d for m in new for d in top.get(m.__name__.partition(".")[0], [])})
per_dist = {}
for dist in dists:
    wheel = md.distribution(dist).read_text("WHEEL") or ""
    tags = [line.removeprefix("Tag: ") for line in wheel.splitlines()
            if line.startswith("Tag: ")]
    sizes = per_dist[dist] = {"so": 0, "py": 0, "other": 0, "rust": False,
                              "bundled": 0, "bundled_names": [],
                              "version": md.version(dist),
                              "requires_python": md.metadata(dist)["Requires-Python"],
                              "tags": tags}
    for f in md.files(dist) or []:
        kind = "so" if ".so" in f.suffixes else "py" if f.suffix == ".py" else "other"
        size = f.locate().stat().st_size if f.locate().is_file() else 0
        sizes[kind] += size
        # other projects' libraries, vendored into the wheel by auditwheel
        if f.parts[0].endswith(".libs"):
            sizes["bundled"] += size
            sizes["bundled_names"].append(f.name.split("-")[0])
        # Rust leaves its library paths
        sizes["rust"] |= kind == "so" and b"/rustc/" in f.locate().read_bytes()
sizes = {kind: sum(d[kind] for d in per_dist.values())
         for kind in ("so", "py", "other")}
compiled = sum(f.endswith(".so") or m.__name__ in sys.builtin_module_names
               for m, f in zip(new, files))
print(json.dumps({"import_ms": elapsed * 1e3, "modules": len(new), "dists": per_dist,
                  "sizes": sizes, "compiled_modules": compiled}))
"""


def run(*args):
    start = time.perf_counter()
    out = subprocess.run([sys.executable, *args], capture_output=True, text=True,
                         check=True, env={"PATH": os.environ.get("PATH", "")})
    return (time.perf_counter() - start) * 1e3, out.stdout


bare = statistics.median(run("-c", "pass")[0] for _ in range(RUNS))
print(f"{platform.python_implementation()} {platform.python_version()}")
print(f"python -c pass: median {bare:.0f} ms "
      f"(interpreter start-up and shutdown, {RUNS} runs)\n")
rows = {}
for name, modules in WORKLOADS.items():
    # also writes any missing .pyc files
    found = json.loads(run("-c", CHILD, modules, "analyse")[1])
    runs = [run("-c", CHILD, modules) for _ in range(RUNS)]
    imports = [float(out) for _, out in runs]
    sizes = found["sizes"]
    total = sum(sizes.values())
    rows[name] = {"modules": modules, "import_ms": statistics.median(imports),
                  "import_min": min(imports), "import_max": max(imports),
                  "process_ms": statistics.median(ms for ms, _ in runs),
                  "loaded": found["modules"],
                  "compiled_modules": found["compiled_modules"],
                  "dists": found["dists"],
                  "compiled_share": sizes["so"] / total if total else None, **sizes}
    share = (f"{sizes['so'] / total:.0%} of {total / 1e6:.1f} MB compiled" if total
             else "standard library only")
    print(f"{name}: import {modules}")
    print(f"  import: median of {RUNS} runs {statistics.median(imports):.0f} ms "
          f"(min {min(imports):.0f}, max {max(imports):.0f}); "
          f"whole process {rows[name]['process_ms']:.0f} ms")
    print(f"  {found['modules']} new modules, {found['compiled_modules']} of them "
          f"compiled (.so or built-in); {share}")
    if found["dists"]:
        shares = (f"{d} {v['so'] / (v['so'] + v['py'] + v['other']):.0%}"
                  f"{' (Rust)' if v['rust'] else ''}"
                  for d, v in found["dists"].items())
        print("  compiled share per distribution: " + ", ".join(shares))
numpy = rows["ML fit"]["dists"]["numpy"]
print(f"\nNumPy {numpy['version']}: wheel {', '.join(numpy['tags'])}; "
      f"requires Python {numpy['requires_python']}")
version_tag = f"cp{sys.version_info[0]}{sys.version_info[1]}-"
assert any(tag.startswith(version_tag) for tag in numpy["tags"]), \
    "claim: this NumPy's wheel is built for this Python"
assert rows["Data pipeline"]["import_ms"] > 5 * rows["Cloud function"]["import_ms"], \
    "claim: pandas costs far more"
web = rows["Web API"]["dists"]
assert web["fastapi"]["so"] == web["starlette"]["so"] == 0, \
    "claim: FastAPI and Starlette are pure Python"
assert web["pydantic_core"]["rust"], \
    "claim: the web stack's compiled part is a Rust extension"
assert rows["ML fit"]["compiled_share"] > 0.5, \
    "claim: most of NumPy's installed bytes are compiled"

if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"cpus": os.cpu_count(),
                   "timer": time.get_clock_info("perf_counter").resolution,
                   "python": platform.python_version(), "bare_ms": bare, "rows": rows,
                   "runs": RUNS}, f)
