# Hashed locks and pylock.toml omit an sdist's backend: a new one changes the install.
# /// script
# dependencies = ["pip==26.3"]
# [tool.uv]
# exclude-newer = "2026-11-20T00:00:00Z"
# ///
import gzip
import io
import json
import os
import subprocess
import tarfile
import tempfile
import threading
import tomllib
import venv
from pathlib import Path

from local_index import pip, serve, sha256, wheel

BACKEND = '''import base64, hashlib, zipfile
VERSION = {version!r}
# PEP 517, the one required hook
def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    name = "report-1.0-py3-none-any.whl"
    files = {{
        "report/__init__.py": f"BUILT_BY = 'tinybuild {{VERSION}}'\\n",
        "report-1.0.dist-info/METADATA": "Metadata-Version: 2.1\\nName: report\\n"
                                         "Version: 1.0\\n",
        "report-1.0.dist-info/WHEEL": "Wheel-Version: 1.0\\nGenerator: tinybuild\\n"
                                      "Root-Is-Purelib: true\\nTag: py3-none-any\\n"}}

    def digest(t):
        raw = hashlib.sha256(t.encode()).digest()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    record = "".join(f"{{p}},sha256={{digest(t)}},{{len(t)}}\\n"
                     for p, t in files.items())
    files["report-1.0.dist-info/RECORD"] = record + "report-1.0.dist-info/RECORD,,\\n"
    with zipfile.ZipFile(f"{{wheel_directory}}/{{name}}", "w") as z:
        for p, t in files.items():
            z.writestr(p, t)
    return name
'''


# report-1.0.tar.gz: pyproject.toml asks for any tinybuild as its build backend
# (PEP 517/518)
def sdist(root):
    files = {"pyproject.toml": '[build-system]\nrequires = ["tinybuild"]\n'
                               'build-backend = "tinybuild"\n',
             "PKG-INFO": "Metadata-Version: 2.1\nName: report\nVersion: 1.0\n"}
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for name, text in files.items():
            info = tarfile.TarInfo(f"report-1.0/{name}")
            # and mtime 0, as for every member: the same bytes every run
            info.size = len(text)
            tar.addfile(info, io.BytesIO(text.encode()))
    (root / "report-1.0.tar.gz").write_bytes(gzip.compress(buffer.getvalue(), mtime=0))


with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp) / "index"
    root.mkdir()
    sdist(root)
    wheel(root, "tinybuild", "1.0",
          files={"tinybuild/__init__.py": BACKEND.format(version="1.0")})
    lock = Path(tmp) / "requirements.lock"
    digest = sha256((root / "report-1.0.tar.gz").read_bytes())
    locked_line = f"report==1.0 --hash=sha256:{digest}"
    lock.write_text(locked_line + "\n")
    envs = {name: Path(tmp) / name for name in ("before", "after", "binary")}
    for env in envs.values():
        venv.create(env, symlinks=True)
    built, common = {}, ["--require-hashes", "--no-deps", "-r", lock]
    with serve(root) as (url, log):
        locked = pip(envs["before"], "lock", "--index-url", url, "report",
                     "-o", Path(tmp) / "pylock.toml", own=True)
        for name in ("before", "after"):
            if name == "after":
                # the backend's maintainers publish a new release;
                # nothing in either lock changes
                wheel(root, "tinybuild", "1.1",
                      files={"tinybuild/__init__.py": BACKEND.format(version="1.1")})
            done = pip(envs[name], "install", *common, "--index-url", url, own=True)
            assert done.returncode == 0, done.stdout
            ask = "import report; print(report.BUILT_BY)"
            built[name] = subprocess.run([envs[name] / "bin" / "python", "-c", ask],
                                         capture_output=True, text=True,
                                         check=True).stdout.strip()
        binary = pip(envs["binary"], "install", *common, "--only-binary", ":all:",
                     "--index-url", url, own=True)
    assert threading.active_count() == 1 and locked.returncode == 0, locked.stdout
    pylock = (Path(tmp) / "pylock.toml").read_text()

print("requirements.lock:", locked_line[:60] + "…", sep="\n  ")
shown = pylock.replace(url.removesuffix("/simple/"), "$INDEX").strip().splitlines()
print("pylock.toml from `pip lock report`:", *shown, sep="\n  ")
print("\n$ pip install --require-hashes --no-deps -r requirements.lock   "
      "# into two fresh venvs")
print(f"  with tinybuild 1.0 on the index: report.BUILT_BY = {built['before']!r}")
print(f"  after tinybuild 1.1 appeared:    report.BUILT_BY = {built['after']!r}")
print("\n$ pip install --require-hashes --no-deps -r requirements.lock "
      "--only-binary :all:", f"  # exit {binary.returncode}")
print(*(f"  {line}" for line in binary.stdout.splitlines()
        if line.startswith("ERROR")), sep="\n")

packages = tomllib.loads(pylock)["packages"]
assert [p["name"] for p in packages] == ["report"] and "sdist" in packages[0], \
    "claim: pylock.toml locks the sdist"
assert "tinybuild" not in pylock, "claim: pylock.toml names no build requirement"
assert built == {"before": "tinybuild 1.0", "after": "tinybuild 1.1"}, \
    "claim: the same hashed lock installed code built by two different backends"
assert (binary.returncode == 1
        and "No matching distribution found for report==1.0" in binary.stdout), \
    "claim: --only-binary :all: refuses to build the sdist"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"built": built, "sdist_keys": sorted(packages[0]["sdist"]),
                   "binary_exit": binary.returncode}, f)
