# Builds a C extension and a plain C library with cc; times them vs Python on one list.
import array
import ctypes
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

EXTENSION = r"""
#define PY_SSIZE_T_CLEAN
#include <Python.h>
/* called once per element */
static PyObject *square(PyObject *self, PyObject *x) {
    double v = PyFloat_AsDouble(x);
    return (v == -1.0 && PyErr_Occurred()) ? NULL : PyFloat_FromDouble(v * v);
}
/* called once per list */
static PyObject *sum_squares(PyObject *self, PyObject *seq) {
    PyObject *fast = PySequence_Fast(seq, "expected a sequence");
    if (fast == NULL) return NULL;
    double total = 0.0;
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(fast); i++) {
        double v = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(fast, i));
        if (v == -1.0 && PyErr_Occurred()) { Py_DECREF(fast); return NULL; }
        total += v * v;
    }
    Py_DECREF(fast);
    return PyFloat_FromDouble(total);
}
static PyMethodDef methods[] = {{"square", square, METH_O, NULL},
                                {"sum_squares", sum_squares, METH_O, NULL},
                                {NULL, NULL, 0, NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "fastsq", NULL, -1, methods};
PyMODINIT_FUNC PyInit_fastsq(void) { return PyModule_Create(&module); }
"""
LIBRARY = r"""
double square(double x) { return x * x; }
double sum_squares(const double *xs, long n) {
    double total = 0.0;
    for (long i = 0; i < n; i++) total += xs[i] * xs[i];
    return total;
}
"""


def python_sum_squares(xs):
    total = 0.0
    for x in xs:
        total += x * x
    return total


def per_element(square, xs):
    total = 0.0
    for x in xs:
        total += square(x)
    return total


def build(tmp, source, output, *flags):
    Path(tmp, "src.c").write_text(source)
    subprocess.run([cc, "-O2", "-shared", "-fPIC", *flags, "src.c", "-o", output],
                   cwd=tmp, check=True)
    return Path(tmp, output)


n = 50_000
xs = [i / n for i in range(n)]  # every way starts from this Python list of floats
ways = {"Python loop": lambda: python_sum_squares(xs)}
# the ways that need the list converted first: the call alone, on an array converted
# beforehand
call_only = {}
cc, include = shutil.which("cc"), sysconfig.get_paths()["include"]
headers = Path(include, "Python.h").exists()
print(f"C compiler: {cc or 'absent'}; "
      f"Python.h in {include}: {'yes' if headers else 'absent'}")
with tempfile.TemporaryDirectory() as tmp:
    start = time.perf_counter()
    # an extension module: a shared library with PyInit_fastsq, imported like any module
    if cc and headers:
        filename = "fastsq" + sysconfig.get_config_var("EXT_SUFFIX")
        ext = build(tmp, EXTENSION, filename, "-I", include)
        sys.path.insert(0, tmp)
        import fastsq
        print(f"built and imported {ext.name}")
        # reads the list itself
        ways["C extension, once per list"] = lambda: fastsq.sum_squares(xs)
        ways["C extension, once per element"] = lambda: per_element(fastsq.square, xs)
    # a plain C library, called through ctypes: no Python.h, arguments converted by
    # ctypes at each call
    if cc:
        lib = ctypes.CDLL(str(build(tmp, LIBRARY, "libsq.so")))
        lib.square.restype, lib.square.argtypes = ctypes.c_double, [ctypes.c_double]
        lib.sum_squares.restype = ctypes.c_double
        lib.sum_squares.argtypes = [ctypes.POINTER(ctypes.c_double), ctypes.c_long]
        DoubleArray = ctypes.c_double * n
        print("built libsq.so and loaded it with ctypes.CDLL")
        # sum_squares needs a C array of doubles, so a list must be copied into one
        # first: two ways to do it
        ways["ctypes, once per array"] = lambda: lib.sum_squares(DoubleArray(*xs), n)
        ways["ctypes, via array.array"] = lambda: lib.sum_squares(
            DoubleArray.from_buffer(array.array("d", xs)), n)
        ready, buffer = DoubleArray(*xs), array.array("d", xs)
        call_only["ctypes, once per array"] = lambda: lib.sum_squares(ready, n)
        call_only["ctypes, via array.array"] = lambda: lib.sum_squares(
            DoubleArray.from_buffer(buffer), n)
        ways["ctypes, once per element"] = lambda: per_element(lib.square, xs)
    compile_s = time.perf_counter() - start

expected = python_sum_squares(xs)
runs = {**ways, **{f"{name} (call only)": way for name, way in call_only.items()}}
assert all(math.isclose(way(), expected, rel_tol=1e-12) for way in runs.values()), \
    "claim: same result every way"
samples = {name: [] for name in runs}
for way in runs.values():  # warm-up: caches, lazy imports, and PyPy's JIT
    way()
# in turns, so that a slow spell of the machine hits every way alike
for _ in range(25):
    for name, way in runs.items():
        start = time.perf_counter()
        way()
        samples[name].append((time.perf_counter() - start) / n * 1e9)
stats = {name: (statistics.median(t), min(t), max(t)) for name, t in samples.items()}
results = {name: stats[name] for name in ways}
calls = {name: stats[f"{name} (call only)"] for name in call_only}
print(f"\nsum of x*x over {n:,} floats, ns per element "
      "(after a warm-up, median of 25 in turns, min-max);")
print("'from a list' includes copying the list into a C array where the way needs one:")
print(f"  {'':30} {'from a list':>26} {'call only':>26}")
for name, (median, low, high) in results.items():
    if name in calls:
        call = f"{calls[name][0]:8.2f}  ({calls[name][1]:.2f}-{calls[name][2]:.2f})"
    else:
        call = "(the same)"
    row = f"  {name:30} {median:8.2f}  ({low:.2f}-{high:.2f})".ljust(60)
    print(row + f"{call:>26}")
loop = results["Python loop"][0]
ratios = {name: loop / median for name, (median, _, _) in results.items()}
if "C extension, once per list" in ratios:
    assert ratios["C extension, once per list"] > 2.5, \
        "claim: the same loop in C is several times faster"
if "ctypes, once per element" in ratios and sys.implementation.name == "cpython":
    assert ratios["ctypes, once per element"] < 0.7, \
        "claim: a ctypes call per element is slower than Python"
# ns per element spent copying the list
convert = {name: results[name][0] - calls[name][0] for name in calls}
if calls:
    slow, fast = convert["ctypes, once per array"], convert["ctypes, via array.array"]
    assert slow > results["ctypes, once per array"][0] / 2, \
        "claim: copying the list costs more than the sum itself"
    assert slow > 2 * fast, ("claim: array.array copies a list of floats faster than "
                             "the ctypes array constructor")

if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"cpus": os.cpu_count(),
                   "timer": time.get_clock_info("perf_counter").resolution,
                   "compiler": cc, "headers": headers, "results": results,
                   "call_only": calls, "n": f"{n:,}",
                   "ratios": {k: f"{v:.2f}" for k, v in ratios.items()},
                   "call_ratios": {k: f"{loop / v[0]:.2f}" for k, v in calls.items()},
                   "convert_ns": {k: f"{v:.1f}" for k, v in convert.items()},
                   "convert_vs_loop": {k: f"{v / loop:.1f}"
                                       for k, v in convert.items()},
                   "faster_from_list": {k: results[k][0] < loop for k in calls},
                   "loop_ns": f"{loop:.1f}", "compile_s": f"{compile_s:.2f}",
                   "suffix": sysconfig.get_config_var("EXT_SUFFIX")}, f)
