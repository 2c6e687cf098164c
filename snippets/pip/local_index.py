# Package index the pip and venv snippets import: hand-made wheels on 127.0.0.1, logged.
import atexit
import base64
import contextlib
import csv
import ensurepip
import functools
import hashlib
import html
import http.server
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import threading
import zipfile
from pathlib import Path


def sha256(data):  # a file's hash as indexes and requirement files write it
    return hashlib.sha256(data).hexdigest()


def record_hash(data):  # the same hash as a wheel's RECORD writes it
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).decode().rstrip("=")


def wheel(root, name, version, requires=(), files=None, tag="py3-none-any",
          requires_python=None):
    """A wheel by hand: a zip of the package plus NAME-VERSION.dist-info/ holding
    METADATA, WHEEL and RECORD."""
    info = f"{name}-{version}.dist-info/"
    meta = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
    meta += f"Requires-Python: {requires_python}\n" if requires_python else ""
    meta += "".join(f"Requires-Dist: {r}\n" for r in requires)
    files = {**(files or {f"{name}/__init__.py": f"VERSION = {version!r}\n"}),
             info + "METADATA": meta,
             info + "WHEEL": "Wheel-Version: 1.0\nGenerator: by-hand\n"
                             f"Root-Is-Purelib: true\nTag: {tag}\n"}
    record = "".join(f"{p},{record_hash(t.encode())},{len(t)}\n"
                     for p, t in files.items())
    # RECORD lists itself, without a hash
    files[info + "RECORD"] = record + f"{info}RECORD,,\n"
    # fixed dates: the same bytes every run
    with zipfile.ZipFile(root / f"{name}-{version}-{tag}.whl", "w") as z:
        for p, t in files.items():
            z.writestr(zipfile.ZipInfo(p, (2024, 1, 1, 0, 0, 0)), t)
    # PEP 658: METADATA, served beside the wheel
    (root / f"{name}-{version}-{tag}.whl.metadata").write_text(meta)


def blog_tree(root):
    """The packages most snippets install: blog needs markup>=1 and storage>=2, and the
    newest markup (2.0) needs storage<2, so a resolver has to drop it and backtrack to
    markup 1.0, which needs textutil."""
    wheel(root, "blog", "1.0", ["markup>=1", "storage>=2"])
    wheel(root, "markup", "1.0", ["textutil"])
    wheel(root, "markup", "2.0", ["storage<2"])
    wheel(root, "storage", "1.0")
    wheel(root, "storage", "2.0")
    wheel(root, "textutil", "1.0")


def project_page(root, name, kind, metadata):
    """Every file of a project with its hash, as PEP 691 JSON or PEP 503 HTML, plus its
    metadata file's (PEP 658)."""
    files = []
    for p in sorted(root.glob(f"{name}-*")):
        # the files beside a wheel that say things about it
        if p.suffix not in (".metadata", ".yanked"):
            files.append({"filename": p.name, "url": f"/files/{p.name}",
                          "hashes": {"sha256": sha256(p.read_bytes())}})
            if (m := p.with_name(p.name + ".metadata")).exists():
                if metadata:
                    # the key's name since PEP 714
                    files[-1]["core-metadata"] = {"sha256": sha256(m.read_bytes())}
                # as PyPI does, the page repeats Requires-Python (PEP 503)
                for line in m.read_text().splitlines():
                    if line.startswith("Requires-Python: "):
                        requires = line.removeprefix("Requires-Python: ")
                        files[-1]["requires-python"] = requires
            # yanked (PEP 592): the index's word, not the file's
            if (y := p.with_name(p.name + ".yanked")).exists():
                files[-1]["yanked"] = y.read_text() or True
    if kind == "json":
        page = {"meta": {"api-version": "1.0"}, "name": name, "files": files}
        return json.dumps(page) if files else ""
    links = []
    # in HTML, PEP 714 lets an index repeat the metadata hash under the attribute's
    # old name
    for f in files:
        hashes = "".join(f' data-{key}="sha256={f["core-metadata"]["sha256"]}"'
                         for key in ("core-metadata", "dist-info-metadata")
                         if "core-metadata" in f)
        # PEP 503 and PEP 592: Requires-Python, yanked
        hashes += "".join(f' data-{key}="{html.escape(str(f[key]))}"'
                          for key in ("requires-python", "yanked") if key in f)
        href = f'{f["url"]}#sha256={f["hashes"]["sha256"]}'
        links.append(f'<a href="{href}"{hashes}>{f["filename"]}</a><br>\n')
    return "".join(links)


class Server(http.server.ThreadingHTTPServer):
    # uv opens dozens of connections at once: the default backlog of 5 would drop some
    request_queue_size = 128


@contextlib.contextmanager
def serve(root, metadata=True):
    """Serve root as a PEP 503/691 index on a free loopback port, with PEP 658/714
    metadata; yield (URL, log)."""
    log = []

    class Index(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            where, _, name = self.path.strip("/").partition("/")
            accept = self.headers.get("Accept", "")
            kind = "json" if "vnd.pypi.simple.v1+json" in accept else "html"
            if where == "simple":  # a project page
                body = project_page(root, name, kind, metadata).encode()
            else:  # a file: a wheel, an sdist, or a wheel's .metadata
                path, kind = root / name, "file"
                served = path.is_file() and (metadata or path.suffix != ".metadata")
                body = path.read_bytes() if served else b""
            log.append(f"GET {self.path}" + ("" if kind == "file" else f" ({kind})")
                       + ("" if body else " -> 404"))
            self.send_response(200 if body else 404)
            ctype = ("application/octet-stream" if kind == "file"
                     else f"application/vnd.pypi.simple.v1+{kind}")
            self.send_header("Content-Type", ctype)
            self.end_headers()
            self.wfile.write(body)

        # silence the default stderr log: the snippets print their own
        def log_message(self, *args):
            pass

    server = Server(("127.0.0.1", 0), Index)
    thread = threading.Thread(target=server.serve_forever)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/simple/", log
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def bundled_pip():
    """The wheel `python -m venv` installs pip from: ensurepip's own, or the one in the
    folder a distributor named at build time (WHEEL_PKG_DIR; Debian's builds leave
    ensurepip/_bundled empty), where ensurepip looks first."""
    folders = [Path(ensurepip.__file__).parent / "_bundled"]
    if pkg_dir := sysconfig.get_config_var("WHEEL_PKG_DIR"):
        folders.insert(0, Path(pkg_dir))
    return next(wheel for folder in folders
                for wheel in sorted(folder.glob("pip-*.whl")))


PIP = bundled_pip()
# nothing else: no pip.conf is read and no other PIP_* variable is set
ENV = {"PATH": os.environ["PATH"], "TMPDIR": tempfile.gettempdir(),
       "PIP_CONFIG_FILE": os.devnull, "PIP_NO_INPUT": "1", "PIP_PROGRESS_BAR": "off"}


@functools.cache
def unpacked_pip():
    """The bundled wheel, unzipped once into a temporary folder removed at exit. Run
    from inside the zip file, pip compiles every module it imports from source at each
    call, since zipimport writes no .pyc files; unpacked, every call after the first
    reuses the bytecode the first one cached."""
    folder = tempfile.mkdtemp(prefix="pip-wheel-")
    atexit.register(shutil.rmtree, folder, True)
    with zipfile.ZipFile(PIP) as wheel_file:
        wheel_file.extractall(folder)
    return Path(folder, "pip")


def pip(env, *args, own=False, resolver_debug=False):
    """pip working on the venv `env`, with no config file, no cache and no version
    check. By default it is the pip wheel bundled with this Python, unpacked and run by
    the venv's python; with own=True, the pip installed beside the interpreter running
    this script (pinned in a snippet's PEP 723 block), sent to the venv by --python.
    With resolver_debug=True, pip's resolver logs every step of resolvelib
    (PIP_RESOLVER_DEBUG, read by its resolver.py)."""
    if own:
        start = [sys.executable, "-m", "pip", "--python", env / "bin" / "python"]
    else:
        start = [env / "bin" / "python", unpacked_pip()]
    command = [*start, *args, "--disable-pip-version-check", "--no-cache-dir"]
    environment = {**ENV, "PIP_RESOLVER_DEBUG": "1"} if resolver_debug else ENV
    return subprocess.run(command, env=environment, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)


def records(env):
    """Every installed file with a hash in RECORD, for every distribution in the venv:
    {path: hash}."""
    site = next(env.glob("lib/python*/site-packages"))
    return {row[0]: row[1] for r in site.glob("*.dist-info/RECORD")
            for row in csv.reader(r.read_text().splitlines()) if row[1]}


# python local_index.py: serve blog_tree() until Ctrl-C, then print the request log
if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        blog_tree(Path(tmp))
        with serve(Path(tmp)) as (url, log):
            print(f"serving blog, markup, storage and textutil at {url}\n"
                  f"try: python -m pip install --index-url {url} blog"
                  "   (Ctrl-C stops the server)", flush=True)
            with contextlib.suppress(KeyboardInterrupt):
                threading.Event().wait()
    print("\nrequests:", *log, sep="\n  ")
