"""Confines a snippet run with bubblewrap: the whole filesystem read-only except its run folder, and only loopback.

Why bubblewrap and not namespaces of our own: `bwrap` is the sandbox Flatpak and others build on, maintained and
reviewed for exactly this, and one command line says the whole policy. The hand-written ctypes version it replaces
made one folder read-only at a time, so everything it did not name (the evidence cache, the interpreters, the real
home) stayed writable. Here the policy is a short allow-list instead:

- `--ro-bind / /`: every file the machine has, read-only (EROFS on any write), submounts included;
- `--bind RUN RUN`: the run folder, which is the snippet's HOME, TMPDIR and working directory, writable;
- `--dev /dev`: a private /dev (with its own /dev/shm, which multiprocessing's semaphores need);
- `--unshare-net`: a network namespace of its own, where only 127.0.0.1 and ::1 answer;
- `--cap-drop ALL`: no capability, so a snippet run as root cannot remount anything writable;
- `--die-with-parent`: the snippet is killed if the build dies.

What it does not confine: processes. A snippet shares the build's process-id namespace (so the engine can find and
kill what it leaves behind, and report it), and may signal other processes of the same user.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

INSTALL = "apt-get install bubblewrap (Debian, Ubuntu), dnf install bubblewrap (Fedora)"
# What a snippet would do to escape; each must fail inside for the sandbox to count as working on this machine.
_PROBE = """\
import errno, os, socket, sys
open(os.path.join(sys.argv[1], "inside"), "w").close()
try:
    open(os.path.join(sys.argv[2], "outside"), "w").close()
    sys.exit("a file outside the run folder could be written")
except OSError as error:
    if error.errno != errno.EROFS:
        raise
try:
    socket.create_connection(("192.0.2.1", 9), timeout=2)  # TEST-NET-1 (RFC 5737): never a real host
    sys.exit("a host beyond loopback could be reached")
except OSError as error:
    if error.errno not in (errno.ENETUNREACH, errno.EHOSTUNREACH):
        raise
"""


def command(run_folder: Path) -> list[str]:
    """The argv prefix that runs a program confined to `run_folder` (see the module's docstring)."""
    run = str(run_folder)
    return [shutil.which("bwrap") or "bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--bind", run, run,
            "--unshare-net", "--cap-drop", "ALL", "--die-with-parent", "--chdir", run, "--"]


@functools.cache
def unavailable() -> str | None:
    """Why snippets cannot be confined on this machine, or None when they can (checked once per process)."""
    if shutil.which("bwrap") is None:
        return f"bubblewrap (bwrap) is not installed; install it with: {INSTALL}"
    with tempfile.TemporaryDirectory(prefix="hidden-layers-sandbox-") as parent:
        run = Path(parent, "run")
        run.mkdir()
        try:
            done = subprocess.run([*command(run), sys.executable, "-I", "-S", "-c", _PROBE, str(run), parent],
                                  capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as error:
            return f"bwrap could not be started: {error}"
        if done.returncode != 0:
            reason = (done.stderr.strip().splitlines() or [f"exit code {done.returncode}"])[-1]
            hint = " (user namespaces may be disabled here)" if "namespace" in done.stderr or "uid map" in \
                done.stderr else ""
            return f"bwrap does not confine snippets on this machine{hint}: {reason}"
        if not (run / "inside").exists() or Path(parent, "outside").exists():
            return "bwrap ran, but the probe's writes did not land where the sandbox says they should"
    return None


def blocked_write(output: str) -> str | None:
    """Where a confined snippet failed to write, from the last "Read-only file system" line of its output: the path
    when the error names one (Python's OSError does), "" when it does not; None when no write was refused."""
    marker = "Read-only file system"
    for line in reversed(output.splitlines()):
        if marker in line:
            return line.split(marker, 1)[1].strip(":' \"")
    return None
