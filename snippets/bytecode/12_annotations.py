# Annotates a function with a class not defined yet: an error before 3.14, fine since.
import dis
import json
import os
import sys

SOURCE = ("def area(side: Length) -> Length:\n    return side * side\n\n"
          "class Length(float):\n    pass\n")
print(SOURCE)
module = compile(SOURCE, "shapes.py", "exec")
first = [i for i in dis.get_instructions(module) if i.opname != "CACHE"]
first_store = next(n for n, i in enumerate(first) if i.opname == "STORE_NAME")
before_def = [i.argval for i in first[:first_store]
              if i.opname in ("LOAD_NAME", "LOAD_GLOBAL")]
print("names the module code loads before it stores `area`:", before_def or "none")
data = {"python": sys.version.split()[0], "loads_before_def": before_def}
namespace = {}
try:
    exec(module, namespace)
except NameError as error:
    print(f"exec: NameError at the def statement: {error}")
    assert sys.version_info < (3, 14) and "Length" in before_def, \
        "claim: before 3.14, annotations run at def time"
    data["deferred"] = False
else:
    import annotationlib  # new in 3.14

    area = namespace["area"]
    print("exec: no error; area.__annotate__ is a function:",
          callable(area.__annotate__))
    print("area.__annotations__ (evaluated now, on first access): "
          f"{area.__annotations__}")
    strings = annotationlib.get_annotations(area, format=annotationlib.Format.STRING)
    print(f"annotationlib.get_annotations(area, format=Format.STRING): {strings}")
    print("\ndis of the annotate function the compiler made (code object "
          f"{area.__annotate__.__code__.co_name!r}):")
    dis.dis(area.__annotate__)
    assert "Length" not in before_def, \
        "claim: since 3.14 the def statement evaluates no annotation"
    length = namespace["Length"]
    assert area.__annotations__ == {"side": length, "return": length}, \
        "claim: the annotations are evaluated when asked for"
    data.update(deferred=True, annotate=area.__annotate__.__code__.co_name,
                strings=str(strings))

if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump(data, f)
