# Lists what importing a module leaves on disk: a .pyc, Jython's class file, or nothing.
# For every implementation, Python 2.7 (Jython) and MicroPython too, so no f-strings:
# ruff: noqa: UP031
import binascii
import os
import sys

try:
    import tempfile
    folder = tempfile.mkdtemp()
except ImportError:  # MicroPython has no tempfile module
    folder = "import_demo"
    os.mkdir(folder)
with open(folder + "/hello.py", "w") as f:
    f.write("def add(a, b):\n    return a + b\n")
print("sys.dont_write_bytecode: %s"
      % getattr(sys, "dont_write_bytecode", "(not in this sys)"))
sys.path.insert(0, folder)
import hello  # noqa: E402

assert hello.add(2, 3) == 5
found = []
for sub in ("", "/__pycache__"):
    try:
        names = sorted(os.listdir(folder + sub))
    except OSError:
        continue
    found.extend((sub + "/" + name).lstrip("/") for name in names
                 if name not in ("hello.py", "__pycache__"))
for name in found:
    with open(folder + "/" + name, "rb") as f:
        first_bytes = binascii.hexlify(f.read(4)).decode()
        print("the import wrote %s, starting with the bytes %s" % (name, first_bytes))
if not found:
    print("the import wrote no file next to hello.py")
found.append("hello.py")
for name in found:
    os.remove(folder + "/" + name)
if "__pycache__" in os.listdir(folder):
    os.rmdir(folder + "/__pycache__")
os.rmdir(folder)
