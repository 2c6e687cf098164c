"""Runs one snippet in a fresh process, in a new temporary folder, with a timeout and an output cap."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from evidence import machine_load, sandbox
from evidence.errors import EvidenceError
from evidence.interpreters import Interpreter, clean_environment
from evidence.settings import Project, Settings

DATA_FILE = "evidence.json"


@dataclass
class Result:
    """What one run of a snippet produced."""

    snippet: str
    interpreter: dict
    command: str
    output: str
    exit_code: int
    wall_seconds: float
    peak_rss_kib: int
    started: str
    data: dict | list | None = None
    cached: bool = False
    options: dict = field(default_factory=dict)
    interpreter_key: str = ""
    others_cpu: float | None = None  # share of the CPUs' time not spent by the run or the build (machine_load)
    # What ran, as [file name, text] pairs: the snippet, then the modules beside it that it imports. Pages show it
    # from here, so rendering never reads the snippets folder again.
    source: list = field(default_factory=list)


class _Capture:
    """Reads a pipe to the end, keeping at most `cap` bytes and noticing when more arrive."""

    def __init__(self, stream, cap: int, on_overflow) -> None:
        self.chunks: list[bytes] = []
        self.size = 0
        self.overflowed = False
        self._stream, self._cap, self._on_overflow = stream, cap, on_overflow
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        while chunk := self._stream.read1(65536):
            if self.size + len(chunk) > self._cap:
                self.chunks.append(chunk[: self._cap - self.size])
                self.size = self._cap
                self.overflowed = True
                self._on_overflow()
                break
            self.chunks.append(chunk)
            self.size += len(chunk)
        # Drain without keeping, so a killed writer never blocks on a full pipe.
        while self._stream.read1(65536):
            pass

    def text(self) -> str:
        return b"".join(self.chunks).decode("utf-8", errors="replace")


def _kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGKILL)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def _tagged(token: str) -> list[int]:
    """Processes whose environment carries this run's token: its descendants, even daemonised ones."""
    needle = f"EVIDENCE_RUN={token}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if needle in (entry / "environ").read_bytes().split(b"\0"):
                    found.append(int(entry.name))
    return found


def _still_running(pgid: int, token: str, grace: float) -> bool:
    """Whether a run left processes behind, after giving helpers that exit just after their parent (the
    multiprocessing resource tracker, the forkserver) `grace` seconds to go."""
    deadline = time.monotonic() + grace
    while _group_alive(pgid) or _tagged(token):
        if time.monotonic() > deadline:
            return True
        time.sleep(0.05)
    return False


def _kill_tagged(token: str) -> None:
    """Kill every process left from a run, wherever it moved to (a new session, another process group)."""
    for pid in _tagged(token):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def confined(settings: Settings) -> bool:
    """Whether snippets run in the sandbox: asked for (EVIDENCE_CONFINE is not "off") and working on this machine."""
    return settings.confine and sandbox.unavailable() is None


def _resident_bytes(token: str) -> int:
    """Memory in use (resident set) by every process of a run, children included."""
    total = 0
    for pid in _tagged(token):
        with contextlib.suppress(OSError, ValueError, IndexError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
    return total


class _MemoryWatch:
    """Samples a run's resident memory and kills the run when it passes the limit (works for every runtime,
    unlike an address-space rlimit, which the JVM and Node cannot start under)."""

    def __init__(self, token: str, pgid: int, limit: int) -> None:
        self.exceeded = False
        self._stop = threading.Event()
        self._args = (token, pgid, limit)
        self.thread = threading.Thread(target=self._watch, daemon=True)
        if limit:
            self.thread.start()

    def _watch(self) -> None:
        token, pgid, limit = self._args
        while not self._stop.wait(0.1):
            if _resident_bytes(token) > limit:
                self.exceeded = True
                _kill_group(pgid)
                _kill_tagged(token)
                return

    def stop(self) -> None:
        self._stop.set()


class TreeGuard:
    """Notices a change to the project's working tree (which git tracks or would track): the only check left when
    snippets run unconfined (EVIDENCE_CONFINE=off, or no working sandbox, which the build reports as an error)."""

    baseline: str | None = None

    @staticmethod
    def state() -> str | None:
        done = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=Project.root,
                              capture_output=True, text=True)
        return done.stdout if done.returncode == 0 else None

    @classmethod
    def start(cls) -> None:
        cls.baseline = cls.state()

    @classmethod
    def changes(cls) -> list[str]:
        if cls.baseline is None:
            return []
        now = cls.state() or ""
        return sorted(set(now.splitlines()) - set(cls.baseline.splitlines()))


def read_source(snippet: str) -> list[list[str]]:
    """A snippet's file name and text, then those of each module beside it that it imports."""
    path = snippet_path(snippet)
    return [[p.name, p.read_text()] for p in [path, *companions(path)]]


def snippet_path(snippet: str) -> Path:
    folder = Project.snippets()
    path = (folder / snippet).resolve()
    if folder not in path.parents or not path.is_file():
        raise EvidenceError("no such snippet file", snippet)
    return path


# `import NAME` or `from NAME import ...` starting a line: NAME is a companion if NAME.py sits beside the snippet.
_IMPORT = re.compile(r"(?m)^[ \t]*(?:from[ \t]+(\w+)[ \t]+import\b|import[ \t]+([\w \t,]+))")


def companions(script: Path) -> list[Path]:
    """The modules beside a snippet that it imports, and those they import: Python finds them because it puts the
    script's folder on sys.path, so each run gets a copy of them beside the snippet's copy."""
    found: list[Path] = []
    pending = [script]
    while pending:
        for match in _IMPORT.finditer(pending.pop().read_text(errors="replace")):
            names = [match[1]] if match[1] else [n.split()[0] for n in match[2].split(",") if n.strip()]
            for name in names:
                path = script.parent / f"{name}.py"
                if path.is_file() and path != script and path not in found:
                    found.append(path)
                    pending.append(path)
    return found


def _workdir(snippet: str, interpreter: Interpreter, args: tuple[str, ...]) -> Path:
    """A new folder whose name is the same on every build, so paths a snippet prints do not change between builds."""
    parent = Path(tempfile.gettempdir()) / "hidden-layers-evidence"
    parent.mkdir(exist_ok=True)
    digest = hashlib.sha256(f"{interpreter.key}\0{args}".encode()).hexdigest()[:8]
    name = f"{snippet.removesuffix('.py').replace('/', '-')}-{digest}"
    try:
        (parent / name).mkdir()
        return parent / name
    except FileExistsError:  # the same run in a concurrent build: fall back to a unique name
        return Path(tempfile.mkdtemp(prefix=name + "-", dir=parent))


def _read_data(path: Path, snippet: str) -> dict | list | None:
    """The data a snippet wrote to EVIDENCE_DATA, or None if it wrote none; a file that is not JSON is named so."""
    if not path.exists():
        return None
    try:
        return json.loads(path.read_bytes())
    except UnicodeDecodeError as error:
        raise EvidenceError(f"wrote data (EVIDENCE_DATA) that is not UTF-8 text: {error}", snippet) from None
    except json.JSONDecodeError as error:
        raise EvidenceError(f"wrote data (EVIDENCE_DATA) that is not JSON: {error.msg} at line {error.lineno}, "
                            f"column {error.colno}", snippet, details=path.read_text(errors="replace")[:500]) from None


def run(snippet: str, interpreter: Interpreter, settings: Settings, timeout: float | None = None,
        args: tuple[str, ...] = (), allow_failure: bool = False) -> Result:
    """Run snippets/<snippet> with `interpreter` and return what it printed; raise EvidenceError if it failed.

    With `allow_failure`, a non-zero exit is evidence (an implementation that cannot do something) and is returned.
    """
    source = snippet_path(snippet)
    timeout = settings.timeout if timeout is None else timeout
    workdir = _workdir(snippet, interpreter, args)
    token = uuid.uuid4().hex
    try:
        script = workdir / source.name
        shutil.copyfile(source, script)
        for companion in companions(source):
            shutil.copyfile(companion, workdir / companion.name)
        env = clean_environment({"HOME": str(workdir), "TMPDIR": str(workdir), "EVIDENCE_RUN": token,
                                 "EVIDENCE_DATA": str(workdir / DATA_FILE)})
        started = datetime.now(UTC).isoformat(timespec="seconds")
        t0, machine_before, build_before = time.perf_counter(), machine_load.sample(), machine_load.build_cpu_seconds()
        protected = confined(settings)
        launcher = sandbox.command(workdir) if protected else []
        proc = subprocess.Popen([*launcher, *interpreter.argv, script.name, *args],
                                cwd=workdir, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, start_new_session=True)
        capture = _Capture(proc.stdout, settings.output_cap, lambda: _kill_group(proc.pid))
        memory = _MemoryWatch(token, proc.pid, settings.memory_limit)
        status: list = []
        waiter = threading.Thread(target=lambda: status.append(os.wait4(proc.pid, 0)), daemon=True)
        waiter.start()
        waiter.join(timeout)
        timed_out = waiter.is_alive()
        if timed_out:
            _kill_group(proc.pid)
            waiter.join()
        wall, machine_after = time.perf_counter() - t0, machine_load.sample()
        build_spent = machine_load.build_cpu_seconds() - build_before
        memory.stop()
        leftovers = not timed_out and _still_running(proc.pid, token, grace=2.0)
        _kill_group(proc.pid)
        _kill_tagged(token)
        capture.thread.join(5)
        _, wait_status, usage = status[0]
        others = machine_load.others_share(machine_before, machine_after,
                                           usage.ru_utime + usage.ru_stime + build_spent)
        proc.returncode = os.waitstatus_to_exitcode(wait_status)
        proc.stdout.close()
        output = capture.text()
        tail = output[-4000:]
        changed = [] if protected else TreeGuard.changes()  # the sandbox already stopped any write
        if timed_out:
            raise EvidenceError(f"timed out after {timeout:g} s (its processes were killed)", snippet, details=tail)
        if capture.overflowed:
            raise EvidenceError(f"printed more than the output cap of {settings.output_cap} bytes (killed)",
                                snippet, details=output[:2000])
        if changed:
            raise EvidenceError("changed the repository's working tree while it ran (snippets may write only in "
                                f"their temporary folder): {changed}", snippet, details=tail)
        blocked = sandbox.blocked_write(tail) if protected and proc.returncode != 0 else None
        if blocked is not None:
            where = f" ({blocked})" if blocked else ""
            raise EvidenceError(f"tried to write outside its run folder{where}, which snippets see read-only "
                                "(blocked)", snippet, details=tail)
        if memory.exceeded:
            raise EvidenceError(f"used more than its memory limit of {settings.memory_limit // 2**20} MiB (killed)",
                                snippet, details=tail)
        if proc.returncode != 0 and "Network is unreachable" in tail and protected:
            raise EvidenceError("tried to reach beyond 127.0.0.1, which snippets cannot (blocked)", snippet,
                                details=tail)
        if proc.returncode != 0 and not allow_failure:
            raise EvidenceError(f"exited with code {proc.returncode}", snippet, details=tail)
        if leftovers:
            raise EvidenceError("left processes running after it exited (killed)", snippet, details=tail)
        data = _read_data(workdir / DATA_FILE, snippet)
        return Result(snippet=snippet, interpreter=interpreter.fingerprint,
                      command=f"{interpreter.reader_command} snippets/{snippet}",
                      output=output, exit_code=proc.returncode, wall_seconds=round(wall, 3),
                      peak_rss_kib=usage.ru_maxrss, started=started, data=data,
                      options={"timeout": timeout, "args": list(args), "allow_failure": allow_failure},
                      interpreter_key=interpreter.key, others_cpu=others, source=read_source(snippet))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
