"""The README's first command, on a fresh clone without uv, installs what it needs, builds and serves the site."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from helpers import ROOT, tree_state

pytestmark = pytest.mark.slow


def readme_commands() -> list[str]:
    block = re.search(r"```bash\n(.*?)```", (ROOT / "README.md").read_text(), re.S).group(1)
    return [line.split("#")[0].strip() for line in block.splitlines() if line.split("#")[0].strip()]


def test_readme_gives_serve_then_test():
    assert readme_commands()[:2] == ["make serve", "make test"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, proc: subprocess.Popen, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"the serve command exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode()
        except OSError:
            time.sleep(1)
    raise AssertionError(f"{url} did not answer within {seconds} s")


def test_first_command_on_a_fresh_clone_serves_the_site(tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    cache = tmp_path / "cache"
    port = _free_port()
    # No uv yet: point the Makefile at an empty cache so that it bootstraps one, as on a new machine.
    overrides = [f"HOST=127.0.0.1:{port}", f"CACHE={cache}", "UV=$(CACHE)/uv-$(UV_VERSION)/bin/uv"]
    command = [*readme_commands()[0].split(), *overrides]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "UV_"))}
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(command, cwd=clone, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        page = _wait_for(f"http://127.0.0.1:{port}/bytecode/", proc, 600)
        assert "Run it yourself" in page and "evidence comes from" in page
        assert any(Path(cache).glob("uv-*/bin/uv")), "uv was bootstrapped into the cache"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(30)
        log.close()
    changed = [line for line in tree_state(clone).splitlines() if not line.startswith("!! ")]
    assert not changed, f"installing, building and serving changed the clone: {changed}"
