# Serves only an sdist with an in-tree backend compiling C; pip builds it in isolation.
# /// script
# dependencies = ["pip==26.3"]
# [tool.uv]
# exclude-newer = "2026-11-20T00:00:00Z"
# ///
import io
import json
import os
import re
import subprocess
import tarfile
import tempfile
import threading
import venv
from importlib.metadata import version
from pathlib import Path

from local_index import pip, serve

BACKEND = r'''# A minimal PEP 517 build backend: compiles fastsum.c with the compiler
# and flags CPython was built with.
import base64, hashlib, pathlib, shlex, subprocess, sys, sysconfig, zipfile
META = "Metadata-Version: 2.1\nName: fastsum\nVersion: 1.0\n"
# optional hook: pip asks it first
def prepare_metadata_for_build_wheel(directory, config_settings=None):
    info = pathlib.Path(directory, "fastsum-1.0.dist-info")
    info.mkdir()
    (info / "METADATA").write_text(META)
    return info.name
def build_wheel(directory, config_settings=None, metadata_directory=None):
    cfg = sysconfig.get_config_var
    so = "fastsum" + cfg("EXT_SUFFIX")
    print("backend: sys.executable =", sys.executable, flush=True)
    print("backend: sys.path =", *sys.path, sep="\nbackend:   ", flush=True)
    include = ["-I", sysconfig.get_paths()["include"]]  # Python.h
    compiler = shlex.split(f"{cfg('CC')} {cfg('CFLAGS')} {cfg('CCSHARED')}")
    compile_c = [*compiler, *include, "-c", "fastsum.c"]
    link = [*shlex.split(cfg("LDSHARED")), "fastsum.o", "-o", so]
    for command in (compile_c, link):  # compile, then link
        print("backend: running", shlex.join(command), flush=True)
        subprocess.run(command, check=True)
    cp = f"cp{sys.version_info[0]}{sys.version_info[1]}"
    platform = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    tag = f"{cp}-{cp}{sys.abiflags}-{platform}"
    wheel = f"Wheel-Version: 1.0\nRoot-Is-Purelib: false\nTag: {tag}\n"
    files = {so: pathlib.Path(so).read_bytes(),
             "fastsum-1.0.dist-info/METADATA": META.encode(),
             "fastsum-1.0.dist-info/WHEEL": wheel.encode()}
    sha = {p: hashlib.sha256(d).digest() for p, d in files.items()}
    digest = {p: base64.urlsafe_b64encode(h).decode().rstrip("=")
              for p, h in sha.items()}
    record = "".join(f"{p},sha256={digest[p]},{len(d)}\n" for p, d in files.items())
    record += "fastsum-1.0.dist-info/RECORD,,\n"
    files["fastsum-1.0.dist-info/RECORD"] = record.encode()
    with zipfile.ZipFile(f"{directory}/fastsum-1.0-{tag}.whl", "w") as z:
        for p, d in files.items():
            z.writestr(p, d)
    return f"fastsum-1.0-{tag}.whl"
'''
SOURCE = """#include <Python.h>
/* fastsum.total(iterable) -> sum as a C long */
static PyObject *total(PyObject *self, PyObject *args) {
    PyObject *it = PyObject_GetIter(PyTuple_GET_ITEM(args, 0)), *item; long sum = 0;
    if (!it) return NULL;
    while ((item = PyIter_Next(it))) { sum += PyLong_AsLong(item); Py_DECREF(item); }
    Py_DECREF(it);
    return PyErr_Occurred() ? NULL : PyLong_FromLong(sum);
}
static PyMethodDef methods[] = {{"total", total, METH_VARARGS, NULL}, {NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "fastsum", NULL, -1,
                                    methods};
PyMODINIT_FUNC PyInit_fastsum(void) { return PyModule_Create(&module); }
"""
PYPROJECT = ('[build-system]\nrequires = []\n'
             'build-backend = "backend"\nbackend-path = ["."]\n')

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp) / "index"
    root.mkdir()
    # an sdist: source, PKG-INFO, pyproject.toml
    with tarfile.open(root / "fastsum-1.0.tar.gz", "w:gz") as tar:
        pkg_info = "Metadata-Version: 2.1\nName: fastsum\nVersion: 1.0\n"
        for name, text in [("PKG-INFO", pkg_info), ("pyproject.toml", PYPROJECT),
                           ("backend.py", BACKEND), ("fastsum.c", SOURCE)]:
            info = tarfile.TarInfo(f"fastsum-1.0/{name}")
            info.size = len(text.encode())
            tar.addfile(info, io.BytesIO(text.encode()))
    env = Path(tmp) / "env"
    venv.create(env, symlinks=True)
    with serve(root) as (url, log):
        out = pip(env, "install", "-v", "--index-url", url, "fastsum", own=True).stdout
    assert threading.active_count() == 1, "claim: the index server has stopped"
    built = sorted(p.name for p in env.glob("lib/python*/site-packages/fastsum*"))
    use = "import fastsum; print(fastsum.__file__, fastsum.total(range(101)))"
    check = subprocess.run([env / "bin" / "python", "-c", use], capture_output=True,
                           text=True).stdout.split()

keep = ("Collecting", "  Downloading", "  Running command", "  Preparing", "  backend:",
        "Building", "  Created wheel", "Successfully")
print(f"$ pip install -v fastsum   # pip {version('pip')}; the build's lines, out of",
      len(out.splitlines()))
out = out.replace(url.removesuffix("/simple/"), "$INDEX").replace(tmp, "$TMP")
out = out.replace(tempfile.gettempdir(), "$TMPDIR")
# Elided: random folder names, and the wheel's hash, new in every build (its zip
# records the time of the build).
shown = [re.sub(r"(pip-[a-z-]+-|fastsum_|sha256=)\w+", r"\1…", line)
         for line in out.splitlines() if line.startswith(keep)]
print(*shown, sep="\n")
print("\nrequests:", *log, sep="\n  ")
print("\ninstalled into site-packages:", *built)
print(f"import fastsum -> {check[0].replace(tmp, '$TMP')}\n"
      f"fastsum.total(range(101)) = {check[1]}")
assert log == ["GET /simple/fastsum/ (json)", "GET /files/fastsum-1.0.tar.gz"], \
    "claim: no metadata file for an sdist"
path = [line for line in shown if line.startswith("  backend:   ")]
assert (any("pip-build-env-" in p for p in path)
        and not any("$TMP/env/lib" in p for p in path)), \
    ("claim: the backend ran with pip's build environment on sys.path and without the "
     "target venv's site-packages")
assert check[1] == "5050" and check[0].endswith(".so"), \
    "claim: the compiled extension module imports and works"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        wheel = next(line.split("filename=")[1].split()[0]
                     for line in out.splitlines() if "filename=" in line)
        json.dump({"module": Path(check[0]).name, "wheel": wheel}, f)
