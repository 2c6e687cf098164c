# Serves only an sdist whose in-tree build backend compiles a C extension; pip builds it in an isolated environment.
import base64
import contextlib
import ensurepip
import hashlib
import http.server
import io
import json
import os
import re
import subprocess
import tarfile
import tempfile
import threading
import venv
import zipfile
from pathlib import Path


# --- A package index on 127.0.0.1, built from scratch (the same block opens every snippet that needs one) ---
def sha256(data):  # a file's hash as indexes and requirement files write it
    return hashlib.sha256(data).hexdigest()


def record_hash(data):  # the same hash as a wheel's RECORD writes it
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).decode().rstrip("=")


def wheel(root, name, version, requires=(), files=None, tag="py3-none-any"):
    """A wheel by hand: a zip of the package plus NAME-VERSION.dist-info/ holding METADATA, WHEEL and RECORD."""
    info, meta = f"{name}-{version}.dist-info/", f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
    meta += "".join(f"Requires-Dist: {r}\n" for r in requires)
    files = {**(files or {f"{name}/__init__.py": f"VERSION = {version!r}\n"}), info + "METADATA": meta,
             info + "WHEEL": f"Wheel-Version: 1.0\nGenerator: by-hand\nRoot-Is-Purelib: true\nTag: {tag}\n"}
    record = "".join(f"{p},{record_hash(t.encode())},{len(t)}\n" for p, t in files.items())
    files[info + "RECORD"] = record + f"{info}RECORD,,\n"  # RECORD lists itself, without a hash
    with zipfile.ZipFile(root / f"{name}-{version}-{tag}.whl", "w") as z:  # fixed dates: the same bytes every run
        for p, t in files.items():
            z.writestr(zipfile.ZipInfo(p, (2024, 1, 1, 0, 0, 0)), t)
    (root / f"{name}-{version}-{tag}.whl.metadata").write_text(meta)  # PEP 658: METADATA, served beside the wheel


def project_page(root, name, kind, metadata):
    """Every file of a project with its hash, as PEP 691 JSON or PEP 503 HTML, plus its metadata file's (PEP 658)."""
    files = []
    for p in sorted(root.glob(f"{name}-*")):
        if p.suffix != ".metadata":
            files.append({"filename": p.name, "url": f"/files/{p.name}", "hashes": {"sha256": sha256(p.read_bytes())}})
            if metadata and (m := p.with_name(p.name + ".metadata")).exists():
                files[-1]["core-metadata"] = {"sha256": sha256(m.read_bytes())}  # the key's name since PEP 714
    if kind == "json":
        return json.dumps({"meta": {"api-version": "1.0"}, "name": name, "files": files}) if files else ""
    links = []
    for f in files:  # in HTML, PEP 714 lets an index repeat the metadata hash under the attribute's old name
        hashes = "".join(f' data-{key}="sha256={f["core-metadata"]["sha256"]}"'
                         for key in ("core-metadata", "dist-info-metadata") if "core-metadata" in f)
        links.append(f'<a href="{f["url"]}#sha256={f["hashes"]["sha256"]}"{hashes}>{f["filename"]}</a><br>\n')
    return "".join(links)


@contextlib.contextmanager
def serve(root, metadata=True):
    """Serve root as a PEP 503/691 index on a free loopback port, with PEP 658/714 metadata; yield (URL, log)."""
    log = []

    class Index(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            where, _, name = self.path.strip("/").partition("/")
            kind = "json" if "vnd.pypi.simple.v1+json" in self.headers.get("Accept", "") else "html"
            if where == "simple":  # a project page
                body = project_page(root, name, kind, metadata).encode()
            else:  # a file: a wheel, an sdist, or a wheel's .metadata
                path, kind = root / name, "file"
                body = path.read_bytes() if path.is_file() and (metadata or path.suffix != ".metadata") else b""
            log.append(f"GET {self.path}" + ("" if kind == "file" else f" ({kind})") + ("" if body else " -> 404"))
            self.send_response(200 if body else 404)
            ctype = "application/octet-stream" if kind == "file" else f"application/vnd.pypi.simple.v1+{kind}"
            self.send_header("Content-Type", ctype)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):  # silence the default stderr log: the snippet prints its own
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Index)
    thread = threading.Thread(target=server.serve_forever)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/simple/", log
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
# --- end of the index ---


PIP = next(Path(ensurepip.__file__).parent.glob("_bundled/pip-*.whl"))  # the wheel `python -m venv` installs pip from
ENV = {"PATH": os.environ["PATH"], "TMPDIR": tempfile.gettempdir(), "PIP_CONFIG_FILE": os.devnull, "PIP_NO_INPUT": "1",
       "PIP_PROGRESS_BAR": "off"}  # nothing else: no pip.conf is read and no other PIP_* variable is set


def pip(env, *args):
    """pip, run from its wheel as ensurepip runs it, by the venv `env`; no config file, no cache, no version check."""
    command = [env / "bin" / "python", PIP / "pip", *args, "--disable-pip-version-check", "--no-cache-dir"]
    return subprocess.run(command, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


BACKEND = r'''# A minimal PEP 517 build backend: compiles fastsum.c with the compiler and flags CPython was built with.
import base64, hashlib, pathlib, shlex, subprocess, sys, sysconfig, zipfile
META = "Metadata-Version: 2.1\nName: fastsum\nVersion: 1.0\n"
def prepare_metadata_for_build_wheel(directory, config_settings=None):  # optional hook: pip asks it first
    info = pathlib.Path(directory, "fastsum-1.0.dist-info")
    info.mkdir()
    (info / "METADATA").write_text(META)
    return info.name
def build_wheel(directory, config_settings=None, metadata_directory=None):
    cfg, so = sysconfig.get_config_var, "fastsum" + sysconfig.get_config_var("EXT_SUFFIX")
    print("backend: sys.executable =", sys.executable, flush=True)
    print("backend: sys.path =", *sys.path, sep="\nbackend:   ", flush=True)
    include = ["-I", sysconfig.get_paths()["include"]]  # Python.h
    for command in ([*shlex.split(f"{cfg('CC')} {cfg('CFLAGS')} {cfg('CCSHARED')}"), *include, "-c", "fastsum.c"],
                    [*shlex.split(cfg("LDSHARED")), "fastsum.o", "-o", so]):  # compile, then link
        print("backend: running", shlex.join(command), flush=True)
        subprocess.run(command, check=True)
    cp = f"cp{sys.version_info[0]}{sys.version_info[1]}"
    tag = f"{cp}-{cp}{sys.abiflags}-" + sysconfig.get_platform().replace("-", "_").replace(".", "_")
    files = {so: pathlib.Path(so).read_bytes(), "fastsum-1.0.dist-info/METADATA": META.encode(),
             "fastsum-1.0.dist-info/WHEEL": f"Wheel-Version: 1.0\nRoot-Is-Purelib: false\nTag: {tag}\n".encode()}
    digest = {p: base64.urlsafe_b64encode(hashlib.sha256(d).digest()).decode().rstrip("=") for p, d in files.items()}
    record = "".join(f"{p},sha256={digest[p]},{len(d)}\n" for p, d in files.items())
    files["fastsum-1.0.dist-info/RECORD"] = (record + "fastsum-1.0.dist-info/RECORD,,\n").encode()
    with zipfile.ZipFile(f"{directory}/fastsum-1.0-{tag}.whl", "w") as z:
        for p, d in files.items():
            z.writestr(p, d)
    return f"fastsum-1.0-{tag}.whl"
'''
SOURCE = """#include <Python.h>
static PyObject *total(PyObject *self, PyObject *args) {  /* fastsum.total(iterable) -> sum as a C long */
    PyObject *it = PyObject_GetIter(PyTuple_GET_ITEM(args, 0)), *item; long sum = 0;
    if (!it) return NULL;
    while ((item = PyIter_Next(it))) { sum += PyLong_AsLong(item); Py_DECREF(item); }
    Py_DECREF(it);
    return PyErr_Occurred() ? NULL : PyLong_FromLong(sum);
}
static PyMethodDef methods[] = {{"total", total, METH_VARARGS, NULL}, {NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "fastsum", NULL, -1, methods};
PyMODINIT_FUNC PyInit_fastsum(void) { return PyModule_Create(&module); }
"""
PYPROJECT = '[build-system]\nrequires = []\nbuild-backend = "backend"\nbackend-path = ["."]\n'

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp) / "index"
    root.mkdir()
    with tarfile.open(root / "fastsum-1.0.tar.gz", "w:gz") as tar:  # an sdist: source, PKG-INFO, pyproject.toml
        for name, text in [("PKG-INFO", "Metadata-Version: 2.1\nName: fastsum\nVersion: 1.0\n"),
                           ("pyproject.toml", PYPROJECT), ("backend.py", BACKEND), ("fastsum.c", SOURCE)]:
            info = tarfile.TarInfo(f"fastsum-1.0/{name}")
            info.size = len(text.encode())
            tar.addfile(info, io.BytesIO(text.encode()))
    env = Path(tmp) / "env"
    venv.create(env, symlinks=True)
    with serve(root) as (url, log):
        out = pip(env, "install", "-v", "--index-url", url, "fastsum").stdout
    assert threading.active_count() == 1, "claim: the index server has stopped"
    built = sorted(p.name for p in env.glob("lib/python*/site-packages/fastsum*"))
    use = "import fastsum; print(fastsum.__file__, fastsum.total(range(101)))"
    check = subprocess.run([env / "bin" / "python", "-c", use], capture_output=True, text=True).stdout.split()

keep = ("Collecting", "  Downloading", "  Running command", "  Preparing", "  backend:", "Building", "  Created wheel",
        "Successfully")
print("$ pip install -v fastsum   # the build's lines, out of", len(out.splitlines()))
out = out.replace(url.removesuffix("/simple/"), "$INDEX").replace(tmp, "$TMP").replace(tempfile.gettempdir(), "$TMPDIR")
shown = [re.sub(r"(pip-[a-z-]+-|fastsum_)\w+", r"\1…", line) for line in out.splitlines() if line.startswith(keep)]
print(*shown, sep="\n")
print("\nrequests:", *log, sep="\n  ")
print("\ninstalled into site-packages:", *built)
print(f"import fastsum -> {check[0].replace(tmp, '$TMP')}\nfastsum.total(range(101)) = {check[1]}")
assert log == ["GET /simple/fastsum/ (json)", "GET /files/fastsum-1.0.tar.gz"], "claim: no metadata file for an sdist"
path = [line for line in shown if line.startswith("  backend:   ")]
assert any("pip-build-env-" in p for p in path) and not any("$TMP/env/lib" in p for p in path), \
    "claim: the backend ran with pip's build environment on sys.path and without the target venv's site-packages"
assert check[1] == "5050" and check[0].endswith(".so"), "claim: the compiled extension module imports and works"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"module": Path(check[0]).name, "wheel": next(line.split("filename=")[1].split()[0]
                   for line in out.splitlines() if "filename=" in line)}, f)
