# Asks the running interpreter who it is: implementation, its own version, the language version, the platform.
# Runs on every implementation, Python 2.7 (Jython) and MicroPython included, so no f-strings:
# ruff: noqa: UP031
import sys

try:
    import platform
except ImportError:  # a MicroPython build may leave it out
    platform = None


def ask(name):
    """platform.<name>() where this interpreter has it (MicroPython's platform module is small)."""
    try:
        return getattr(platform, name)()
    except Exception as error:
        return "(no %s: %s)" % (name, type(error).__name__)


impl = getattr(sys, "implementation", None)  # added in Python 3.3 (PEP 421), so Jython 2.7 has none
version = getattr(impl, "version", None)
print("sys.implementation.name: %s" % getattr(impl, "name", "(no sys.implementation)"))
print("sys.implementation.version: %s" % (".".join(str(n) for n in tuple(version)[:3]) if version else "-"))
print("sys.implementation._machine: %s" % getattr(impl, "_machine", "-"))  # MicroPython only
print("platform.python_implementation(): %s" % ask("python_implementation"))
print("sys.version_info: %s" % ".".join(str(n) for n in tuple(sys.version_info)[:3]))
print("sys.platform: %s" % sys.platform)
print("platform.machine(): %s" % ask("machine"))
print("platform.python_compiler(): %s" % ask("python_compiler"))
print("sys.version: %s" % " ".join(sys.version.split()))
