# Where NumPy's code lives: compiled vs Python files installed, a ufunc with no source.
# /// script
# requires-python = ">=3.11"
# dependencies = ["numpy==2.4.6; python_version < '3.15'",
#                 "numpy==2.5.5; python_version >= '3.15'", "pandas==3.1.1"]
# [tool.uv]
# exclude-newer = "2026-11-20T00:00:00Z"
# ///
import importlib.metadata
import inspect
import json
import os
import sys

KINDS = ["compiled (.so)", "Python (.py)", "Python tests (.py)", "type stubs (.pyi)",
         "other"]
# the post's examples, where installed
CANDIDATES = ["numpy", "pandas", "opencv-python", "tensorflow", "torch"]
# Traces that toolchains leave in a binary: generated names, runtime symbol versions,
# embedded compiler paths.
TRACES = {"Cython": b"__pyx_", "C++": b"GLIBCXX_", "Fortran": b"_gfortran_",
          "Rust": b"/rustc/"}


def footprint(dist_name):
    """Bytes on disk per kind of file, over every file the distribution's RECORD
    lists."""
    sizes = dict.fromkeys(KINDS, 0)
    traces = {"none of these": 0} | dict.fromkeys(TRACES, 0)
    for file in importlib.metadata.distribution(dist_name).files:
        path = file.locate()
        if not path.is_file():
            continue
        # extension modules and bundled libraries such as libopenblas.so.0
        if ".so" in file.suffixes:
            kind, binary = KINDS[0], path.read_bytes()
            found = ([name for name, mark in TRACES.items() if mark in binary]
                     or ["none of these"])
            for name in found:
                traces[name] += 1
        elif file.suffix == ".py":
            kind = KINDS[2] if "tests" in file.parts else KINDS[1]
        else:
            kind = {".pyi": KINDS[3]}.get(file.suffix, KINDS[4])
        sizes[kind] += path.stat().st_size
    return sizes, {name: count for name, count in traces.items() if count}


before = set(sys.modules)
# imported here to see which extension modules the import loads
import numpy as np  # noqa: E402

loaded = sorted(m for m in set(sys.modules) - before
                if (getattr(sys.modules[m], "__file__", "") or "").endswith(".so"))
print(f"import numpy loaded {len(set(sys.modules) - before)} modules; "
      "these are compiled extension modules:")
for name in loaded:
    print(f"  {name:38} {os.path.basename(sys.modules[name].__file__)}")

print(f"\nnp.add is a {type(np.add).__module__}.{type(np.add).__name__}, defined in",
      end=" ")
home = next(m for m in loaded if getattr(sys.modules[m], "add", None) is np.add)
print(os.path.basename(sys.modules[home].__file__))
try:
    inspect.getsource(np.add)
    raise AssertionError("claim: np.add has no Python source")
except TypeError as error:
    print(f"inspect.getsource(np.add) raised TypeError: {error}")


def step(frame, event, arg):
    """One line per call seen by the profiler hook: Python functions with their file,
    C functions with their owner."""
    if event == "call":
        filename = os.path.basename(frame.f_code.co_filename)
        return f"Python {frame.f_code.co_name}() in {filename}"
    if event == "c_call":
        owner = getattr(arg, "__self__", None)
        if isinstance(owner, type(np) | np.ufunc):
            owner = getattr(owner, "__name__", None)
        else:
            owner = type(owner).__name__
        return f"C      {owner}.{arg.__name__}()"
    return None


trace, arr = [], np.arange(1000.0)
sys.setprofile(lambda frame, event, arg: trace.append(step(frame, event, arg)))
np.sum(arr)
sys.setprofile(None)
# the last C call is sys.setprofile itself
trace = [line for line in trace[:-1] if line]
print("np.sum(arr) runs:\n  " + "\n  ".join(trace))
assert trace[-1] == "C      add.reduce()", \
    "claim: np.sum ends in the compiled add.reduce"

rows = {}
for name in CANDIDATES:
    try:
        sizes, traces = footprint(name)
    except importlib.metadata.PackageNotFoundError:
        print(f"\n{name}: not installed in this environment")
        continue
    total = sum(sizes.values())
    share = sizes[KINDS[0]] / total
    print(f"\n{name} {importlib.metadata.version(name)}: {total / 1e6:.1f} MB on disk, "
          f"{share:.0%} of it compiled")
    for kind, size in sizes.items():
        print(f"  {kind:20} {size / 1e6:7.1f} MB  {size / total:4.0%}")
    print("  compiled files with traces of: "
          + ", ".join(f"{k} {v}" for k, v in traces.items()))
    rows[name] = {"version": importlib.metadata.version(name), "total": total,
                  "share": share, "traces": traces, **sizes}
bundled = sorted(f.name for f in importlib.metadata.files("numpy")
                 if f.parts[0].endswith(".libs"))
print("\nshared libraries bundled in NumPy's wheel (numpy.libs/): "
      f"{', '.join(bundled) or 'none'}")
assert rows["numpy"]["share"] > 0.5, \
    "claim: most of NumPy's installed bytes are compiled code"
assert rows["numpy"][KINDS[0]] > rows["numpy"][KINDS[1]], \
    "claim: NumPy has more compiled bytes than Python"

if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"rows": rows, "trace": trace, "kinds": KINDS, "extensions": loaded,
                   "ufunc_home": home,
                   "numpy_share": f"{rows['numpy']['share']:.0%}",
                   "pandas_share": f"{rows['pandas']['share']:.0%}",
                   "bundled": "`, `".join(bundled),
                   "absent": [n for n in CANDIDATES if n not in rows]}, f)
