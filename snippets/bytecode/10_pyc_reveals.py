# Recovers names, constants, docstrings and line numbers from a .pyc without its source.
import dis
import marshal
import py_compile
import tempfile
import types
from pathlib import Path

SOURCE = '''\
API_KEY = "sk-live-4242"  # comment: rotate every 90 days


def check_password(user_input):
    """Compare the input with the stored secret."""
    secret = "hunter2"
    return user_input == secret
'''

with tempfile.TemporaryDirectory() as tmp:
    source = Path(tmp, "secret.py")
    source.write_text(SOURCE)
    pycs = {}
    for level in (0, 2):
        cfile = str(Path(tmp, f"secret{level}.pyc"))
        pyc = py_compile.compile(str(source), cfile=cfile, optimize=level)
        pycs[level] = Path(pyc).read_bytes()
    source.unlink()  # only the .pyc files are left

module = marshal.loads(pycs[0][16:])
func = next(c for c in module.co_consts if isinstance(c, types.CodeType))
constants = [c for c in module.co_consts if not isinstance(c, types.CodeType)]
print(f"module constants: {constants}")
print(f"module names:     {module.co_names}")
print(f"compiled from:    {module.co_filename.replace(tmp, '$TMP')}")
print(f"function {func.co_name!r}, defined on line {func.co_firstlineno}")
print(f"  arguments and locals: {func.co_varnames}")
print(f"  constants: {func.co_consts}")
lines = sorted({line for _, _, line in func.co_lines() if line})
print("  line of each instruction:", lines)
print("\ndis.dis of the function, straight from the .pyc:")
dis.dis(func)

assert b"sk-live-4242" in pycs[0] and b"hunter2" in pycs[0], \
    "claim: string constants are stored as they are"
assert {"user_input", "secret"} <= set(func.co_varnames), \
    "claim: local variable names survive"
assert b"rotate every 90 days" not in pycs[0], "claim: comments are not in the .pyc"
assert b"Compare the input" in pycs[0] and b"Compare the input" not in pycs[2], \
    "claim: -OO drops docstrings"
assert b"hunter2" in pycs[2] and b"user_input" in pycs[2], \
    "claim: -OO keeps names and constants"
print("\nfound in the raw bytes of the .pyc:   optimize=0   optimize=2 (-OO)")
for text in ("hunter2", "user_input", "Compare the input", "rotate every 90 days"):
    print(f"  {text!r:32} {text.encode() in pycs[0]!s:12} {text.encode() in pycs[2]}")
