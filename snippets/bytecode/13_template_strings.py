# Compiles an f-string and a t-string (PEP 750, 3.14): one builds a str, one a Template.
import dis
import json
import os
import sys

F, T = 'f"Hello {name}!"', 't"Hello {name}!"'
name = "World"
data = {"python": sys.version.split()[0]}
f_code = compile(F, "<f-string>", "eval")
print(f"== dis of {F} ==")
dis.dis(f_code)
f_ops = [i.opname for i in dis.get_instructions(f_code)]
print(f"eval: {eval(f_code)!r}, a {type(eval(f_code)).__name__}")
try:
    t_code = compile(T, "<t-string>", "eval")
except SyntaxError as error:
    print(f"\n== {T} ==\ncompile(): SyntaxError: {error.msg}")
    assert sys.version_info < (3, 14), "claim: t-strings are a syntax error before 3.14"
    data["t_strings"] = False
else:
    print(f"\n== dis of {T} ==")
    dis.dis(t_code)
    t_ops = [i.opname for i in dis.get_instructions(t_code)]
    template = eval(t_code)
    print(f"eval: a {type(template).__module__}.{type(template).__name__}")
    print(f"  .strings = {template.strings!r}")
    print(f"  .interpolations[0]: value {template.interpolations[0].value!r}, "
          f"expression {template.interpolations[0].expression!r}")
    assert "BUILD_STRING" in f_ops and "BUILD_STRING" not in t_ops, \
        "claim: only the f-string joins a str"
    assert {"BUILD_INTERPOLATION", "BUILD_TEMPLATE"} <= set(t_ops), \
        "claim: a t-string builds a Template"
    assert template.strings == ("Hello ", "!") and template.values == ("World",), \
        "claim: parts kept apart"
    data.update(t_strings=True, t_ops=" ".join(o for o in t_ops if o != "RESUME"),
                f_ops=" ".join(o for o in f_ops if o != "RESUME"),
                type=f"{type(template).__module__}.{type(template).__name__}")

if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump(data, f)
