# How hash-based .pycs react to an edit, and which .pycs are imported with no source.
import importlib.util
import os
import py_compile
import subprocess
import sys
import tempfile
from pathlib import Path


def import_hello(step, *options):
    """Import `hello` in a fresh interpreter with -v; show the value, or the error,
    and what importlib said."""
    program = "import hello; print(hello.MESSAGE)"
    run = subprocess.run([sys.executable, *options, "-v", "-c", program], cwd=root,
                         env={"PATH": os.environ.get("PATH", "")},
                         capture_output=True, text=True)
    said = [line for line in run.stderr.splitlines()
            if line.startswith(("# ", "ModuleNotFoundError"))
            and "hello" in line and "cleanup" not in line and "destroy" not in line]
    imported = run.returncode == 0
    result = f"\n  imported MESSAGE = {run.stdout.strip()!r}" if imported else ""
    print(f"\n{step}" + result)
    for line in said:
        prefix = "  python -v:" if line.startswith("#") else "  error:"
        print(prefix, line.replace(str(root), "$TMP"))
    return run.stdout.strip() if imported else said[-1]


def flags():
    return int.from_bytes(pyc.read_bytes()[4:8], "little")


with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp).resolve()
    source = root / "hello.py"
    pyc = Path(importlib.util.cache_from_source(str(source)))
    for mode in ("CHECKED_HASH", "UNCHECKED_HASH"):
        source.write_text('MESSAGE = "v1"\n')
        py_compile.compile(str(source),
                           invalidation_mode=py_compile.PycInvalidationMode[mode])
        before = pyc.read_bytes()
        source.write_text('MESSAGE = "v2"\n')
        value = import_hello(
            f"{mode} .pyc from py_compile (flags {flags():#04b}), then hello.py edited")
        if mode == "CHECKED_HASH":
            assert value == "v2" and pyc.read_bytes() != before and flags() == 0b11, \
                "claim: rehashed, rewritten"
            print("  the .pyc was rewritten, still checked-hash "
                  f"(flags {flags():#04b})")
        else:
            assert value == "v1" and pyc.read_bytes() == before, \
                "claim: unchecked-hash pycs are trusted"
            print("  the stale .pyc was used as it is")
            value = import_hello("the same, run with --check-hash-based-pycs always",
                                 "--check-hash-based-pycs", "always")
            assert value == "v2", \
                "claim: --check-hash-based-pycs always checks unchecked-hash pycs too"
            assert flags() == 0b01, \
                "claim: the rewritten pyc keeps its unchecked-hash flags"
            print("  the .pyc was rewritten, still unchecked-hash "
                  f"(flags {flags():#04b})")

    source.unlink()
    error = import_hello(f"source deleted, {pyc.relative_to(root)} left behind")
    assert "ModuleNotFoundError" in error, \
        "claim: a __pycache__ pyc without its source is not imported"
    pyc.rename(root / "hello.pyc")
    value = import_hello(
        "the same .pyc moved to hello.pyc, where the source was ('sourceless')")
    assert value == "v2", \
        "claim: a legacy-location .pyc is imported without any source"
