# Follows a function through CPython: tokens, AST, symbols, code object, bytecode, run.
import ast
import dis
import io
import json
import os
import symtable
import textwrap
import tokenize

SOURCE = 'def greet(name):\n    message = "Hello, " + name\n    print(message)\n'

# tokenize is the parser's own C tokenizer, wrapped, since 3.12; before, a separate
# tokenizer written in Python.
tokenize_calls = tokenize.generate_tokens.__code__.co_names
c_tokenizer = "_generate_tokens_from_c_tokenizer" in tokenize_calls
kind = "the C tokenizer" if c_tokenizer else "pure Python"
print(f"== 1. tokens: tokenize.generate_tokens ({kind}) ==")
tokens = list(tokenize.generate_tokens(io.StringIO(SOURCE).readline))
for row in sorted({t.start[0] for t in tokens}):
    line = "  ".join(f"{tokenize.tok_name[t.type]} {t.string!r}"
                     for t in tokens if t.start[0] == row)
    print(textwrap.fill(f"line {row}: {line}", 76, subsequent_indent=" " * 8))

print("\n== 2. abstract syntax tree: ast.dump(ast.parse(...).body[0].body[0]) ==")
tree = ast.parse(SOURCE)
print(ast.dump(tree.body[0].body[0], indent=2))

print("\n== 3. symbol table: symtable.symtable(...), "
      "the compiler's first pass over the tree ==")
scopes = {}
module_table = symtable.symtable(SOURCE, "greet.py", "exec")
for table in [module_table, *module_table.get_children()]:
    for symbol in table.get_symbols():
        what = [w for w in ("parameter", "local", "global", "free")
                if getattr(symbol, f"is_{w}")()]
        scopes[(table.get_name(), symbol.get_name())] = what
        print(f"  {table.get_type()!s:10} {table.get_name():12} "
              f"{symbol.get_name():9} {', '.join(what)}")
assert (scopes[("greet", "print")] == ["global"]
        and "local" in scopes[("greet", "message")]), (
    "claim: the symbol table decides which names are local and which global "
    "before any bytecode exists")

print("\n== 4. code object: compile() ==")
module_code = compile(SOURCE, "greet.py", "exec")
code = next(c for c in module_code.co_consts if hasattr(c, "co_code"))
flags = [name for bit, name in dis.COMPILER_FLAG_NAMES.items() if code.co_flags & bit]
for field in ("co_name", "co_argcount", "co_varnames", "co_names", "co_consts",
              "co_stacksize"):
    print(f"{field:12} = {getattr(code, field)!r}")
print(f"co_flags     = {code.co_flags} = {' | '.join(flags)}")
co_code = f"co_code      = {len(code.co_code)} bytes: {code.co_code.hex(' ')}"
print(textwrap.fill(co_code, 76, subsequent_indent=" " * 15))
pairs = [(dis.opname[op], arg)
         for op, arg in zip(code.co_code[::2], code.co_code[1::2], strict=True)]
print(textwrap.fill("co_code read 2 bytes at a time (opcode, argument): "
                    + " ".join(f"{n}({a})" for n, a in pairs),
                    76, subsequent_indent=" " * 15))
assert code.co_varnames == ("name", "message"), \
    "claim: co_varnames lists the argument, then the local"
assert "print" in code.co_names, "claim: co_names holds the global name print"
assert "Hello, " in code.co_consts, "claim: co_consts holds the string literal"
assert {"OPTIMIZED", "NEWLOCALS"} <= set(flags), \
    "claim: a function's code has the OPTIMIZED and NEWLOCALS flags"

print("\n== 5. bytecode: dis.dis ==")
dis.dis(code)
shown = list(dis.get_instructions(code))
caches = sum(name == "CACHE" for name, _ in pairs)
assert caches > 0 and len(pairs) == len(shown) + caches, \
    "claim: dis lists every unit except inline CACHEs"

print("\n== 6. the optimiser: what compile() changes on the way "
      "(control-flow graph, then assembler) ==")
f_source = "def f():\n    return 60 * 60 * 24\n    print('unreachable')\n"
folded = compile(f_source, "<opt>", "exec").co_consts[0]
optimised = [(i.opname, i.argval) for i in dis.get_instructions(folded)]
print(f_source + "compiles to:", " ".join(
    f"{op}({arg!r})" if arg is not None else op for op, arg in optimised))
assert 86400 in [arg for _, arg in optimised], \
    "claim: the constant expression was folded before it ran"
assert "print" not in [arg for _, arg in optimised], \
    "claim: the unreachable call left no instruction"

print("\n== 7. execution: the virtual machine runs the code object ==")
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
    "c_tokenizer": c_tokenizer,
    "optimised": " ".join(op for op, _ in optimised),
}
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump(data, f)
