# Asks how a function runs: bytecode (dis), a JIT, JVM classes, or MicroPython bytecode.
# For every implementation, Python 2.7 (Jython) and MicroPython too, so no f-strings:
# ruff: noqa: UP031
import sys


def add(a, b):
    return a + b


try:
    import dis
except ImportError as error:
    print("dis: not available (%s)" % error)
else:
    try:
        names = [i.opname for i in dis.get_instructions(add)]
        print("dis: %d instructions: %s" % (len(names), " ".join(names)))
    except AttributeError:  # Python 2.7 has no get_instructions: try the old dis.dis
        try:
            dis.dis(add)
        except AttributeError as error:
            print("dis: cannot read this function's code object (%s)" % error)

for module in ("pypyjit", "__pypy__"):
    try:
        __import__(module)
        print("%s: importable" % module)
    except ImportError:
        print("%s: not importable" % module)

try:  # Jython: Java classes import like modules, and a Python function is a JVM method
    from java.lang import System, Thread

    def where():
        return next(str(f) for f in Thread.currentThread().getStackTrace()
                    if "where" in str(f))

    print("JVM: %s %s" % (System.getProperty("java.vm.name"),
                          System.getProperty("java.version")))
    print("the Python function where() runs as the JVM method: %s" % where())
except ImportError:
    print("JVM: none (java.lang is not importable)")

print("type(add.__code__): %s" % type(add.__code__).__name__)
try:
    import threading
    thread = threading.Thread(target=add, args=(1, 2))
    thread.start()
    thread.join()
    print("threads: a second thread started and finished")
except Exception as error:
    print("threads: cannot start one (%s: %s)" % (type(error).__name__, error))
mpy = getattr(getattr(sys, "implementation", None), "_mpy", None)  # MicroPython only
if mpy is not None:
    print("sys.implementation._mpy: %d (.mpy format %d.%d, native code arch %s)" % (
        mpy, mpy & 0xFF, mpy >> 8 & 3, mpy >> 10 or "none"))
print("sys.platform: %s" % sys.platform)
