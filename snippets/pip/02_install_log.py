# Logs every request one `pip install` makes to a local index: first with PEP 658 metadata files, then without.
import base64
import contextlib
import ensurepip
import hashlib
import http.server
import json
import os
import subprocess
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


logs = {}
with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp) / "index"
    root.mkdir()
    wheel(root, "blog", "1.0", ["markup>=1", "storage>=2"])
    wheel(root, "markup", "1.0", ["textutil"])
    wheel(root, "markup", "2.0", ["storage<2"])  # the newest markup conflicts with blog's storage>=2
    wheel(root, "storage", "1.0")
    wheel(root, "storage", "2.0")
    wheel(root, "textutil", "1.0")
    for metadata in (True, False):
        env = Path(tmp) / f"env-{len(logs)}"
        venv.create(env, symlinks=True)  # a fresh, empty virtual environment for each install
        with serve(root, metadata) as (url, log):
            out = pip(env, "install", "--index-url", url, "blog").stdout
        label = "with" if metadata else "without"
        print(f"$ pip install --index-url $INDEX/simple/ blog   # an index {label} metadata files", *log, sep="\n  ")
        print(out.strip().splitlines()[-1], end="\n\n")
        assert "Successfully installed blog-1.0 markup-1.0 storage-2.0 textutil-1.0" in out, out
        assert url in out and "Looking in links" not in out, "claim: pip saw this index and nothing else"
        logs[label] = log

assert threading.active_count() == 1, "claim: both index servers have stopped"
got, blind = logs["with"], logs["without"]
wheels = [line for line in got if line.endswith(".whl")]
assert all(w + ".metadata" in got[: got.index(w)] for w in wheels), "claim: each wheel's metadata came first"
assert max(i for i, line in enumerate(got) if line.endswith(".metadata")) < got.index(wheels[0]), \
    "claim: pip read every metadata file it needed before downloading any wheel"
assert "GET /files/markup-2.0-py3-none-any.whl" not in got, "claim: the rejected candidate's wheel was not fetched"
assert "GET /files/markup-2.0-py3-none-any.whl" in blind, "claim: without metadata, pip downloads it just to read it"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        position = {name: got.index(f"GET /files/{name}-py3-none-any.whl.metadata") + 1
                    for name in ("markup-2.0", "storage-2.0", "markup-1.0")}
        json.dump({"with": got, "without": blind, "wheels_with": len(wheels), "rejected": position["markup-2.0"],
                   "conflict": position["storage-2.0"], "chosen": position["markup-1.0"],
                   "wheels_without": sum(line.endswith(".whl") for line in blind)}, f)
