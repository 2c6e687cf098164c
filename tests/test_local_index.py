"""The package index the pip and venv snippets share: what it serves, what it logs, and that it stops and lets go."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

from evidence.registry import find_cpython
from helpers import ROOT

MODULE = ROOT / "snippets" / "pip" / "local_index.py"
JSON = "application/vnd.pypi.simple.v1+json"


def _load():
    spec = importlib.util.spec_from_file_location("local_index", MODULE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


index = _load()


def _get(url: str, accept: str = "") -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], b""


def _refused(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


def _threads_back_to(count: int, within: float = 5.0) -> bool:
    """The probe's own connection is answered by a handler thread that may end a moment after the server stops."""
    deadline = time.monotonic() + within
    while threading.active_count() != count and time.monotonic() < deadline:
        time.sleep(0.05)
    return threading.active_count() == count


@pytest.fixture
def root(tmp_path):
    index.wheel(tmp_path, "storage", "1.0")
    index.wheel(tmp_path, "storage", "2.0", ["textutil>=1"])
    return tmp_path


def test_importing_it_starts_nothing_and_writes_nothing(tmp_path):
    code = f"import sys, threading; sys.path.insert(0, {str(MODULE.parent)!r}); import local_index; " \
           "print(threading.active_count())"
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "TMPDIR": str(tmp_path)}, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1", "no server thread on import"
    assert not list(tmp_path.iterdir()), "no file written on import"


def test_it_serves_pep_691_json_with_hashes_and_pep_658_metadata_and_logs_each_request(root):
    with index.serve(root) as (url, log):
        status, ctype, body = _get(url + "storage/", JSON)
        page = json.loads(body)
        newest = page["files"][-1]
        base = url.removesuffix("/simple/")
        meta_status, _, meta = _get(base + newest["url"] + ".metadata")
        wheel_status, wheel_type, wheel = _get(base + newest["url"])
    assert (status, ctype) == (200, JSON)
    assert page["meta"] == {"api-version": "1.0"} and page["name"] == "storage"
    assert [f["filename"] for f in page["files"]] == ["storage-1.0-py3-none-any.whl", "storage-2.0-py3-none-any.whl"]
    assert newest["hashes"]["sha256"] == hashlib.sha256((root / newest["filename"]).read_bytes()).hexdigest()
    assert (wheel_status, wheel_type) == (200, "application/octet-stream")
    assert wheel == (root / newest["filename"]).read_bytes()
    assert meta_status == 200 and b"Requires-Dist: textutil>=1" in meta
    assert newest["core-metadata"]["sha256"] == hashlib.sha256(meta).hexdigest(), "PEP 714's key, with the file's hash"
    assert log == ["GET /simple/storage/ (json)", "GET /files/storage-2.0-py3-none-any.whl.metadata",
                   "GET /files/storage-2.0-py3-none-any.whl"]


def test_it_serves_pep_503_html_announcing_metadata_under_both_attribute_names(root):
    with index.serve(root) as (url, log):
        status, ctype, body = _get(url + "storage/")
    html = body.decode()
    digest = hashlib.sha256((root / "storage-1.0-py3-none-any.whl.metadata").read_bytes()).hexdigest()
    assert (status, ctype) == (200, "application/vnd.pypi.simple.v1+html")
    assert html.count("<a href=") == 2
    assert f'data-core-metadata="sha256={digest}"' in html and f'data-dist-info-metadata="sha256={digest}"' in html
    assert log == ["GET /simple/storage/ (html)"]


def test_without_metadata_files_it_announces_none_and_answers_404(root):
    with index.serve(root, metadata=False) as (url, log):
        page = json.loads(_get(url + "storage/", JSON)[2])
        status = _get(url.removesuffix("/simple/") + page["files"][0]["url"] + ".metadata")[0]
        missing = _get(url + "nosuchproject/", JSON)[0]
    assert not any("core-metadata" in f for f in page["files"])
    assert (status, missing) == (404, 404)
    assert log[1:] == ["GET /files/storage-1.0-py3-none-any.whl.metadata -> 404",
                       "GET /simple/nosuchproject/ (json) -> 404"]


def test_it_stops_and_frees_its_port_also_when_the_code_using_it_fails(root):
    before = threading.active_count()
    with index.serve(root) as (url, _):
        port = int(url.split(":")[2].split("/")[0])
        assert not _refused(port)
    assert _refused(port) and _threads_back_to(before)
    with pytest.raises(RuntimeError), index.serve(root) as (url, _):
        port = int(url.split(":")[2].split("/")[0])
        raise RuntimeError("the snippet failed")
    assert _refused(port) and _threads_back_to(before)
    with socket.socket() as s:
        s.bind(("127.0.0.1", port))  # nothing holds it any more


@pytest.mark.parametrize("version", ["3.11", "3.12", "3.13"])
def test_run_as_a_script_it_serves_blog_until_interrupted(version, tmp_path):
    python = find_cpython(version)
    if python is None:
        pytest.skip(f"CPython {version} was not found (pyenv or PATH); CI must provide it")
    # Ctrl-C's default action restored in the child: a test run started in the background (`cmd &` in a script)
    # inherits SIGINT ignored, and Python then never raises KeyboardInterrupt, so the server would not stop.
    proc = subprocess.Popen([str(python), str(MODULE)], cwd=tmp_path, stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "TMPDIR": str(tmp_path)},
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        url = proc.stdout.readline().split(" at ")[1].strip()
        proc.stdout.readline()
        page = json.loads(_get(url + "blog/", JSON)[2])
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert [f["filename"] for f in page["files"]] == ["blog-1.0-py3-none-any.whl"]
    assert proc.returncode == 0 and "GET /simple/blog/ (json)" in out
    assert _refused(int(url.split(":")[2].split("/")[0]))
    assert not list(tmp_path.iterdir()), "its temporary folder is gone"


def test_pip_runs_unpacked_from_the_bundled_wheel_caches_its_bytecode_and_leaves_nothing_behind(tmp_path):
    code = (f"import sys; sys.path.insert(0, {str(MODULE.parent)!r}); import local_index, venv; "
            f"from pathlib import Path; venv.create(Path({str(tmp_path)!r}) / 'env'); "
            f"first = local_index.pip(Path({str(tmp_path)!r}) / 'env', '--version'); "
            "folder = local_index.unpacked_pip(); print(folder); print(first.stdout.strip()); "
            "print(len(list(folder.rglob('*.pyc'))))")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "TMPDIR": str(tmp_path)}, timeout=120)
    assert done.returncode == 0, done.stderr
    folder, version, compiled = done.stdout.splitlines()
    wheel = index.PIP.name.split("-")[1]
    assert version.startswith(f"pip {wheel} from {folder}"), "the bundled wheel's pip, run from the unpacked folder"
    assert int(compiled) > 50, "the first call left pip's bytecode in the folder for the next call"
    assert not os.path.exists(folder), "the folder is removed when the snippet exits"
