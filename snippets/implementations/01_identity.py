# Asks the interpreter who it is: implementation, version, language version, platform.
# For every implementation, Python 2.7 (Jython) and MicroPython too, so no f-strings:
# ruff: noqa: UP031
import sys

try:
    import platform
except ImportError:  # a MicroPython build may leave it out
    platform = None


def ask(name):
    """platform.<name>() where this interpreter has it
    (MicroPython's platform module is small)."""
    try:
        return getattr(platform, name)()
    except Exception as error:
        return "(no %s: %s)" % (name, type(error).__name__)


# sys.implementation was added in Python 3.3 (PEP 421), so Jython 2.7 has none
impl = getattr(sys, "implementation", None)
version = getattr(impl, "version", None)
impl_version = ".".join(str(n) for n in tuple(version)[:3]) if version else "-"
print("sys.implementation.name: %s" % getattr(impl, "name", "(no sys.implementation)"))
print("sys.implementation.version: %s" % impl_version)
# only MicroPython has a _machine
print("sys.implementation._machine: %s" % getattr(impl, "_machine", "-"))
print("platform.python_implementation(): %s" % ask("python_implementation"))
print("sys.version_info: %s" % ".".join(str(n) for n in tuple(sys.version_info)[:3]))
print("sys.platform: %s" % sys.platform)
print("platform.machine(): %s" % ask("machine"))
print("platform.python_compiler(): %s" % ask("python_compiler"))
print("sys.version: %s" % " ".join(sys.version.split()))
