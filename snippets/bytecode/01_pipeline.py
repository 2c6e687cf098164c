# Follows one small function through CPython's pipeline: tokens, AST, code object, bytecode, execution.
import ast
import dis
import io
import json
import os
import textwrap
import tokenize

SOURCE = 'def greet(name):\n    message = "Hello, " + name\n    print(message)\n'

print("== 1. tokens: tokenize.generate_tokens ==")
tokens = list(tokenize.generate_tokens(io.StringIO(SOURCE).readline))
for row in sorted({t.start[0] for t in tokens}):
    line = "  ".join(f"{tokenize.tok_name[t.type]} {t.string!r}" for t in tokens if t.start[0] == row)
    print(textwrap.fill(f"line {row}: {line}", 76, subsequent_indent=" " * 8))

print("\n== 2. abstract syntax tree: ast.dump(ast.parse(...).body[0].body[0]) ==")
tree = ast.parse(SOURCE)
print(ast.dump(tree.body[0].body[0], indent=2))

print("\n== 3. code object: compile() ==")
module_code = compile(SOURCE, "greet.py", "exec")
code = next(c for c in module_code.co_consts if hasattr(c, "co_code"))
flags = [name for bit, name in dis.COMPILER_FLAG_NAMES.items() if code.co_flags & bit]
for field in ("co_name", "co_argcount", "co_varnames", "co_names", "co_consts", "co_stacksize"):
    print(f"{field:12} = {getattr(code, field)!r}")
print(f"co_flags     = {code.co_flags} = {' | '.join(flags)}")
print(textwrap.fill(f"co_code      = {len(code.co_code)} bytes: {code.co_code.hex(' ')}", 76,
                    subsequent_indent=" " * 15))
pairs = [(dis.opname[op], arg) for op, arg in zip(code.co_code[::2], code.co_code[1::2], strict=True)]
print(textwrap.fill("co_code read 2 bytes at a time (opcode, argument): "
                    + " ".join(f"{n}({a})" for n, a in pairs), 76, subsequent_indent=" " * 15))
assert code.co_varnames == ("name", "message"), "claim: co_varnames lists the argument, then the local"
assert "print" in code.co_names, "claim: co_names holds the global name print"
assert "Hello, " in code.co_consts, "claim: co_consts holds the string literal"
assert {"OPTIMIZED", "NEWLOCALS"} <= set(flags), "claim: a function's code has the OPTIMIZED and NEWLOCALS flags"

print("\n== 4. bytecode: dis.dis ==")
dis.dis(code)
shown = list(dis.get_instructions(code))
caches = sum(name == "CACHE" for name, _ in pairs)
assert caches > 0 and len(pairs) == len(shown) + caches, "claim: dis lists every unit except inline CACHEs"

print("\n== 5. execution: the virtual machine runs the code object ==")
namespace = {}
exec(module_code, namespace)
namespace["greet"]("World")

data = {
    "tokens": len(tokens),
    "co_code_bytes": len(code.co_code),
    "units": len(pairs),
    "instructions": len(shown),
    "caches": caches,
    "flags": " | ".join(flags),
}
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump(data, f)
