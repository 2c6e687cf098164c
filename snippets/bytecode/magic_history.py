# Reads a CPython's .pyc magic number history: importlib to 3.13, a C header since 3.14.
import importlib
import os
import re
import sysconfig

# One line per number: "#     Python 3.13b1 3571 (...)" in importlib,
# "    Python 3.14a1 3600 (...)" in the header.
ENTRY = re.compile(r"^[#\s]*Python (\S+?):?\s+(\d+)\b[ \t]*(.*)$", re.MULTILINE)
PLACES = [("importlib/_bootstrap_external.py", "{importlib}/_bootstrap_external.py"),
          ("Include/internal/pycore_magic_number.h",
           "{include}/internal/pycore_magic_number.h")]


def history(importlib_dir, include_dir):
    """([(release, number, note), ...], where it came from as CPython's source names
    it, the file read), from the first place that has the list; ([], None, None) where
    neither does (a Python without its C headers)."""
    for label, pattern in PLACES:
        path = pattern.format(importlib=importlib_dir, include=include_dir)
        if os.path.isfile(path):
            with open(path, encoding="utf-8", errors="replace") as f:
                found = [(m[1], int(m[2]), m[3].strip())
                         for m in ENTRY.finditer(f.read())]
            if found:
                return found, label, path
    return [], None, None


def here():
    """The history of the interpreter running this."""
    return history(os.path.dirname(importlib.__file__), sysconfig.get_path("include"))


def entry(found, number):
    """The line for one magic number, such as "3.13b1 3571 (Fix miscompilation ...)",
    or None."""
    return next((f"{release} {n} {note}".strip()
                 for release, n, note in found if n == number), None)


def newest_of(found, minor):
    """The highest number the history assigns to a release of 3.<minor>
    (e.g. 3.13b1), as (release, number)."""
    numbers = [(n, release) for release, n, _ in found
               if re.fullmatch(rf"3\.{minor}(\D.*)?", release)]
    return (max(numbers)[1], max(numbers)[0]) if numbers else None
